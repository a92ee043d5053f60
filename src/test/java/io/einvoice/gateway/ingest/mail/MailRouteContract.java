package io.einvoice.gateway.ingest.mail;

import com.fasterxml.jackson.databind.JsonNode;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.facturx.DecompressionBombs;
import io.einvoice.gateway.facturx.SampleInvoices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static io.einvoice.gateway.ingest.mail.TestMails.mail;
import static io.einvoice.gateway.system.TestGateway.SIREN_A;
import static io.einvoice.gateway.system.TestGateway.SIREN_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Mail ingestion end to end: a real SMTP/IMAP/POP3 server (GreenMail), the whole gateway, mailboxes configured through
 * the API while it runs. Runs once per database (H2 and PostgreSQL subclasses).
 */
abstract class MailRouteContract extends MailboxesContract {

    static final String FIRM_SIREN = "443322110";
    static final String DOMAIN = "in.test";

    @Override
    String[] mailboxes() {
        return new String[] {"a@mail.test", "b-pop@mail.test", "catchall@in.test"};
    }

    @BeforeAll
    void configureMailboxes() throws Exception {
        var dossiers = gw.gateway.services().dossiers();
        String firmId = dossiers.findBySiren(SIREN_A).orElseThrow().firmId();
        dossiers.insert(new Dossier(UUID.randomUUID().toString(), firmId, FIRM_SIREN, null, "Cabinet Test", null, 12,
                "ACTIVE", true));

        assertThat(put("/api/dossiers/" + SIREN_A + "/mailboxes", adminToken, Map.of("mailboxes", List.of(
                mailbox("IMAP", mail.imapPort(), "a@mail.test")))).statusCode()).isEqualTo(200);
        assertThat(put("/api/dossiers/" + SIREN_B + "/mailboxes", adminToken, Map.of("mailboxes", List.of(
                mailbox("POP3", mail.pop3Port(), "b-pop@mail.test")))).statusCode()).isEqualTo(200);
        Map<String, Object> catchAll = new java.util.HashMap<>(mailbox("IMAP", mail.imapPort(), "catchall@in.test"));
        catchAll.put("domain", DOMAIN);
        assertThat(put("/api/mail/catch-all", adminToken, catchAll).statusCode()).isEqualTo(200);
    }

    static Map<String, Object> mailbox(String protocol, int port, String user) {
        return Map.of("protocol", protocol, "host", "127.0.0.1", "port", port, "username", user, "password", PASSWORD,
                "pollMillis", 200, "batchSize", 20);
    }

    @Test
    void everyAttachmentKindOfAMailBecomesADocumentAndTheMailMovesToProcessedAfterwards() throws Exception {
        byte[] facturX = SampleInvoices.facturXPdf("ML-FX");
        mail.send(mail("Factures du mois").to("a@mail.test")
                .html("<p>Bonjour</p><img src=\"cid:logo@x\">")
                .inline("logo.png", "image/png", TestMails.image("png", 40, 20), "logo@x")
                .attach("ml-fx.pdf", "application/pdf", facturX)
                .attach("ml-cii.xml", "application/xml", SampleInvoices.ciiXml("ML-CII"))
                .attach("ml-ubl.xml", "text/xml", SampleInvoices.ublXml("ML-UBL"))
                .attach("ml-scan.jpg", "image/jpeg", TestMails.blankScan("jpeg", 200, 200))
                .attach("ml-archive.zip", "application/zip", TestMails.zip("ml-zip.pdf", SampleInvoices.facturXPdf("ML-ZIP")))
                .inline("ml-inline.pdf", "application/pdf", SampleInvoices.facturXPdf("ML-INLINE"), null)
                .message());

        JsonNode fx = awaitDocument(SIREN_A, gw.keyA, "ml-fx.pdf");
        // read from the mail; approval (default mode: a person decides) may already have moved it on
        assertThat(fx.get("status").asText()).isIn("RECOGNIZED", "PENDING_APPROVAL");
        assertThat(fx.get("channel").asText()).isEqualTo("MAIL");
        assertThat(fx.get("format").asText()).isEqualTo("FACTUR_X");
        assertThat(fx.get("number").asText()).isEqualTo("ML-FX");
        assertThat(gw.getBytes("/api/documents/" + fx.get("id").asText() + "/original", gw.keyA).body())
                .isEqualTo(facturX);
        assertThat(awaitDocument(SIREN_A, gw.keyA, "ml-cii.xml").get("format").asText()).isEqualTo("CII");
        assertThat(awaitDocument(SIREN_A, gw.keyA, "ml-ubl.xml").get("format").asText()).isEqualTo("UBL");
        assertThat(awaitDocument(SIREN_A, gw.keyA, "ml-zip.pdf").get("number").asText()).isEqualTo("ML-ZIP");
        assertThat(awaitDocument(SIREN_A, gw.keyA, "ml-inline.pdf").get("number").asText()).isEqualTo("ML-INLINE");
        awaitDocument(SIREN_A, gw.keyA, "ml-scan.jpg");
        assertThat(documents(SIREN_A, gw.keyA).findValuesAsText("fileName")).doesNotContain("logo.png");

        String events = gw.get("/api/documents/" + fx.get("id").asText(), gw.keyA).body();
        assertThat(events).contains("ORIGIN").contains("a@mail.test").contains("logo.png: image shown in the mail");
        await().atMost(PATIENCE).until(() -> mail.count("a@mail.test", PASSWORD, "INBOX") == 0);
        assertThat(mail.count("a@mail.test", PASSWORD, "Processed")).isPositive();
    }

    @Test
    void aMailWithNoInvoiceIsAQuarantinedDocumentWhoseOriginalIsTheMail() throws Exception {
        mail.send(mail("Question sur ma facture").to("a@mail.test").text("Avez-vous bien reçu ma facture ?").message());

        JsonNode doc = awaitDocument(SIREN_A, gw.keyA, "Question sur ma facture.eml");
        assertThat(doc.get("status").asText()).isEqualTo("QUARANTINED");
        assertThat(doc.get("statusReason").asText()).startsWith("no invoice found in this mail");
        String original = new String(gw.getBytes("/api/documents/" + doc.get("id").asText() + "/original",
                gw.keyA).body(), StandardCharsets.UTF_8);
        assertThat(original).contains("Subject: Question sur ma facture").contains("Message-ID:");
    }

    @Test
    void aTwentyFiveMegabyteAttachmentIsStoredWholeThenQuarantinedAsTooLarge() throws Exception {
        byte[] big = new byte[25 * 1024 * 1024];
        new Random(7).nextBytes(big);
        System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, big, 0, 9);
        mail.send(mail("Gros scan").to("a@mail.test").attach("gros-scan.pdf", "application/pdf", big).message());

        JsonNode doc = awaitDocument(SIREN_A, gw.keyA, "gros-scan.pdf");
        assertThat(doc.get("status").asText()).isEqualTo("QUARANTINED");
        assertThat(doc.get("statusReason").asText()).contains("file too large").contains("26,214,400 bytes");
        byte[] stored = gw.getBytes("/api/documents/" + doc.get("id").asText() + "/original", gw.keyA).body();
        assertThat(sha256(stored)).isEqualTo(sha256(big));
    }

    @Test
    void aWindows1252MailWithAnAccentedFileNameKeepsTheName() throws Exception {
        Charset cp1252 = Charset.forName("windows-1252");
        mail.send(mail("Facture d'été").to("a@mail.test")
                .rawPart("Content-Type: text/plain; charset=windows-1252\r\nContent-Transfer-Encoding: quoted-printable",
                        "Ci-joint la facture d'=E9t=E9.".getBytes(cp1252))
                .rawPart("Content-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n"
                                + "Content-Disposition: attachment; filename*=windows-1252''Facture%20%E9t%E9%20n%B07.pdf",
                        Base64.getMimeEncoder().encode(SampleInvoices.facturXPdf("ML-1252")))
                .message());

        JsonNode doc = awaitDocument(SIREN_A, gw.keyA, "Facture été n°7.pdf");
        assertThat(doc.get("number").asText()).isEqualTo("ML-1252");
    }

    @Test
    void anInvoiceForwardedInsideAForwardedMailIsFound() throws Exception {
        byte[] original = mail("Facture ML-FWD").text("ci-joint")
                .attach("ml-fwd.pdf", "application/pdf", SampleInvoices.facturXPdf("ML-FWD")).eml();
        byte[] once = mail("TR: Facture ML-FWD").text("voir dessous").forward(original).eml();
        mail.send(mail("TR: TR: Facture ML-FWD").to("a@mail.test").text("pour la compta").forward(once).message());

        assertThat(awaitDocument(SIREN_A, gw.keyA, "ml-fwd.pdf").get("number").asText()).isEqualTo("ML-FWD");
    }

    @Test
    void aZipBombAndAZipWithEscapingNamesAreQuarantinedWithTheReason() throws Exception {
        mail.send(mail("Bombe").to("a@mail.test").attach("ml-bomb.zip", "application/zip",
                TestMails.zipBomb("facture.pdf", 64L * 1024 * 1024)).message());
        mail.send(mail("Evil").to("a@mail.test").attach("ml-evil.zip", "application/zip",
                TestMails.zip("ok.pdf", SampleInvoices.facturXPdf("ML-EVIL"), "../../evil.sh",
                        "#!/bin/sh".getBytes(StandardCharsets.US_ASCII))).message());

        JsonNode bomb = awaitDocument(SIREN_A, gw.keyA, "ml-bomb.zip");
        assertThat(bomb.get("status").asText()).isEqualTo("QUARANTINED");
        assertThat(bomb.get("statusReason").asText()).contains("ZIP archive not opened").contains("unpacks to more than");
        JsonNode evil = awaitDocument(SIREN_A, gw.keyA, "ml-evil.zip");
        assertThat(evil.get("statusReason").asText()).contains("'../../evil.sh' names a path outside the archive");
        assertThat(documents(SIREN_A, gw.keyA).findValuesAsText("fileName")).doesNotContain("evil.sh", "ok.pdf");
    }

    @Test
    void bombsInBase64AndQuotedPrintablePartsAndInsideZipsAreQuarantinedAsBombs() throws Exception {
        mail.send(mail("Bombes").to("a@mail.test")
                .attach("ml-bomb-b64.pdf", "application/pdf",
                        DecompressionBombs.facturXWithInflatingAttachment(DecompressionBombs.ONE_GIB))
                .rawPart("Content-Type: application/pdf\r\nContent-Transfer-Encoding: quoted-printable\r\n"
                        + "Content-Disposition: attachment; filename=ml-bomb-qp.pdf",
                        quotedPrintable(DecompressionBombs.pdfWithInflatingPage(DecompressionBombs.ONE_GIB)))
                .attach("ml-bombs.zip", "application/zip", TestMails.zip(
                        "ml-bomb-in-zip.pdf", DecompressionBombs.facturXWithTwoFilterAttachment(DecompressionBombs.ONE_GIB),
                        "inner.zip", TestMails.zipBomb("facture.pdf", 32L * 1024 * 1024)))
                .message());

        for (String name : List.of("ml-bomb-b64.pdf", "ml-bomb-qp.pdf", "ml-bomb-in-zip.pdf")) {
            JsonNode doc = awaitDocument(SIREN_A, gw.keyA, name);
            assertThat(doc.get("status").asText()).as(name).isEqualTo("QUARANTINED");
            assertThat(doc.get("statusReason").asText()).as(name).startsWith("PDF refused as a decompression bomb");
        }
        JsonNode inZip = awaitDocument(SIREN_A, gw.keyA, "ml-bomb-in-zip.pdf");
        assertThat(gw.get("/api/documents/" + inZip.get("id").asText(), gw.keyA).body())
                .contains("ml-bombs.zip/inner.zip: archives inside archives are not opened");
        assertThat(documents(SIREN_A, gw.keyA).findValuesAsText("fileName")).doesNotContain("inner.zip");
    }

    /** Every byte but printable ASCII as =XX, line breaks included, so binary data survives (RFC 2045, 6.7). */
    private static byte[] quotedPrintable(byte[] data) {
        char[] hex = "0123456789ABCDEF".toCharArray();
        StringBuilder out = new StringBuilder(data.length * 3);
        int column = 0;
        for (byte b : data) {
            int c = b & 0xFF;
            boolean literal = c > 32 && c < 127 && c != '=';
            if (column + (literal ? 1 : 3) > 75) {
                out.append("=\r\n");
                column = 0;
            }
            if (literal) {
                out.append((char) c);
                column++;
            } else {
                out.append('=').append(hex[c >> 4]).append(hex[c & 0xF]);
                column += 3;
            }
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void theCatchAllRoutesAMailForTwoDossiersToBothAndAnUnknownAddressToTheFirmAdmin() throws Exception {
        mail.send(mail("Pour deux").to("SIREN" + SIREN_A + "@" + DOMAIN).cc("siren" + SIREN_B + "@" + DOMAIN)
                .attach("ml-two.pdf", "application/pdf", SampleInvoices.facturXPdf("ML-TWO")).message(),
                "catchall@" + DOMAIN);
        mail.send(mail("Pour personne").to("SIREN999999999@" + DOMAIN)
                .attach("ml-nobody.pdf", "application/pdf", SampleInvoices.facturXPdf("ML-NOBODY")).message(),
                "catchall@" + DOMAIN);

        JsonNode inA = awaitDocument(SIREN_A, gw.keyA, "ml-two.pdf");
        JsonNode inB = awaitDocument(SIREN_B, gw.keyB, "ml-two.pdf");
        assertThat(inA.get("id").asText()).isNotEqualTo(inB.get("id").asText());
        assertThat(inA.get("number").asText()).isEqualTo("ML-TWO");
        assertThat(inB.get("number").asText()).isEqualTo("ML-TWO");

        JsonNode unrouted = awaitDocument(FIRM_SIREN, adminToken, "Pour personne.eml");
        assertThat(unrouted.get("status").asText()).isEqualTo("QUARANTINED");
        assertThat(unrouted.get("statusReason").asText()).contains("siren999999999@in.test");
        assertThat(gw.get("/api/documents/" + unrouted.get("id").asText(), gw.keyA).statusCode()).isEqualTo(404);
        assertThat(documents(SIREN_A, gw.keyA).findValuesAsText("fileName")).doesNotContain("ml-nobody.pdf");
    }

    @Test
    void theSalesAddressMakesASalesDocumentAndACustomLocalPartIsUsedAndUnique() throws Exception {
        assertThat(put("/api/dossiers/" + SIREN_B + "/mailboxes", adminToken, Map.of("inboundLocalPart", "compta-b",
                "mailboxes", List.of(Map.of("id", mailboxes(SIREN_B).get("mailboxes").get(0).get("id").asText(),
                        "protocol", "POP3", "host", "127.0.0.1", "port", mail.pop3Port(), "username", "b-pop@mail.test",
                        "pollMillis", 200)))).statusCode()).isEqualTo(200);
        JsonNode settings = mailboxes(SIREN_B);
        assertThat(settings.get("inboundAddress").asText()).isEqualTo("compta-b@" + DOMAIN);
        assertThat(settings.get("salesInboundAddress").asText()).isEqualTo("SIREN" + SIREN_B + "-sales@" + DOMAIN);
        var taken = put("/api/dossiers/" + SIREN_A + "/mailboxes", adminToken, Map.of("inboundLocalPart", "COMPTA-B"));
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(taken.body()).contains("COMPTA-B").contains("already another dossier's");

        mail.send(mail("Ventes").to("SIREN" + SIREN_A + "-sales@" + DOMAIN)
                .attach("ml-sale.pdf", "application/pdf", SampleInvoices.facturXPdf("ML-SALE")).message(), "catchall@" + DOMAIN);
        mail.send(mail("Achat B").to("Compta-B@" + DOMAIN)
                .attach("ml-custom.pdf", "application/pdf", SampleInvoices.facturXPdf("ML-CUSTOM")).message(), "catchall@" + DOMAIN);

        try {
            assertThat(awaitDocument(SIREN_A, gw.keyA, "ml-sale.pdf").get("direction").asText()).isEqualTo("SALES");
            assertThat(awaitDocument(SIREN_B, gw.keyB, "ml-custom.pdf").get("direction").asText()).isEqualTo("PURCHASE");
        } finally {
            Map<String, Object> back = new java.util.HashMap<>();
            back.put("inboundLocalPart", null); // the default SIREN<siren> again, for the other tests
            back.put("mailboxes", List.of(Map.of("id", mailboxes(SIREN_B).get("mailboxes").get(0).get("id").asText(),
                    "protocol", "POP3", "host", "127.0.0.1", "port", mail.pop3Port(), "username", "b-pop@mail.test",
                    "pollMillis", 200)));
            assertThat(put("/api/dossiers/" + SIREN_B + "/mailboxes", adminToken, back).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aPop3MailIsStoredThenDeletedFromTheServer() throws Exception {
        mail.send(mail("POP").to("b-pop@mail.test")
                .attach("ml-pop.pdf", "application/pdf", SampleInvoices.facturXPdf("ML-POP")).message());

        assertThat(awaitDocument(SIREN_B, gw.keyB, "ml-pop.pdf").get("number").asText()).isEqualTo("ML-POP");
        await().atMost(PATIENCE).until(() -> mail.count("b-pop@mail.test", PASSWORD, "INBOX") == 0);
    }

    @Test
    void theSameMailReachingTwoMailboxesIsStoredOnce() throws Exception {
        var message = mail("Deux fois").to("a@mail.test", "SIREN" + SIREN_A + "@" + DOMAIN)
                .attach("ml-once.pdf", "application/pdf", SampleInvoices.facturXPdf("ML-ONCE")).message();
        mail.send(message, "a@mail.test", "catchall@" + DOMAIN);

        awaitDocument(SIREN_A, gw.keyA, "ml-once.pdf");
        await().atMost(PATIENCE).until(() -> mail.count("catchall@" + DOMAIN, PASSWORD, "INBOX") == 0
                && mail.count("a@mail.test", PASSWORD, "INBOX") == 0);
        Thread.sleep(500); // one more poll of each mailbox
        assertThat(documents(SIREN_A, gw.keyA).findValuesAsText("fileName")).containsOnlyOnce("ml-once.pdf");
    }

    @Test
    void mailSettingsAreBehindTheTenantWallAndNeverShowThePassword() throws Exception {
        assertThat(gw.get("/api/dossiers/" + SIREN_A + "/mailboxes", gw.keyB).statusCode()).isEqualTo(404);
        assertThat(put("/api/dossiers/" + SIREN_A + "/mailboxes", gw.keyB, Map.of()).statusCode()).isEqualTo(404);
        assertThat(put("/api/dossiers/" + SIREN_A + "/mailboxes", gw.keyA, Map.of()).statusCode()).isEqualTo(403);
        assertThat(gw.get("/api/mail/catch-all", gw.keyA).statusCode()).isEqualTo(403);
        var own = gw.get("/api/dossiers/" + SIREN_A + "/mailboxes", gw.keyA);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("\"passwordSet\":true").doesNotContain(PASSWORD);
        assertThat(gw.get("/api/mail/catch-all", adminToken).body()).contains(DOMAIN).doesNotContain(PASSWORD);
        assertThat(gw.database.kind()).isNotNull();
        String stored = new org.springframework.jdbc.core.JdbcTemplate(dataSourceOf())
                .queryForList("SELECT password_secret FROM mailbox", String.class).toString();
        assertThat(stored).startsWith("[v1:").doesNotContain(PASSWORD);
    }

    @Test
    void aBadMailboxSettingIsRefusedWithTheReason() throws Exception {
        var response = put("/api/dossiers/" + SIREN_A + "/mailboxes", adminToken, Map.of("mailboxes",
                List.of(Map.of("protocol", "SMTP", "host", "x", "username", "u", "password", "p"))));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("mailboxes[0].protocol must be one of IMAP, IMAPS, POP3, POP3S");
    }

    @Test
    void aReceiptCannotBeSwitchedOnWhenTheGatewayHasNoOutboundMailServer() throws Exception {
        var response = put("/api/dossiers/" + SIREN_A + "/mailboxes", adminToken, Map.of("mailReceipt", true,
                "mailboxes", List.of(Map.of("id", mailboxes(SIREN_A).get("mailboxes").get(0).get("id").asText(),
                        "protocol", "IMAP", "host", "127.0.0.1", "port", mail.imapPort(), "username", "a@mail.test",
                        "pollMillis", 200, "batchSize", 20))));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("mailReceipt needs the gateway's outbound mail server")
                .contains("GATEWAY_SMTP_HOST");
        assertThat(mailboxes(SIREN_A).get("mailReceipt").asBoolean()).isFalse();
    }

    private javax.sql.DataSource dataSourceOf() {
        return new org.springframework.jdbc.datasource.DriverManagerDataSource(gw.database.url(),
                gw.database.user(), gw.database.password());
    }

    private JsonNode mailboxes(String siren) throws Exception {
        return JSON.readTree(gw.get("/api/dossiers/" + siren + "/mailboxes", adminToken).body());
    }

    private java.net.http.HttpResponse<String> put(String path, String token, Object body) throws Exception {
        return gw.put(path, token, JSON.writeValueAsString(body));
    }

    JsonNode awaitDocument(String siren, String token, String fileName) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            found[0] = null;
            for (JsonNode doc : documents(siren, token)) {
                if (doc.get("fileName").asText().equals(fileName)) {
                    found[0] = doc;
                }
            }
            assertThat(found[0]).as("document " + fileName + " in dossier " + siren).isNotNull();
        });
        return found[0];
    }

    JsonNode documents(String siren, String token) throws Exception {
        var response = gw.get("/api/dossiers/" + siren + "/documents?limit=500", token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
