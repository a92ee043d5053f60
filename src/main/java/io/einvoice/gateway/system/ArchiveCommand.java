package io.einvoice.gateway.system;

import io.einvoice.gateway.archive.Archive;
import io.einvoice.gateway.archive.ArchiveExporter;
import io.einvoice.gateway.archive.ArchiveVerifier;
import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.dossier.DossierRepository;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code ./gateway archive verify [--dossier SIREN]} and {@code ./gateway archive export --dossier SIREN --from DATE
 * --to DATE -o FILE}: open the database and blob store of GATEWAY_HOME / GATEWAY_DB_URL without starting Camel.
 * Exit status: 0 done and intact, 1 the archive is broken, 2 the command could not run.
 */
public final class ArchiveCommand {

    static final String USAGE = "usage: ./gateway archive verify [--dossier SIREN]\n"
            + "       ./gateway archive export --dossier SIREN --from YYYY-MM-DD --to YYYY-MM-DD -o FILE.zip";

    private final PrintStream out;
    private final PrintStream err;

    public ArchiveCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(String[] args, GatewayConfig config) {
        if (args.length == 0) {
            err.println(USAGE);
            return 2;
        }
        try {
            Map<String, String> options = options(args);
            try (Database database = Database.open(config.dbUrl(), config.dbUser(), config.dbPassword())) {
                Archive archive = open(database, config);
                return switch (args[0]) {
                    case "verify" -> verify(archive.verifier(), options.get("--dossier"));
                    case "export" -> export(archive.exporter(), options);
                    default -> throw new IllegalArgumentException("unknown archive command '" + args[0] + "'");
                };
            }
        } catch (IllegalArgumentException e) {
            err.println("archive: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (Exception e) {
            err.println("archive: could not run: " + e);
            return 2;
        }
    }

    static Archive open(Database database, GatewayConfig config) {
        BlobStore blobs = new BlobStore(config.blobs());
        return Archive.create(database.jdbc(), database.transactions(), blobs, new DocumentRepository(database.jdbc()),
                new DossierRepository(database.jdbc()), Archive.DEFAULT_RETENTION_YEARS);
    }

    int verify(ArchiveVerifier verifier, String siren) {
        long started = System.nanoTime();
        ArchiveVerifier.Result result = verifier.verify(siren, (done, total) -> {
            if (done % 1000 == 0 || done == total) {
                err.printf("archive verify: %d/%d entries checked%n", done, total);
            }
        });
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (result.intact()) {
            out.printf("archive intact: %d entries verified in %d ms%s%n", result.entries(), millis,
                    siren == null ? "" : " (dossier " + siren + ")");
            return 0;
        }
        for (ArchiveVerifier.Break broken : result.breaks()) {
            out.println("BROKEN " + broken);
        }
        out.printf("archive NOT intact: %d dossier(s) broken; %d entries checked in %d ms%n", result.breaks().size(),
                result.entries(), millis);
        return 1;
    }

    int export(ArchiveExporter exporter, Map<String, String> options) throws Exception {
        String siren = required(options, "--dossier");
        LocalDate from = date(required(options, "--from"));
        LocalDate to = date(required(options, "--to"));
        Path file = Path.of(required(options, "-o")).toAbsolutePath();
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        ArchiveExporter.Summary summary;
        try (OutputStream zip = Files.newOutputStream(partial)) {
            summary = exporter.export(siren, from, to, zip);
        } catch (Exception e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        out.printf("exported %d entries of dossier %s (%s to %s) to %s%nlast entry hash %s — keep it apart from the bundle%n",
                summary.entries(), siren, from, to, file, summary.lastEntryHash());
        return 0;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("-") || i + 1 == args.length) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
            }
            options.put(args[i], args[++i]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("dates are yyyy-MM-dd, got '" + value + "'");
        }
    }
}
