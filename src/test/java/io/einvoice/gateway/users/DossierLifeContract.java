package io.einvoice.gateway.users;

import com.fasterxml.jackson.databind.JsonNode;
import io.einvoice.gateway.accounting.FecChecker;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.system.GatewayContract;
import io.einvoice.gateway.system.RecordsItsOwnVerdicts;
import io.einvoice.gateway.system.MailsThroughRelay;
import io.einvoice.gateway.system.TestDatabase;
import io.einvoice.gateway.system.TestGateway;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 16's "done when", over the real gateway, database, HTTP API and a real mail server (GreenMail): from an empty
 * database the firm is created at first start, a colleague is invited, 200 dossiers are imported from a file, one is
 * activated (what arrived for it before is held, then released; its contact is invited as its CLIENT), invoices are
 * received and approved, and the FEC export passes the checker; the totals say so. Also the dossier's life rules, the
 * import's refusals line by line, bad files, and the formula-safe export. Validation is another step: its verdict is
 * recorded by the test, as AccountingContract does.
 */
@MailsThroughRelay("passerelle@cabinet.test")
@RecordsItsOwnVerdicts
abstract class DossierLifeContract extends GatewayContract {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Pattern TOKEN = Pattern.compile("egi_[A-Za-z0-9_-]{43}");
    private static final String FIRM_SIREN = "443322110";
    private static final String ADMIN = "admin@cabinet.test";
    private static final String COLLEAGUE = "collegue@cabinet.test";
    private static final String CONTACT = "claire@demonstration.test";
    private static final String PASSWORD = "correct horse battery staple";
    /** The buyer of the sample invoices: the dossier that receives them. */
    private static final String CLIENT_SIREN = SampleInvoices.BUYER_SIREN;

    String admin;

    /** From an empty database: the firm is created by the first start. */
    @Override
    protected TestGateway startGateway(Path home, TestDatabase database) throws Exception {
        return TestGateway.startEmpty(home, database, relayOutbound());
    }

    @BeforeAll
    void start() throws Exception {
        gw.gateway.firstStart(Map.of("GATEWAY_ADMIN_EMAIL", ADMIN, "GATEWAY_ADMIN_PASSWORD", PASSWORD,
                "GATEWAY_FIRM_SIREN", FIRM_SIREN, "GATEWAY_FIRM_NAME", "Cabinet Plateforme"));
        admin = gw.login(ADMIN, PASSWORD);
    }

    @Test
    void aFirmInvitesAColleagueImports200DossiersActivatesOneReceivesApprovesAndExportsACheckedFec() throws Exception {
        // a colleague, invited by mail, assigned to dossiers by the import
        body(gw.post("/api/users/invitations", admin, "{\"email\":\"" + COLLEAGUE + "\",\"displayName\":\"Collègue\","
                + "\"role\":\"USER\"}"), 201);
        body(gw.post("/api/invitations/accept", null, JSON.writeValueAsString(Map.of("token", tokenIn(mailTo(COLLEAGUE)),
                "password", PASSWORD))), 200);
        String colleague = gw.login(COLLEAGUE, PASSWORD);

        StringBuilder csv = new StringBuilder("SIREN;Raison sociale;Mois de clôture;E-mail du contact;Nom du contact;"
                + "Inviter le contact;Utilisateur assigné\n");
        csv.append(CLIENT_SIREN).append(";DEMONSTRATION SAS;12;").append(CONTACT).append(";Claire Client;oui;")
                .append(COLLEAGUE).append('\n');
        for (int i = 1; i < 200; i++) {
            csv.append(siren(20_000_000 + i)).append(";Client ").append(i).append(';').append(1 + i % 12).append(";;;non;")
                    .append(i % 2 == 0 ? COLLEAGUE : "").append('\n');
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        JsonNode dry = body(gw.postBytes("/api/firm/dossiers/import?dryRun=true", admin, "text/csv", file), 200);
        assertThat(dry.get("errors")).isEmpty();
        assertThat(dry.get("rows").asInt()).isEqualTo(200);
        assertThat(dry.get("imported").asInt()).isZero();
        assertThat(gw.get("/api/dossiers/" + CLIENT_SIREN, admin).statusCode()).as("a dry run imports nothing").isEqualTo(404);

        JsonNode imported = body(gw.postBytes("/api/firm/dossiers/import", admin, "text/csv", file), 200);
        assertThat(imported.get("imported").asInt()).isEqualTo(200);
        JsonNode client = body(gw.get("/api/dossiers/" + CLIENT_SIREN, admin), 200);
        assertThat(client.get("status").asText()).isEqualTo("CREATED");
        assertThat(body(gw.get("/api/dossiers", colleague), 200)).as("the colleague's assigned dossiers").hasSize(100);
        assertThat(Files.isDirectory(gw.purchaseFolder(CLIENT_SIREN))).as("drop folders made").isTrue();

        // what arrives before the activation is kept, shown HELD, not read
        drop(CLIENT_SIREN, "DONE-1");
        JsonNode held = awaitDocument(CLIENT_SIREN, "HELD", admin);
        assertThat(held.get("statusReason").asText()).contains("not activated");
        assertThat(held.get("number").isNull()).as("not read yet").isTrue();

        JsonNode activated = body(gw.post("/api/dossiers/" + CLIENT_SIREN + "/status", admin, "{\"status\":\"ACTIVATED\"}"), 200);
        assertThat(activated.get("from").asText()).isEqualTo("CREATED");
        assertThat(activated.get("released").asInt()).isEqualTo(1);
        assertThat(activated.get("invitation").asText()).isEqualTo("invitation sent to " + CONTACT);
        body(gw.post("/api/invitations/accept", null, JSON.writeValueAsString(Map.of("token", tokenIn(mailTo(CONTACT)),
                "password", PASSWORD))), 200);
        String contact = gw.login(CONTACT, PASSWORD);
        JsonNode seen = body(gw.get("/api/dossiers", contact), 200);
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).get("siren").asText()).isEqualTo(CLIENT_SIREN);

        // invoices, received and approved by the colleague, booked, exported as a FEC the checker accepts
        body(gw.post("/api/dossiers/" + CLIENT_SIREN + "/suppliers", admin, "{\"companyName\":\"" + SampleInvoices.SELLER_NAME
                + "\",\"siren\":\"" + SampleInvoices.SELLER_SIREN + "\",\"iban\":\"" + SampleInvoices.SELLER_IBAN + "\"}"), 201);
        String first = approve(pending(held.get("id").asText()), colleague);
        drop(CLIENT_SIREN, "DONE-2");
        String second = approve(pending(awaitNumber(CLIENT_SIREN, "DONE-2", colleague)), colleague);
        LocalDate day = LocalDate.parse(entry(first, colleague).get("entryDate").asText());
        entry(second, colleague);
        HttpResponse<byte[]> fec = gw.getBytes("/api/dossiers/" + CLIENT_SIREN + "/accounting/export?format=fec&from="
                + day.minusDays(1) + "&to=" + day.plusDays(1), colleague);
        assertThat(fec.statusCode()).isEqualTo(200);
        String name = CLIENT_SIREN + "FEC" + day.plusDays(1).toString().replace("-", "") + ".txt";
        String charset = fec.headers().firstValue("Content-Type").orElseThrow().replaceAll(".*charset=", "");
        assertThat(FecChecker.check(name, charset, fec.body())).isEmpty();
        assertThat(new String(fec.body(), Charset.forName(charset))).contains("DONE-1").contains("DONE-2");

        String month = YearMonth.now(java.time.ZoneId.of("Europe/Paris")).toString();
        JsonNode totals = body(gw.get("/api/dossiers/" + CLIENT_SIREN + "/totals?from=" + month + "&to=" + month, colleague), 200);
        assertThat(totals.at("/received/count").asInt()).isEqualTo(2);
        assertThat(totals.at("/approved/count").asInt()).isEqualTo(2);
        assertThat(totals.at("/exported/count").asInt()).isEqualTo(2);
        assertThat(totals.at("/months/0/month").asText()).isEqualTo(month);
        assertThat(new java.math.BigDecimal(totals.at("/approved/amount").asText()))
                .isEqualByComparingTo(new java.math.BigDecimal(SampleInvoices.TOTAL_INCL_VAT).multiply(java.math.BigDecimal.valueOf(2)));
        assertThat(gw.get("/api/dossiers/" + CLIENT_SIREN + "/totals", contact).statusCode()).as("not a client's").isEqualTo(403);
    }

    @Test
    void aDossierMovesOnlyAlongItsLifeAndHoldsWhatArrivesWhileNotActivated() throws Exception {
        String siren = siren(30_000_001);
        body(gw.post("/api/dossiers", admin, "{\"siren\":\"" + siren + "\",\"name\":\"Brouillon SAS\",\"status\":\"DRAFT\"}"), 201);
        assertError(gw.post("/api/dossiers/" + siren + "/status", admin, "{\"status\":\"ACTIVATED\"}"), 409, "transition_refused",
                "dossier " + siren + " is DRAFT: it cannot become ACTIVATED (from DRAFT it can become CREATED or DEACTIVATED)");
        assertError(gw.post("/api/dossiers/" + siren + "/status", admin, "{\"status\":\"LIVE\"}"), 400, "invalid_request",
                "status must be one of DRAFT, CREATED, ACTIVATED, DEACTIVATED");
        body(gw.post("/api/dossiers/" + siren + "/status", admin, "{\"status\":\"CREATED\"}"), 200);
        assertThat(body(gw.post("/api/dossiers/" + siren + "/status", admin, "{\"status\":\"ACTIVATED\",\"inviteContact\":true}"),
                200).get("invitation").asText()).isEqualTo("the dossier has no contact e-mail: nobody was invited");

        JsonNode off = body(gw.post("/api/dossiers/" + siren + "/status", admin, "{\"status\":\"DEACTIVATED\"}"), 200);
        assertThat(off.get("status").asText()).isEqualTo("DEACTIVATED");
        byte[] late = SampleInvoices.facturXPdf("LATE-1");
        String uploaded = body(gw.upload("/api/dossiers/" + siren + "/purchase-invoices", admin, "file", "late.pdf", late),
                202).get("id").asText();
        JsonNode document = body(gw.get("/api/documents/" + uploaded, admin), 200);
        assertThat(document.get("status").asText()).isEqualTo("HELD");
        assertThat(document.get("statusReason").asText()).contains("DEACTIVATED");
        assertThat(gw.getBytes("/api/documents/" + uploaded + "/original", admin).body())
                .as("kept as received").isEqualTo(late);

        JsonNode again = body(gw.post("/api/dossiers/" + siren + "/status", admin, "{\"status\":\"ACTIVATED\"}"), 200);
        assertThat(again.get("released").asInt()).isEqualTo(1);
        await().atMost(PATIENCE).until(() -> !"HELD".equals(body(gw.get("/api/documents/" + uploaded, admin), 200)
                .get("status").asText()));
        JsonNode read = body(gw.get("/api/documents/" + uploaded, admin), 200);
        assertThat(read.get("number").asText()).isEqualTo("LATE-1");
        assertThat(read.get("events").findValuesAsText("type")).contains("HELD");

        String firmOwn = body(gw.get("/api/dossiers", admin), 200).findParents("firmOwn").stream()
                .filter(d -> d.get("firmOwn").asBoolean()).findFirst().orElseThrow().get("siren").asText();
        assertError(gw.post("/api/dossiers/" + firmOwn + "/status", admin, "{\"status\":\"DEACTIVATED\"}"), 400,
                "invalid_request", "the firm's own dossier cannot be deactivated");
        assertThat(events()).contains("DOSSIER_STATUS_CHANGED " + siren + ": DRAFT -> CREATED",
                "DOSSIER_STATUS_CHANGED " + siren + ": DEACTIVATED -> ACTIVATED");
    }

    @Test
    void onlyTheFirmsAdministratorsChangeADossiersLifeOrImport() throws Exception {
        String siren = siren(30_000_002);
        body(gw.post("/api/dossiers", admin, "{\"siren\":\"" + siren + "\",\"name\":\"Gardé SAS\",\"status\":\"CREATED\"}"), 201);
        body(gw.post("/api/users", admin, "{\"email\":\"simple@cabinet.test\",\"displayName\":\"Simple\",\"role\":\"USER\","
                + "\"password\":\"" + PASSWORD + "\",\"dossiers\":[\"" + siren + "\"]}"), 201);
        String user = gw.login("simple@cabinet.test", PASSWORD);
        assertThat(gw.post("/api/dossiers/" + siren + "/status", user, "{\"status\":\"ACTIVATED\"}").statusCode()).isEqualTo(403);
        assertThat(gw.postBytes("/api/firm/dossiers/import", user, "text/csv", "SIREN;Raison sociale\n".getBytes()).statusCode())
                .isEqualTo(403);
        assertThat(gw.get("/api/firm/dossiers/export", user).statusCode()).isEqualTo(403);
        assertThat(gw.post("/api/dossiers/" + siren(30_000_099) + "/status", admin, "{\"status\":\"ACTIVATED\"}").statusCode())
                .as("no such dossier").isEqualTo(404);
        assertThat(body(gw.get("/api/dossiers/" + siren, admin), 200).get("status").asText()).isEqualTo("CREATED");
    }

    @Test
    void anImportWithBadLinesImportsNothingAndNamesEveryProblemByLine() throws Exception {
        String good = siren(40_000_001);
        String csv = "SIREN;Raison sociale;Mois de clôture;E-mail du contact;Inviter le contact;Utilisateur assigné\n"
                + good + ";Bon SAS;3;;;\n"
                + "123456789;Mauvais SIREN;12;;;\n"
                + good + ";Doublon SAS;12;;;\n"
                + siren(40_000_002) + ";;12;;;\n"
                + siren(40_000_003) + ";Mois SAS;13;;;\n"
                + siren(40_000_004) + ";Mail SAS;12;pas-un-mail;;\n"
                + siren(40_000_005) + ";Invite SAS;12;;oui;\n"
                + siren(40_000_006) + ";Inconnu SAS;12;;;personne@ailleurs.test\n"
                + FIRM_SIREN + ";Déjà là;12;;;\n";
        JsonNode report = body(gw.postBytes("/api/firm/dossiers/import", admin, "text/csv", csv.getBytes(StandardCharsets.UTF_8)), 200);
        assertThat(report.get("imported").asInt()).isZero();
        List<String> errors = new ArrayList<>();
        report.get("errors").forEach(e -> errors.add(e.get("line").asInt() + ": " + e.get("message").asText()));
        assertThat(errors).containsExactly(
                "3: siren 123456789 fails its check digit (Luhn): check for a typing error",
                "4: SIREN " + good + " is also on line 2",
                "5: the name (\"Raison sociale\") is missing",
                "6: closing month must be 1 to 12 (or janvier..décembre), got '13'",
                "7: contact e-mail: email must be one address like name@example.fr",
                "8: \"Inviter le contact\" is oui but the contact e-mail is missing",
                "9: assigned user personne@ailleurs.test is not an active USER of the firm",
                "10: SIREN " + FIRM_SIREN + " is already a dossier");
        assertThat(gw.get("/api/dossiers/" + good, admin).statusCode()).isEqualTo(404);

        JsonNode noName = body(gw.postBytes("/api/firm/dossiers/import", admin, "text/csv", "SIREN;Ville\n".getBytes()), 200);
        assertThat(noName.get("errors").get(0).get("message").asText()).startsWith("missing required column \"Raison sociale\"");
    }

    @Test
    void badFilesAreRefusedInWordsAndAWindowsFileKeepsItsAccents() throws Exception {
        byte[] utf16 = "SIREN;Raison sociale\n".getBytes(StandardCharsets.UTF_16);
        assertThat(body(gw.postBytes("/api/firm/dossiers/import", admin, "text/csv", utf16), 200).at("/errors/0/message").asText())
                .contains("UTF-16");
        byte[] binary = {0x25, 0x00, 0x01, 0x02, 0x00, 0x7f};
        assertThat(body(gw.postBytes("/api/firm/dossiers/import", admin, "text/csv", binary), 200).at("/errors/0/message").asText())
                .contains("binary data");
        assertError(gw.postBytes("/api/firm/dossiers/import", admin, "text/csv", new byte[DossierImport.MAX_BYTES + 1]), 413,
                "too_large", "an import takes at most " + DossierImport.MAX_BYTES + " bytes (" + DossierImport.MAX_ROWS
                        + " dossiers): split the file");
        StringBuilder many = new StringBuilder("SIREN;Raison sociale\n");
        for (int i = 0; i <= DossierImport.MAX_ROWS; i++) {
            many.append(siren(50_000_000 + i)).append(";X\n");
        }
        assertThat(body(gw.postBytes("/api/firm/dossiers/import?dryRun=true", admin, "text/csv", many.toString().getBytes()), 200)
                .at("/errors/0/message").asText()).isEqualTo("the file has " + (DossierImport.MAX_ROWS + 1)
                + " lines; an import takes at most " + DossierImport.MAX_ROWS + ": split it");

        String siren = siren(40_000_010);
        byte[] windows = ("SIREN;Raison sociale;Mois de clôture\n" + siren + ";Société Générale d'Études;décembre\n")
                .getBytes(Charset.forName("windows-1252"));
        JsonNode report = body(gw.postBytes("/api/firm/dossiers/import", admin, "text/csv", windows), 200);
        assertThat(report.get("format").asText()).startsWith("CSV Windows-1252");
        assertThat(report.get("imported").asInt()).isEqualTo(1);
        JsonNode dossier = body(gw.get("/api/dossiers/" + siren, admin), 200);
        assertThat(dossier.get("name").asText()).isEqualTo("Société Générale d'Études");
        assertThat(dossier.get("closingMonth").asInt()).isEqualTo(12);
    }

    @Test
    void theTemplateImportsAsXlsxAndTheExportNeverHandsASpreadsheetAFormula() throws Exception {
        HttpResponse<byte[]> template = gw.getBytes("/api/firm/dossiers/template?format=xlsx", admin);
        assertThat(template.statusCode()).isEqualTo(200);
        assertThat(template.headers().firstValue("Content-Disposition").orElseThrow()).contains("modele-dossiers.xlsx");
        byte[] filled;
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(template.body()))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("SIREN");
            // new cells: the template's are inline strings, which POI does not rewrite in place
            sheet.getRow(1).createCell(0).setCellValue(siren(40_000_020));
            sheet.getRow(1).createCell(1).setCellValue("=HYPERLINK(\"http://evil.test\",\"clic\")");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            book.write(out);
            filled = out.toByteArray();
        }
        JsonNode report = body(gw.postBytes("/api/firm/dossiers/import", admin, "application/octet-stream", filled), 200);
        assertThat(report.get("errors")).isEmpty();
        assertThat(report.get("imported").asInt()).as(report.toString()).isEqualTo(1);
        assertThat(report.get("format").asText()).isEqualTo("XLSX");
        assertThat(body(gw.get("/api/dossiers/" + siren(40_000_020) + "/contact", admin), 200).get("inviteOnActivation")
                .asBoolean()).isTrue();

        HttpResponse<byte[]> csv = gw.getBytes("/api/firm/dossiers/export?format=csv", admin);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(new String(csv.body(), StandardCharsets.UTF_8))
                .contains(siren(40_000_020) + ";\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"clic\"\")\"");
        HttpResponse<byte[]> xlsx = gw.getBytes("/api/firm/dossiers/export?format=xlsx", admin);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = book.getSheetAt(0);
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                for (var cell : sheet.getRow(r)) {
                    assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
                }
                if (sheet.getRow(r).getCell(0).getStringCellValue().equals(siren(40_000_020))) {
                    assertThat(sheet.getRow(r).getCell(1).getStringCellValue()).startsWith("'=HYPERLINK");
                }
            }
        }
        // the export has the import's columns, so a firm can edit it and import it into another gateway
        String exported = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(exported).startsWith("\uFEFFSIREN;Raison sociale;SIRET;Mois de clôture;E-mail du contact");
    }

    // helpers

    private void drop(String siren, String number) throws Exception {
        gw.drop(siren, number + ".pdf", SampleInvoices.facturXPdf(number));
    }

    private JsonNode awaitDocument(String siren, String status, String token) {
        return gw.awaitListed(siren, token, PATIENCE, d -> status.equals(d.path("status").asText()));
    }

    private String awaitNumber(String siren, String number, String token) {
        return gw.awaitListed(siren, token, PATIENCE, d -> number.equals(d.path("number").asText())).get("id").asText();
    }

    /** Once read, the validation verdict is recorded (the validation route is stopped) and the rules run. */
    private String pending(String id) {
        var documents = gw.gateway.services().documents();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() ->
                List.of("RECOGNIZED", "PENDING_APPROVAL").contains(documents.findById(id).orElseThrow().status().name()));
        gw.recordCleanValidation(id);
        gw.gateway.services().approvals().evaluate(id);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> documents.findById(id).orElseThrow().status().name().equals("PENDING_APPROVAL"));
        return id;
    }

    private String approve(String id, String token) throws Exception {
        body(gw.post("/api/documents/" + id + "/approve", token, ""), 200);
        return id;
    }

    private JsonNode entry(String id, String token) throws Exception {
        return gw.awaitFound("/api/documents/" + id + "/journal", token, PATIENCE);
    }

    private List<String> events() {
        return new org.springframework.jdbc.core.JdbcTemplate(
                new org.springframework.jdbc.datasource.DriverManagerDataSource(gw.database.url(), gw.database.user(),
                        gw.database.password())).queryForList("SELECT type || ' ' || details FROM security_event"
                + " WHERE details IS NOT NULL ORDER BY id", String.class);
    }

    private String mailTo(String address) throws Exception {
        await().atMost(PATIENCE).until(() -> Arrays.stream(relay.greenMail.getReceivedMessages()).anyMatch(m -> to(m, address)));
        MimeMessage found = Arrays.stream(relay.greenMail.getReceivedMessages()).filter(m -> to(m, address)).findFirst()
                .orElseThrow();
        return found.getContent().toString();
    }

    private static boolean to(MimeMessage m, String address) {
        try {
            return m.getAllRecipients()[0].toString().equals(address);
        } catch (Exception e) {
            return false;
        }
    }

    private static String tokenIn(String mail) {
        Matcher m = TOKEN.matcher(mail);
        assertThat(m.find()).as(mail).isTrue();
        return m.group();
    }

    /** A valid SIREN: 8 digits and their Luhn check digit. */
    static String siren(int base) throws Exception {
        String digits = String.format("%08d", base);
        return digits + LuhnCheckDigit.LUHN_CHECK_DIGIT.calculate(digits);
    }

    private static JsonNode body(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private static void assertError(HttpResponse<String> response, int status, String code, String message) throws Exception {
        JsonNode body = body(response, status);
        assertThat(body.get("error").asText()).isEqualTo(code);
        assertThat(body.get("message").asText()).isEqualTo(message);
    }
}
