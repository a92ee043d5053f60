package io.einvoice.gateway.accounting;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.system.GatewayContract;
import io.einvoice.gateway.system.RecordsItsOwnVerdicts;
import io.einvoice.gateway.system.TestGateway;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static io.einvoice.gateway.system.TestGateway.ADMIN_EMAIL;
import static io.einvoice.gateway.system.TestGateway.SIREN_A;
import static io.einvoice.gateway.system.TestGateway.SIREN_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pre-accounting over the real gateway, database and HTTP API: purchase invoices dropped in a folder and approved by a
 * person get their journal entry from the approval route, corrections teach a supplier's accounts, the FEC export
 * passes the checker and marks documents once, automatic export writes the dossier's folder, tenants are walls.
 * Validation is another step: these tests record its verdict themselves, as ApprovalContract does.
 */
@RecordsItsOwnVerdicts
abstract class AccountingContract extends GatewayContract {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    String admin;

    @BeforeAll
    void start() throws Exception {
        admin = gw.login(ADMIN_EMAIL);
        for (String siren : List.of(SIREN_A, SIREN_B)) {
            body(gw.post("/api/dossiers/" + siren + "/suppliers", admin, "{\"companyName\":\"Fournitures Lumière SARL\","
                    + "\"siren\":\"" + SampleInvoices.SELLER_SIREN + "\",\"iban\":\"" + SampleInvoices.SELLER_IBAN + "\"}"), 201);
        }
    }

    @Test
    void anApprovedPurchaseInvoiceIsBookedOnceBalancedAndItsFirstCorrectionIsLearntForTheSupplier() throws Exception {
        String first = approved(SIREN_A, "ACC-LEARN-1");
        JsonNode entry = awaitEntry(first, gw.keyA);
        assertThat(entry.get("journalCode").asText()).isEqualTo("HA");
        assertThat(entry.get("partyKey").asText()).isEqualTo("SIREN:" + SampleInvoices.SELLER_SIREN);
        assertBalanced(entry);
        JsonNode party = last(entry.get("lines"));
        assertThat(party.get("role").asText()).isEqualTo("PARTY");
        assertThat(party.get("account").asText()).isEqualTo("401");
        assertThat(new BigDecimal(party.get("credit").asText())).isEqualByComparingTo(SampleInvoices.TOTAL_INCL_VAT);
        assertThat(gw.gateway.camel().getRegistry().lookupByNameAndType("journalService", JournalService.class).generate(first))
                .as("generated once").isFalse();
        assertThat(body(gw.get("/api/documents/" + first + "/journal", gw.keyA), 200).get("seq").asLong())
                .isEqualTo(entry.get("seq").asLong());

        assertError(gw.put("/api/documents/" + first + "/journal/account", gw.keyA, "{\"account\":\"706000\"}"), 400, "class 6 or 2");
        assertError(gw.put("/api/documents/" + first + "/journal/account", gw.keyA, "{\"account\":\"<b>x</b>\"}"), 400,
                "account number");
        assertThat(gw.put("/api/documents/" + first + "/journal/account", gw.keyA, "{\"account\":\"<b>x</b>\"}").body())
                .doesNotContain("<b>");
        assertError(gw.put("/api/documents/" + first + "/journal/account", gw.keyA, "{}"), 400, "give account");
        JsonNode corrected = body(gw.put("/api/documents/" + first + "/journal/account", gw.keyA,
                "{\"account\":\"606300\",\"auxiliaryAccount\":\"401lumi\"}"), 200);
        assertThat(corrected.get("lines").findValuesAsText("account")).contains("606300").doesNotContain("606000");
        assertBalanced(corrected);
        JsonNode suppliers = body(gw.get("/api/dossiers/" + SIREN_A + "/accounting/suppliers", gw.keyA), 200);
        assertThat(suppliers).hasSize(1);
        assertThat(suppliers.get(0).get("expenseAccount").asText()).isEqualTo("606300");
        assertThat(suppliers.get(0).get("auxiliaryAccount").asText()).isEqualTo("401LUMI");
        assertThat(suppliers.get(0).get("source").asText()).isEqualTo("LEARNT");

        String second = approved(SIREN_A, "ACC-LEARN-2");
        JsonNode learnt = awaitEntry(second, gw.keyA);
        assertThat(learnt.get("lines").findValuesAsText("account")).contains("606300");
        assertThat(last(learnt.get("lines")).get("auxAccount").asText()).isEqualTo("401LUMI");
        assertThat(learnt.get("seq").asLong()).isGreaterThan(entry.get("seq").asLong());
        // a later correction changes its own entry only; the supplier's accounts are edited through the API
        body(gw.put("/api/documents/" + second + "/journal/account", gw.keyA, "{\"account\":\"626000\"}"), 200);
        assertThat(body(gw.get("/api/dossiers/" + SIREN_A + "/accounting/suppliers", gw.keyA), 200).get(0)
                .get("expenseAccount").asText()).isEqualTo("606300");
        JsonNode edited = body(gw.put("/api/dossiers/" + SIREN_A + "/accounting/suppliers/SIREN:" + SampleInvoices.SELLER_SIREN,
                gw.keyA, "{\"expenseAccount\":\"615000\",\"auxiliaryAccount\":\"401LUMI\"}"), 200);
        assertThat(edited.get("source").asText()).isEqualTo("SET");
        assertError(gw.put("/api/dossiers/" + SIREN_A + "/accounting/suppliers/whoever", gw.keyA,
                "{\"expenseAccount\":\"615000\",\"auxiliaryAccount\":\"401LUMI\"}"), 400, "SIREN:<siren>");
    }

    @Test
    void aFecExportPassesTheCheckerMarksEachDocumentOnceAndARerunChangesNothing() throws Exception {
        String id = approved(SIREN_A, "ACC-FEC-1");
        JsonNode entry = awaitEntry(id, gw.keyA);
        LocalDate day = LocalDate.parse(entry.get("entryDate").asText());
        String query = "/api/dossiers/" + SIREN_A + "/accounting/export?from=" + day.minusDays(1) + "&to=" + day.plusDays(1);

        HttpResponse<byte[]> fec = gw.getBytes(query + "&format=fec", gw.keyA);
        assertThat(fec.statusCode()).isEqualTo(200);
        String name = SIREN_A + "FEC" + day.plusDays(1).toString().replace("-", "") + ".txt";
        assertThat(fec.headers().firstValue("Content-Disposition").orElseThrow()).contains(name);
        String charset = fec.headers().firstValue("Content-Type").orElseThrow().replaceAll(".*charset=", "");
        assertThat(FecChecker.check(name, charset, fec.body())).isEmpty();
        assertThat(new String(fec.body(), charset)).contains("|" + entry.get("seq").asText() + "|").contains("ACC-FEC-1");
        JsonNode document = body(gw.get("/api/documents/" + id, gw.keyA), 200);
        assertThat(document.get("accountingStatus").asText()).isEqualTo("EXPORTED");
        long exportedEvents = exportEvents(document);
        assertThat(exportedEvents).isEqualTo(1);

        HttpResponse<byte[]> again = gw.getBytes(query + "&format=fec", gw.keyA);
        assertThat(again.body()).as("the same entries, not marked again").isEqualTo(fec.body());
        assertThat(exportEvents(body(gw.get("/api/documents/" + id, gw.keyA), 200))).isEqualTo(1);
        assertError(gw.put("/api/documents/" + id + "/journal/account", gw.keyA, "{\"account\":\"606100\"}"), 409,
                "exported already");

        HttpResponse<byte[]> csv = gw.getBytes(query + "&format=csv", gw.keyA);
        assertThat(new String(csv.body(), "UTF-8")).startsWith("journal,entry,date,account").contains("ACC-FEC-1");
        HttpResponse<byte[]> quadra = gw.getBytes(query + "&format=quadra", gw.keyA);
        List<String> rows = new String(quadra.body(), "ISO-8859-15").lines().toList();
        assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r).startsWith("M").hasSize(QuadraFile.LINE_LENGTH));
        HttpResponse<byte[]> zip = gw.getBytes(query + "&format=fec&pdfs=true", gw.keyA);
        assertThat(zip.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/zip");
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        assertThat(names).contains(name).anyMatch(n -> n.startsWith("pdf/") && n.contains("ACC-FEC-1") && n.endsWith(".pdf"));
    }

    @Test
    void settingsHaveDefaultsAndBadRequestsAreRefusedWithOurOwnSentence() throws Exception {
        JsonNode defaults = body(gw.get("/api/dossiers/" + SIREN_B + "/accounting/settings", gw.keyB), 200);
        assertThat(defaults.get("supplierPrefix").asText()).isEqualTo("401");
        assertThat(defaults.get("customerPrefix").asText()).isEqualTo("411");
        assertThat(defaults.get("vatDeductible").asText()).isEqualTo("44566");
        assertThat(defaults.get("vatCollected").asText()).isEqualTo("44571");
        assertThat(defaults.get("vatReverseCharge").asText()).isEqualTo("4452");
        assertError(gw.put("/api/dossiers/" + SIREN_B + "/accounting/settings", gw.keyB, "{\"expenseAccount\":\"607000\"}"),
                403, "API key");
        assertError(gw.put("/api/dossiers/" + SIREN_B + "/accounting/settings", admin,
                "{\"expenseAccount\":\"411000\",\"autoExport\":\"HOURLY\",\"reverseChargeRate\":150}"), 400, "class 6");
        JsonNode saved = body(gw.put("/api/dossiers/" + SIREN_B + "/accounting/settings", admin,
                "{\"expenseAccount\":\"607000\",\"purchaseJournal\":\"ACH\"}"), 200);
        assertThat(saved.get("expenseAccount").asText()).isEqualTo("607000");
        assertThat(saved.get("salesAccount").asText()).as("unchanged").isEqualTo("706000");

        String base = "/api/dossiers/" + SIREN_A + "/accounting/export?";
        assertError(gw.get(base + "from=2026-01-01&to=2026-01-31&format=%3Cxls%3E", gw.keyA), 400, "fec, csv, quadra");
        assertThat(gw.get(base + "from=2026-01-01&to=2026-01-31&format=%3Cxls%3E", gw.keyA).body()).doesNotContain("<xls>");
        assertError(gw.get(base + "to=2026-01-31", gw.keyA), 400, "from is required");
        assertError(gw.get(base + "from=31/01/2026&to=2026-01-31", gw.keyA), 400, "AAAA-MM-JJ");
        assertError(gw.get(base + "from=2026-02-01&to=2026-01-31", gw.keyA), 422, "ends before it starts");
        assertError(gw.get(base + "from=2020-01-01&to=2026-01-31", gw.keyA), 422, "at most 731 days");
    }

    @Test
    void anotherDossierSeesNoneOfItsEntriesSettingsOrExports() throws Exception {
        String id = approved(SIREN_A, "ACC-WALL-1");
        awaitEntry(id, gw.keyA);
        assertThat(gw.get("/api/documents/" + id + "/journal", gw.keyB).statusCode()).isEqualTo(404);
        assertThat(gw.put("/api/documents/" + id + "/journal/account", gw.keyB, "{\"account\":\"606100\"}").statusCode())
                .isEqualTo(404);
        assertThat(gw.get("/api/dossiers/" + SIREN_A + "/accounting/settings", gw.keyB).statusCode()).isEqualTo(404);
        assertThat(gw.get("/api/dossiers/" + SIREN_A + "/accounting/suppliers", gw.keyB).statusCode()).isEqualTo(404);
        assertThat(gw.get("/api/dossiers/" + SIREN_A + "/accounting/export?from=2026-01-01&to=2026-01-31", gw.keyB)
                .statusCode()).isEqualTo(404);
        String user = gw.login(TestGateway.USER_EMAIL);
        assertThat(gw.get("/api/dossiers/" + SIREN_B + "/accounting/settings", user).statusCode()).isEqualTo(404);
        assertThat(gw.get("/api/dossiers/" + SIREN_A + "/accounting/settings", user).statusCode()).isEqualTo(200);
        assertThat(gw.get("/api/documents/" + id + "/journal", user).statusCode()).isEqualTo(200);
    }

    @Test
    void anAutomaticExportOnApprovalWritesTheDossierFolderOnce() throws Exception {
        body(gw.put("/api/dossiers/" + SIREN_B + "/accounting/settings", admin, "{\"autoExport\":\"ON_APPROVAL\"}"), 200);
        String id = approved(SIREN_B, "ACC-AUTO-1");
        Path folder = home.resolve("export").resolve(SIREN_B);
        await().atMost(PATIENCE).until(() -> fecFiles(folder).size() == 1);
        Path file = fecFiles(folder).get(0);
        assertThat(FecChecker.check(file.getFileName().toString(), "ISO-8859-15", Files.readAllBytes(file))).isEmpty();
        await().atMost(PATIENCE).until(() -> "EXPORTED".equals(body(gw.get("/api/documents/" + id, gw.keyB), 200)
                .get("accountingStatus").asText()));
        Thread.sleep(1000); // a few ticks of the export route: nothing new to export, no new file
        assertThat(fecFiles(folder)).hasSize(1);
        body(gw.put("/api/dossiers/" + SIREN_B + "/accounting/settings", admin, "{\"autoExport\":\"NONE\"}"), 200);
    }

    @Test
    void anAutomaticExportByEmailReachesTheAccountantOnlyOnceTheServerTookIt() throws Exception {
        String settings = "/api/dossiers/" + SIREN_A + "/accounting/settings";
        String byMail = "{\"autoExport\":\"ON_APPROVAL\",\"autoExportTarget\":\"EMAIL\","
                + "\"autoExportEmail\":\"compta@cabinet-dupont.fr\"}";
        assertError(gw.put(settings, admin, byMail), 409, "SMTP settings");
        assertError(gw.put(settings, admin, "{\"autoExportTarget\":\"EMAIL\"}"), 400, "autoExportEmail is required");
        HttpResponse<String> bad = gw.put(settings, admin, "{\"autoExportTarget\":\"FAX\",\"autoExportEmail\":\"<b>x@\"}");
        assertError(bad, 400, "FOLDER or EMAIL");
        assertThat(bad.body()).contains("one e-mail address").doesNotContain("<b>");

        GreenMail mail = new GreenMail(new ServerSetup(TestGateway.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        try {
            mail.setUser("exports@cabinet-dupont.fr", "exports", "right");
            String smtp = "{\"host\":\"127.0.0.1\",\"port\":" + mail.getSmtp().getPort() + ",\"tlsMode\":\"NONE\","
                    + "\"sender\":\"exports@cabinet-dupont.fr\",\"username\":\"exports\",\"password\":\"";
            body(gw.put("/api/dossiers/" + SIREN_A + "/smtp", admin, smtp + "wrong\"}"), 200);
            JsonNode saved = body(gw.put(settings, admin, byMail), 200);
            assertThat(saved.get("autoExportTarget").asText()).isEqualTo("EMAIL");
            assertThat(saved.get("autoExportEmail").asText()).isEqualTo("compta@cabinet-dupont.fr");

            String id = approved(SIREN_A, "ACC-MAIL-1");
            awaitEntry(id, gw.keyA);
            Thread.sleep(1500); // ticks of the export route: the server refuses the login, nothing may be marked
            assertThat(mail.getReceivedMessages()).isEmpty();
            assertThat(body(gw.get("/api/documents/" + id, gw.keyA), 200).get("accountingStatus").asText())
                    .isNotEqualTo("EXPORTED");

            // corrected settings are tried at once, not after the refused mail's wait
            body(gw.put("/api/dossiers/" + SIREN_A + "/smtp", admin, smtp + "right\"}"), 200);
            await().atMost(PATIENCE).until(() -> mail.getReceivedMessages().length == 1);
            MimeMessage message = mail.getReceivedMessages()[0];
            assertThat(message.getAllRecipients()).extracting(Object::toString).containsExactly("compta@cabinet-dupont.fr");
            assertThat(message.getSubject()).contains(SIREN_A);
            MimeBodyPart file = (MimeBodyPart) ((MimeMultipart) message.getContent()).getBodyPart(1);
            String name = file.getFileName();
            assertThat(name).matches(SIREN_A + "FEC\\d{8}\\.txt");
            byte[] fec = file.getInputStream().readAllBytes();
            assertThat(FecChecker.check(name, "ISO-8859-15", fec)).isEmpty();
            assertThat(new String(fec, "ISO-8859-15")).contains("ACC-MAIL-1");
            await().atMost(PATIENCE).until(() -> "EXPORTED".equals(body(gw.get("/api/documents/" + id, gw.keyA), 200)
                    .get("accountingStatus").asText()));
            assertThat(fecFiles(home.resolve("export").resolve(SIREN_A))).as("a copy is kept in the folder")
                    .anyMatch(p -> p.getFileName().toString().equals(name));
            Thread.sleep(1000);
            assertThat(mail.getReceivedMessages()).as("nothing new, nothing mailed again").hasSize(1);
        } finally {
            body(gw.put(settings, admin, "{\"autoExport\":\"NONE\",\"autoExportTarget\":\"FOLDER\"}"), 200);
            mail.stop();
        }
    }

    @Test
    void aSubCustomerBilledThroughItsParentHasItsInvoicesAddressedToTheParent() throws Exception {
        String parent = body(gw.post("/api/dossiers/" + SIREN_B + "/customers", gw.keyB, "{\"companyName\":\"Siège Groupe SA\","
                + "\"siren\":\"732829320\"}"), 201).get("id").asText();
        String branch = body(gw.post("/api/dossiers/" + SIREN_B + "/customers", gw.keyB, "{\"companyName\":\"Agence de Lyon\","
                + "\"parentId\":\"" + parent + "\",\"billWithParent\":true}"), 201).get("id").asText();
        String alone = body(gw.post("/api/dossiers/" + SIREN_B + "/customers", gw.keyB, "{\"companyName\":\"Agence de Nice\","
                + "\"parentId\":\"" + parent + "\",\"billWithParent\":false}"), 201).get("id").asText();
        String lines = "\"lines\":[{\"label\":\"Conseil\",\"quantity\":1,\"unitPrice\":100,\"vatRate\":20}]";
        String billed = body(gw.post("/api/dossiers/" + SIREN_B + "/sales-invoices", gw.keyB, "{\"customerId\":\"" + branch
                + "\"," + lines + "}"), 201).get("id").asText();
        String own = body(gw.post("/api/dossiers/" + SIREN_B + "/sales-invoices", gw.keyB, "{\"customerId\":\"" + alone
                + "\"," + lines + "}"), 201).get("id").asText();
        assertThat(body(gw.get("/api/documents/" + billed, gw.keyB), 200).get("buyerName").asText()).isEqualTo("Siège Groupe SA");
        assertThat(body(gw.get("/api/documents/" + own, gw.keyB), 200).get("buyerName").asText()).isEqualTo("Agence de Nice");
    }

    @Test
    void theExportCommandWritesTheFileAsTheReadmeTypesItAndRefusesBadArguments() throws Exception {
        String id = approved(SIREN_A, "ACC-CLI-1");
        LocalDate day = LocalDate.parse(awaitEntry(id, gw.keyA).get("entryDate").asText());
        Path file = home.resolve("cli-fec.txt");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        try (var database = io.einvoice.gateway.system.Database.open(gw.database.url(), gw.database.user(),
                gw.database.password())) {
            ExportCommand command = new ExportCommand(new java.io.PrintStream(out, true, "UTF-8"),
                    new java.io.PrintStream(err, true, "UTF-8"));
            int code = command.run(new String[]{"--dossier", SIREN_A, "--from", day.toString(), "--to", day.toString(),
                    "--format", "fec", "-o", file.toString()}, database, gw.gateway.config().blobs());
            assertThat(code).as(err.toString()).isZero();
            String name = SIREN_A + "FEC" + day.toString().replace("-", "") + ".txt";
            assertThat(FecChecker.check(name, "ISO-8859-15", Files.readAllBytes(file))).isEmpty();
            assertThat(new String(Files.readAllBytes(file), "ISO-8859-15")).contains("ACC-CLI-1");
            assertThat(body(gw.get("/api/documents/" + id, gw.keyA), 200).get("accountingStatus").asText()).isEqualTo("EXPORTED");

            assertThat(command.run(new String[]{"--dossier", SIREN_A, "--from", "2026-13-01", "--to", "2026-01-31", "-o",
                    file.toString()}, database, gw.gateway.config().blobs())).isEqualTo(2);
            assertThat(err.toString()).contains("--from must be a date as AAAA-MM-JJ").doesNotContain("2026-13-01");
            assertThat(command.run(new String[]{"--dossier", "999999999", "--from", "2026-01-01", "--to", "2026-01-31", "-o",
                    file.toString()}, database, gw.gateway.config().blobs())).isEqualTo(2);
            assertThat(err.toString()).contains("no dossier with that SIREN");
        }
    }

    // --- helpers

    /** A sample purchase invoice dropped in the dossier's folder, validated, then approved by a person. */
    private String approved(String siren, String number) throws Exception {
        gw.drop(siren, number + ".pdf", SampleInvoices.facturXPdf(number));
        String id = gw.awaitListed(siren, siren.equals(SIREN_A) ? gw.keyA : gw.keyB, PATIENCE, d ->
                number.equals(d.path("number").asText()) && "PENDING_APPROVAL".equals(d.path("status").asText())).get("id").asText();
        gw.recordCleanValidation(id);
        gw.gateway.services().approvals().evaluate(id);
        body(gw.post("/api/documents/" + id + "/approve", admin, ""), 200);
        return id;
    }

    private JsonNode awaitEntry(String id, String key) throws Exception {
        return gw.awaitFound("/api/documents/" + id + "/journal", key, PATIENCE);
    }

    private static List<Path> fecFiles(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> p.getFileName().toString().matches("\\d{9}FEC\\d{8}\\.txt")).toList();
        }
    }

    private static long exportEvents(JsonNode document) {
        long n = 0;
        for (JsonNode e : document.get("events")) {
            if ("ACCOUNTING_STATUS".equals(e.get("type").asText())) {
                n++;
            }
        }
        return n;
    }

    private static void assertBalanced(JsonNode entry) {
        BigDecimal debit = BigDecimal.ZERO;
        BigDecimal credit = BigDecimal.ZERO;
        for (JsonNode l : entry.get("lines")) {
            debit = debit.add(new BigDecimal(l.get("debit").asText()));
            credit = credit.add(new BigDecimal(l.get("credit").asText()));
        }
        assertThat(debit).isPositive().isEqualByComparingTo(credit);
    }

    private static JsonNode last(JsonNode array) {
        return array.get(array.size() - 1);
    }

    private static JsonNode body(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private static void assertError(HttpResponse<String> response, int status, String messagePart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains(messagePart);
    }
}
