package io.einvoice.gateway.system;

import io.einvoice.gateway.dossier.DossierStatus;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.Firm;
import io.einvoice.gateway.party.PartyImport;
import io.einvoice.gateway.party.PartyRole;
import org.apache.commons.validator.routines.checkdigit.CheckDigitException;
import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;

/**
 * {@code ./gateway parties-bench [N]}: imports a generated CSV of N suppliers (valid SIRENs, VAT numbers, e-mails)
 * into a throw-away dossier and prints how long the dry run and the import take. Progress is logged every 1,000 rows.
 * Uses a throw-away GATEWAY_HOME and the embedded database unless GATEWAY_DB_URL is set.
 */
public final class PartyImportBenchmark {

    private PartyImportBenchmark() {
    }

    public static void run(int count) throws Exception {
        BenchHome.run("gateway-parties-bench-", home -> {
            GatewayConfig env = GatewayConfig.fromEnvironment(System.getenv());
            boolean embedded = System.getenv("GATEWAY_DB_URL") == null;
            GatewayConfig config = new GatewayConfig(home, 0, embedded ? GatewayConfig.h2Url(home) : env.dbUrl(),
                    embedded ? "sa" : env.dbUser(), embedded ? "" : env.dbPassword(), env.maxFileBytes(), env.routesDir(),
                    env.folderPollMillis());
            byte[] csv = csv(count);
            System.out.printf(Locale.ROOT, "parties-bench: %d suppliers, CSV of %,d bytes, database %s%n", count, csv.length,
                    embedded ? "H2" : config.dbUrl());
            try (Gateway gateway = Gateway.create(config)) {
                var services = gateway.services();
                Firm firm = new Firm(UUID.randomUUID().toString(), "Bench", "443322110");
                services.dossiers().insertFirm(firm);
                String siren = "123456782";
                Dossier dossier = new Dossier(UUID.randomUUID().toString(), firm.id(), siren, null, "Bench", null, 12, DossierStatus.ACTIVATED.name(), false);
                services.dossiers().insert(dossier);

                long started = System.nanoTime();
                PartyImport.Report dry = services.partyImport().run(dossier.id(), PartyRole.SUPPLIER, csv, null, true);
                System.out.printf(Locale.ROOT, "parties-bench: dry run %d rows, %d errors in %.2f s%n", dry.rows(),
                        dry.errors().size(), seconds(started));
                started = System.nanoTime();
                PartyImport.Report done = services.partyImport().run(dossier.id(), PartyRole.SUPPLIER, csv, null, false);
                double took = seconds(started);
                System.out.printf(Locale.ROOT, "parties-bench: imported %d suppliers in %.2f s (%.0f rows/s), %d errors%n",
                        done.imported(), took, done.imported() / took, done.errors().size());
                started = System.nanoTime();
                long found = services.parties().count(dossier.id(), PartyRole.SUPPLIER, "fournisseur 0999", null);
                System.out.printf(Locale.ROOT, "parties-bench: search 'fournisseur 0999' -> %d in %.3f s%n", found, seconds(started));
                if (done.imported() != count) {
                    throw new IllegalStateException("parties-bench: " + done.imported() + " of " + count + " suppliers imported");
                }
            }
        });
    }

    private static byte[] csv(int count) throws CheckDigitException {
        StringBuilder text = new StringBuilder("Raison sociale;SIREN;N° TVA intracommunautaire;E-mail;Ville;De confiance\n");
        for (int i = 0; i < count; i++) {
            String base = String.format(Locale.ROOT, "%08d", 10_000_000 + i);
            String siren = base + LuhnCheckDigit.LUHN_CHECK_DIGIT.calculate(base);
            long key = (12 + 3 * (Long.parseLong(siren) % 97)) % 97;
            text.append(String.format(Locale.ROOT, "Fournisseur %05d Société;%s;FR%02d%s;compta%d@fournisseur.fr;Lyon;%s%n",
                    i, siren, key, siren, i, i % 10 == 0 ? "oui" : "non"));
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
