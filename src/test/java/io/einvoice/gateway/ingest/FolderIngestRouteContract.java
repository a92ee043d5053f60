package io.einvoice.gateway.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.einvoice.gateway.facturx.DecompressionBombs;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.system.GatewayContract;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.einvoice.gateway.system.TestGateway.SIREN_A;
import static io.einvoice.gateway.system.TestGateway.SIREN_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The drop-folder route against real files, a real database and the real HTTP API. Runs once per database
 * (see the H2 and PostgreSQL subclasses).
 */
abstract class FolderIngestRouteContract extends GatewayContract {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Test
    void aFacturXPdfBecomesARecognisedDocumentAndMovesToDone() throws Exception {
        drop(SIREN_A, "fx-route.pdf", SampleInvoices.facturXPdf("FX-ROUTE-1"));

        JsonNode doc = awaitDocument(SIREN_A, "fx-route.pdf");
        assertThat(doc.get("status").asText()).isIn("RECOGNIZED", "PENDING_APPROVAL");
        assertThat(doc.get("number").asText()).isEqualTo("FX-ROUTE-1");
        assertThat(doc.get("format").asText()).isEqualTo("FACTUR_X");
        assertThat(doc.get("channel").asText()).isEqualTo("FOLDER");
        assertThat(doc.get("totalInclVat").asText()).isEqualTo(SampleInvoices.FACTURX_TOTAL_INCL_VAT);
        assertThat(doc.get("sellerSiren").asText()).isEqualTo(SampleInvoices.SELLER_SIREN);
        assertThat(doc.get("buyerSiren").asText()).isEqualTo(SampleInvoices.BUYER_SIREN);
        awaitFile(gw.purchaseFolder(SIREN_A).resolve(".done/fx-route.pdf"));
        assertThat(gw.purchaseFolder(SIREN_A).resolve("fx-route.pdf")).doesNotExist();
    }

    /** Until this was fixed, a file waited in the drop folder until its document had been validated. */
    @Test
    void aFileMovesToDoneOnceItsDocumentIsCommittedWithoutWaitingForTheStagesAfterIngest() throws Exception {
        var routes = gw.gateway.camel().getRouteController();
        routes.stopRoute("validation-document");
        try {
            drop(SIREN_A, "before-validation.pdf", SampleInvoices.facturXPdf("FX-BEFORE-VALIDATION"));

            awaitFile(gw.purchaseFolder(SIREN_A).resolve(".done/before-validation.pdf"));
            JsonNode doc = awaitDocument(SIREN_A, "before-validation.pdf");
            assertThat(doc.get("number").asText()).isEqualTo("FX-BEFORE-VALIDATION");
            assertThat(doc.get("validation").isNull()).as("validated while its stage was stopped").isTrue();
        } finally {
            routes.startRoute("validation-document");
        }
        // the hand-off waited in the stage's queue: the document is validated once the stage runs again
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(awaitDocument(SIREN_A, "before-validation.pdf").get("validation").isNull()).isFalse());
    }

    @Test
    void ciiAndUblXmlAreReadIntoTheSameFields() throws Exception {
        var samples = SampleInvoices.generateAll();
        drop(SIREN_A, "route-cii.xml", samples.get("invoice-cii.xml"));
        drop(SIREN_A, "route-ubl.xml", samples.get("invoice-ubl.xml"));

        JsonNode cii = awaitDocument(SIREN_A, "route-cii.xml");
        JsonNode ubl = awaitDocument(SIREN_A, "route-ubl.xml");
        assertThat(cii.get("format").asText()).isEqualTo("CII");
        assertThat(ubl.get("format").asText()).isEqualTo("UBL");
        for (JsonNode doc : List.of(cii, ubl)) {
            assertThat(doc.get("status").asText()).isIn("RECOGNIZED", "PENDING_APPROVAL");
            assertThat(doc.get("number").isNull()).isFalse();
            assertThat(doc.get("currency").asText()).isEqualTo("EUR");
            assertThat(doc.get("sellerSiren").asText()).isEqualTo(SampleInvoices.SELLER_SIREN);
            assertThat(doc.get("totalInclVat").isNull()).isFalse();
        }
    }

    @Test
    void aBrokenPdfGoesToFailedWithTheReasonAndAQuarantinedDocument() throws Exception {
        drop(SIREN_A, "broken-route.pdf", SampleInvoices.brokenPdf());

        Path failed = gw.purchaseFolder(SIREN_A).resolve(".failed/broken-route.pdf");
        Path reason = gw.purchaseFolder(SIREN_A).resolve(".failed/broken-route.pdf.error.txt");
        awaitFile(failed);
        assertThat(Files.readString(reason)).containsIgnoringCase("truncated");
        JsonNode doc = awaitDocument(SIREN_A, "broken-route.pdf");
        assertThat(doc.get("status").asText()).isEqualTo("QUARANTINED");
        assertThat(doc.get("statusReason").asText()).containsIgnoringCase("truncated");
    }

    @Test
    void theSameBytesDroppedAgainAreStoredAsADuplicate() throws Exception {
        byte[] invoice = SampleInvoices.facturXPdf("FX-DUP-1");
        drop(SIREN_B, "dup-first.pdf", invoice);
        JsonNode first = awaitDocument(SIREN_B, "dup-first.pdf");
        drop(SIREN_B, "dup-again.pdf", invoice);
        JsonNode again = awaitDocument(SIREN_B, "dup-again.pdf");

        assertThat(first.get("duplicateOf").isNull()).isTrue();
        assertThat(again.get("duplicateOf").asText()).isEqualTo(first.get("id").asText());
        assertThat(again.get("id").asText()).isNotEqualTo(first.get("id").asText());
    }

    @Test
    void aFolderWhoseSirenIsNoDossierIsRefusedWithTheReasonAndTheFileKept() throws Exception {
        Path unknown = gw.home.resolve("inbox/111111118/purchase");
        Files.createDirectories(unknown);
        byte[] content = SampleInvoices.facturXPdf("FX-NOWHERE");
        write(unknown.resolve("lost.pdf"), content);

        awaitFile(unknown.resolve(".failed/lost.pdf"));
        assertThat(Files.readAllBytes(unknown.resolve(".failed/lost.pdf"))).isEqualTo(content);
        assertThat(Files.readString(unknown.resolve(".failed/lost.pdf.error.txt")))
                .contains("no dossier with SIREN '111111118'");
    }

    @Test
    void badInputsAreQuarantinedWithAPreciseReasonAndTheRouteKeepsRunning() throws Exception {
        Path secret = home.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-MARKER");
        drop(SIREN_A, "empty.pdf", new byte[0]);
        drop(SIREN_A, "xxe.xml", ("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file://" + secret
                + "\">]><rsm:CrossIndustryInvoice xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\">"
                + "&x;</rsm:CrossIndustryInvoice>").getBytes(StandardCharsets.UTF_8));
        drop(SIREN_A, "bomb.xml", billionLaughs());
        drop(SIREN_A, "rss.xml", "<rss version=\"2.0\"><channel/></rss>".getBytes(StandardCharsets.UTF_8));
        Path big = gw.purchaseFolder(SIREN_A).resolveSibling("big.pdf.part");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.write("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));
            file.setLength(50L * 1024 * 1024);
        }
        Files.move(big, gw.purchaseFolder(SIREN_A).resolve("big.pdf"));

        assertThat(reason("empty.pdf")).contains("empty file");
        assertThat(reason("xxe.xml")).contains("DOCTYPE").doesNotContain("TOP-SECRET-MARKER");
        assertThat(reason("bomb.xml")).contains("DOCTYPE");
        assertThat(reason("rss.xml")).contains("not an invoice");
        assertThat(reason("big.pdf")).contains("file too large").contains("52,428,800 bytes");
        JsonNode xxe = awaitDocument(SIREN_A, "xxe.xml");
        assertThat(gw.get("/api/documents/" + xxe.get("id").asText(), gw.keyA).body())
                .doesNotContain("TOP-SECRET-MARKER");

        drop(SIREN_A, "after-bad.pdf", SampleInvoices.facturXPdf("FX-AFTER-BAD"));
        assertThat(awaitDocument(SIREN_A, "after-bad.pdf").get("status").asText()).isIn("RECOGNIZED", "PENDING_APPROVAL");
    }

    @Test
    void aPdfThatInflatesToOneGibIsQuarantinedOnceAndMovesToFailed() throws Exception {
        drop(SIREN_A, "bomb-attachment.pdf", DecompressionBombs.facturXWithInflatingAttachment(DecompressionBombs.ONE_GIB));
        drop(SIREN_A, "bomb-page.pdf", DecompressionBombs.pdfWithInflatingPage(DecompressionBombs.ONE_GIB));

        assertThat(reason("bomb-attachment.pdf"))
                .startsWith("PDF refused as a decompression bomb: its invoice attachment factur-x.xml");
        assertThat(reason("bomb-page.pdf")).startsWith("PDF refused as a decompression bomb: a stream");
        assertThat(gw.purchaseFolder(SIREN_A).resolve("bomb-attachment.pdf")).doesNotExist();
        assertThat(documents(SIREN_A).findValuesAsText("fileName"))
                .as("one document per file: the bomb is not read again at the next poll")
                .containsOnlyOnce("bomb-attachment.pdf", "bomb-page.pdf");
        drop(SIREN_A, "after-bomb.pdf", SampleInvoices.facturXPdf("FX-AFTER-BOMB"));
        assertThat(awaitDocument(SIREN_A, "after-bomb.pdf").get("number").asText()).isEqualTo("FX-AFTER-BOMB");
    }

    /** Before recognition (issue 4) a PDF without XML was quarantined; now its text layer is read. */
    @Test
    void aPdfWithoutXmlIsRecognisedFromItsTextAndMovesToDone() throws Exception {
        drop(SIREN_A, "no-xml.pdf", SampleInvoices.plainPdf());

        awaitFile(gw.purchaseFolder(SIREN_A).resolve(".done/no-xml.pdf"));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(awaitDocument(SIREN_A, "no-xml.pdf").get("format").asText()).isEqualTo("PDF_TEXT"));
        JsonNode doc = awaitDocument(SIREN_A, "no-xml.pdf");
        // recognised; approval (default mode: a person decides) may already have moved it on
        assertThat(doc.get("status").asText()).isIn("RECOGNIZED", "PENDING_APPROVAL");
        assertThat(doc.get("number").asText()).isEqualTo(SampleInvoices.FACTURX_NUMBER);
        assertThat(doc.get("totalInclVat").asText()).isEqualTo(SampleInvoices.TOTAL_INCL_VAT);
    }

    @Test
    void manyFilesDroppedAtOnceAreEachStoredOnce() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            names.add("batch-" + i + ".pdf");
            drop(SIREN_B, names.get(i), SampleInvoices.facturXPdf("FX-BATCH-" + i));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(documents(SIREN_B).findValuesAsText("fileName")).containsAll(names));
        List<String> numbers = documents(SIREN_B).findValuesAsText("number");
        for (int i = 0; i < 20; i++) {
            assertThat(numbers).containsOnlyOnce("FX-BATCH-" + i);
        }
        // a file moves once its route is done, just after its document is committed and handed on
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            try (var done = Files.list(gw.purchaseFolder(SIREN_B).resolve(".done"))) {
                assertThat(done.map(p -> p.getFileName().toString())).containsAll(names);
            }
        });
    }

    /** Before issue 14, a file whose name starts with a dot was never read and never reported. */
    @Test
    void aFileWhoseNameStartsWithADotIsTakenOnceUnchangedForTheGracePeriodAndACopyInProgressIsLeftAlone() throws Exception {
        Path purchase = gw.purchaseFolder(SIREN_B);
        Path copying = purchase.resolve(".still-copying.xml");
        write(copying, SampleInvoices.ciiXml("DOT-COPYING"));
        // well past the route's one-second read lock, nine minutes within the grace period: a copy tool still owns it
        Files.setLastModifiedTime(copying, FileTime.from(Instant.now().minusSeconds(60)));
        Path rested = purchase.resolveSibling(".rested.xml");
        write(rested, SampleInvoices.ciiXml("DOT-RESTED"));
        Files.setLastModifiedTime(rested, FileTime.from(Instant.now().minus(HiddenFileGrace.GRACE).minusSeconds(60)));
        Files.move(rested, purchase.resolve(".rested.xml"));

        JsonNode doc = awaitDocument(SIREN_B, "rested.xml");
        assertThat(doc.get("number").asText()).isEqualTo("DOT-RESTED");
        awaitFile(purchase.resolve(".done/.rested.xml"));
        // a later poll has run once this one is read: the copy in progress was seen in it and left alone
        drop(SIREN_B, "after-dot.xml", SampleInvoices.ciiXml("DOT-AFTER"));
        awaitFile(purchase.resolve(".done/after-dot.xml"));
        assertThat(copying).exists();
        assertThat(documents(SIREN_B).findValuesAsText("number")).doesNotContain("DOT-COPYING");
    }

    private String reason(String fileName) throws Exception {
        Path errorFile = gw.purchaseFolder(SIREN_A).resolve(".failed/" + fileName + ".error.txt");
        awaitFile(errorFile);
        JsonNode doc = awaitDocument(SIREN_A, fileName);
        assertThat(doc.get("status").asText()).isEqualTo("QUARANTINED");
        assertThat(Files.readString(errorFile)).contains(doc.get("statusReason").asText());
        return doc.get("statusReason").asText();
    }

    private void drop(String siren, String name, byte[] content) throws IOException {
        // written beside, then renamed in: what a careful producer does, and what the read lock also tolerates
        Path temp = gw.purchaseFolder(siren).resolveSibling(name + ".tmp");
        write(temp, content);
        Files.move(temp, gw.purchaseFolder(siren).resolve(name));
    }

    private static void write(Path file, byte[] content) throws IOException {
        Files.write(file, content);
    }

    private JsonNode awaitDocument(String siren, String fileName) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            found[0] = null;
            for (JsonNode doc : documents(siren)) {
                if (doc.get("fileName").asText().equals(fileName)) {
                    found[0] = doc;
                }
            }
            assertThat(found[0]).as("document " + fileName + " in dossier " + siren).isNotNull();
        });
        return found[0];
    }

    private JsonNode documents(String siren) throws Exception {
        String key = siren.equals(SIREN_A) ? gw.keyA : gw.keyB;
        var response = gw.get("/api/dossiers/" + siren + "/documents?limit=500", key);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static void awaitFile(Path file) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> Files.exists(file));
    }

    private static byte[] billionLaughs() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        xml.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">");
        for (int i = 2; i <= 9; i++) {
            xml.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        xml.append("]><lolz>&lol9;</lolz>");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }
}
