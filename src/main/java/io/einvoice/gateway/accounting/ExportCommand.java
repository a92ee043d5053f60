package io.einvoice.gateway.accounting;

import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.system.Database;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./gateway export --dossier SIREN --from AAAA-MM-JJ --to AAAA-MM-JJ --format fec|csv|quadra [--pdfs] -o FILE}:
 * the export of the API, for an operator, on the gateway's database. The documents in it become EXPORTED once.
 */
public final class ExportCommand {

    static final String USAGE = "usage: ./gateway export --dossier SIREN --from AAAA-MM-JJ --to AAAA-MM-JJ"
            + " --format fec|csv|quadra [--pdfs] -o FILE";
    private static final Set<String> VALUED = Set.of("--dossier", "--from", "--to", "--format", "-o");

    private final PrintStream out;
    private final PrintStream err;

    public ExportCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** @return 0 when the file is written, 2 otherwise (the reason on standard error) */
    public int run(String[] args, Database database, Path blobs) {
        try {
            Map<String, String> options = options(args);
            String siren = required(options, "--dossier");
            Path target = Path.of(required(options, "-o"));
            ExportFormat format = ExportFormat.parse(options.get("--format"));
            LocalDate from = day(required(options, "--from"), "--from");
            LocalDate to = day(required(options, "--to"), "--to");
            Dossier dossier = new DossierRepository(database.jdbc()).findBySiren(siren)
                    .orElseThrow(() -> new IllegalArgumentException("no dossier with that SIREN in this gateway"));
            AccountingExport export = new AccountingExport(new JournalRepository(database.jdbc()),
                    new DocumentRepository(database.jdbc()), new BlobStore(blobs), database.transactions(),
                    AccountingBeans.PARIS);
            AccountingExport.Result result = export.period(dossier, from, to, format, options.containsKey("--pdfs"));
            try {
                Files.move(result.file(), target, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(result.file());
            }
            int marked = export.markExported(dossier, result, "cli:export");
            out.println(target + ": " + result.fileName() + " content, " + result.entries().size() + " entries, "
                    + marked + " documents exported for the first time");
            return 0;
        } catch (IllegalArgumentException | ExportRefusedException e) {
            err.println("export: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (Exception e) {
            err.println("export: could not run: " + e.getMessage() + ". Check the database settings (GATEWAY_DB_URL) and"
                    + " that the output folder is writable");
            return 2;
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--pdfs")) {
                options.put("--pdfs", "true");
            } else if (VALUED.contains(args[i]) && i + 1 < args.length) {
                options.put(args[i], args[++i]);
            } else {
                throw new IllegalArgumentException("unknown or incomplete option (argument " + (i + 1) + ")");
            }
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static LocalDate day(String text, String name) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a date as AAAA-MM-JJ");
        }
    }
}
