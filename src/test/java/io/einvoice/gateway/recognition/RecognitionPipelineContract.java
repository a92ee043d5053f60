package io.einvoice.gateway.recognition;

import com.fasterxml.jackson.databind.JsonNode;
import io.einvoice.gateway.facturx.InvoiceReader;
import io.einvoice.gateway.facturx.MustangVerdict;
import io.einvoice.gateway.facturx.Profile;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.Note;
import io.einvoice.gateway.system.GatewayContract;
import io.einvoice.gateway.validation.InvoiceValidator;
import io.einvoice.gateway.validation.ValidationReport;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;

import static io.einvoice.gateway.system.TestGateway.SIREN_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Recognition through the whole gateway: upload or drop folder, ingest commit, the seda route, the document's fields,
 * the Factur-X written from them and its verdict, corrections and their hints, the Factur-X coherence check. Runs once per database (H2 and PostgreSQL subclasses).
 */
abstract class RecognitionPipelineContract extends GatewayContract {

    /** OCR of an A4 page at 300 dpi takes seconds, more on a busy machine */
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    /** The first validation in a JVM waits for the rule sets to compile: minutes on a busy machine. */
    private static final Duration VALIDATION_PATIENCE = Duration.ofMinutes(5);

    @Test
    void aScannedInvoiceIsAcknowledgedAtOnceThenRecognisedByOcr() throws Exception {
        byte[] scan = TestFiles.png(TestFiles.scan(SampleInvoices.plainPdf(), 90));
        JsonNode accepted = upload("scan.png", scan);
        assertThat(accepted.get("status").asText()).isEqualTo("AWAITING_RECOGNITION");

        JsonNode doc = awaitRecognised(accepted.get("id").asText());
        assertThat(doc.get("format").asText()).isEqualTo("OCR");
        assertThat(doc.get("number").asText()).isEqualTo(SampleInvoices.FACTURX_NUMBER);
        assertThat(doc.get("totalInclVat").asText()).isEqualTo(SampleInvoices.TOTAL_INCL_VAT);
        assertThat(doc.get("sellerSiren").asText()).isEqualTo(SampleInvoices.SELLER_SIREN);
        JsonNode fields = JSON.readTree(gw.get("/api/documents/" + doc.get("id").asText() + "/recognition", gw.keyA).body());
        assertThat(fields.get("source").asText()).isEqualTo("OCR");
        assertThat(fields.at("/fields/number/confidence").asDouble()).isBetween(0.5, 1.0);
        assertThat(fields.at("/fields/number/page").asInt()).isEqualTo(1);
    }

    /** The "done when" of recognition: a scan dropped into the purchase folder ends with its fields and a valid Factur-X. */
    @Test
    void aScanDroppedIntoThePurchaseFolderEndsWithItsFieldsAndAValidFacturX() throws Exception {
        Files.write(gw.purchaseFolder(SIREN_A).resolve("scan-folder.png"), TestFiles.png(TestFiles.scan(SampleInvoices.plainPdf(), 0)));

        JsonNode[] found = new JsonNode[1];
        await().atMost(VALIDATION_PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode list = JSON.readTree(gw.get("/api/dossiers/" + SIREN_A + "/documents", gw.keyA).body());
            JsonNode doc = null;
            for (JsonNode d : list) {
                if ("scan-folder.png".equals(d.get("fileName").asText())) {
                    doc = d;
                }
            }
            assertThat(doc).isNotNull();
            assertThat(doc.get("validation").isNull()).as(doc.toString()).isFalse();
            found[0] = document(doc.get("id").asText());
        });
        JsonNode doc = found[0];
        String id = doc.get("id").asText();
        assertThat(doc.get("format").asText()).isEqualTo("OCR");
        assertThat(doc.get("channel").asText()).isEqualTo("FOLDER");
        assertThat(doc.get("number").asText()).isEqualTo(SampleInvoices.FACTURX_NUMBER);
        assertThat(doc.get("sellerSiren").asText()).isEqualTo(SampleInvoices.SELLER_SIREN);
        assertThat(doc.get("totalInclVat").asText()).isEqualTo(SampleInvoices.TOTAL_INCL_VAT);
        assertThat(doc.get("validation").get("valid").asBoolean()).as(doc.toString()).isTrue();
        assertThat(doc.get("events").findValuesAsText("type")).containsSubsequence("RECOGNIZED", "FACTURX_GENERATED", "VALIDATED");
        // the dossier's mode (a person approves everything) leaves it waiting, with the verdict known
        assertThat(doc.get("status").asText()).isEqualTo("PENDING_APPROVAL");

        HttpResponse<byte[]> facturx = gw.getBytes("/api/documents/" + id + "/facturx", gw.keyA);
        assertThat(facturx.statusCode()).isEqualTo(200);
        ValidationReport ours = InvoiceValidator.shared().validate(facturx.body(), "scan-folder.facturx.pdf");
        assertThat(ours.valid()).as(ours.findings().toString()).isTrue();
        // the scan's item table adds up, so its lines are kept and the Factur-X is EN 16931
        assertThat(ours.profile()).isEqualTo(Profile.EN16931.guideline());
        MustangVerdict mustang = MustangVerdict.of(facturx.body(), "scan-folder.facturx.pdf");
        assertThat(mustang.valid()).as(mustang.errors().toString()).isTrue();
        Invoice xml = new InvoiceReader().read(facturx.body()).invoice();
        assertThat(xml.number()).isEqualTo(SampleInvoices.FACTURX_NUMBER);
        assertThat(xml.totals().inclVat()).isEqualByComparingTo(SampleInvoices.TOTAL_INCL_VAT);
        assertThat(xml.lines()).extracting(l -> l.quantity().stripTrailingZeros().toPlainString(),
                l -> l.netAmount().stripTrailingZeros().toPlainString())
                .containsExactly(tuple("4", "183.6"), tuple("10", "125"), tuple("3", "72"), tuple("2", "130"));
        assertThat(xml.buyer().siren()).isEqualTo(SIREN_A);
        // the mentions French law requires, as the scan words them (BR-FR-05)
        assertThat(xml.notes()).extracting(Note::subjectCode).containsExactlyInAnyOrder("PMT", "PMD", "AAB");
        assertThat(gw.getBytes("/api/documents/" + id + "/facturx", gw.keyB).statusCode()).isEqualTo(404);
    }

    @Test
    void aCorrectionIsLearntForTheSupplierAndUsedOnItsNextInvoice() throws Exception {
        String[] invoice = {"Atelier Dupont SARL", "SIREN 732 829 320", "FACTURE", "Pièce comptable : PC-2024-118",
                "Date : 12/03/2024", "Total HT 100,00", "TVA 20,00", "Total TTC 120,00"};
        String first = upload("dupont-1.pdf", TestFiles.textPdf(invoice)).get("id").asText();
        JsonNode before = awaitRecognised(first);
        assertThat(before.get("number").isNull()).isTrue();
        assertThat(before.get("checkReasons").toString()).contains("number not found");

        HttpResponse<String> foreign = patch("/api/documents/" + first, gw.keyB, "{\"fields\":{\"number\":\"PC-2024-118\"}}");
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(patch("/api/documents/" + first, gw.keyA, "{\"fields\":{\"nope\":\"1\"}}").statusCode()).isEqualTo(400);
        assertThat(gw.get("/api/documents/" + first + "/recognition", gw.keyB).statusCode()).isEqualTo(404);
        HttpResponse<String> corrected = patch("/api/documents/" + first, gw.keyA, "{\"fields\":{\"number\":\"PC-2024-118\"}}");
        assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(200);
        assertThat(JSON.readTree(corrected.body()).at("/fields/number/value").asText()).isEqualTo("PC-2024-118");
        assertThat(document(first).get("number").asText()).isEqualTo("PC-2024-118");
        assertThat(document(first).get("checkReasons").toString()).as("the person settled what recognition doubted")
                .doesNotContain("number not found");
        // a Factur-X without the number is invalid (BR-02); after the correction it is written from the corrected fields
        await().atMost(VALIDATION_PATIENCE).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            JsonNode again = document(first);
            assertThat(again.get("validation").isNull()).as(again.toString()).isFalse();
            assertThat(again.get("validation").get("valid").asBoolean()).as(again.toString()).isTrue();
            assertThat(again.get("events").findValuesAsText("type")).containsSubsequence("CORRECTED", "FACTURX_GENERATED", "VALIDATED");
        });

        invoice[3] = "Pièce comptable : PC-2024-131";
        String next = upload("dupont-2.pdf", TestFiles.textPdf(invoice)).get("id").asText();
        JsonNode learnt = awaitRecognised(next);
        assertThat(learnt.get("number").asText()).isEqualTo("PC-2024-131");
        assertThat(learnt.get("checkReasons").toString()).doesNotContain("number");
    }

    @Test
    void aTamperedFacturXIsFlaggedWithTheReason() throws Exception {
        String honest = upload("honest.pdf", SampleInvoices.facturXPdf("FX-HONEST")).get("id").asText();
        String tampered = upload("tampered.pdf",
                TestFiles.tamperedTotal(SampleInvoices.facturXPdf("FX-TAMPERED"), "9602.28")).get("id").asText();

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(document(tampered).get("checkReasons").toString())
                        .contains("coherence: the XML's total incl. VAT 9602.28 does not appear in the PDF's visible text"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(document(honest).get("events").toString()).contains("COHERENCE"));
        assertThat(document(honest).get("checkReasons").toString()).doesNotContain("coherence");
    }

    @Test
    void badInputsAreQuarantinedWithPreciseReasons() throws Exception {
        assertThat(awaitStatus(upload("bomb.png", TestFiles.pixelBomb(30_000, 30_000)).get("id").asText(), "QUARANTINED")
                .get("statusReason").asText()).contains("image too large: 30,000 × 30,000 pixels");
        assertThat(awaitStatus(upload("blank.pdf", TestFiles.blankPdf(1)).get("id").asText(), "QUARANTINED")
                .get("statusReason").asText()).startsWith("no text found: blank or unreadable scan");
        assertThat(awaitStatus(upload("letter.pdf", TestFiles.textPdf("Bonjour,", "Nous vous remercions de votre visite.",
                "Cordialement")).get("id").asText(), "QUARANTINED").get("statusReason").asText())
                .startsWith("not recognised as an invoice");
        assertThat(awaitStatus(upload("many.pdf", TestFiles.blankPdf(500)).get("id").asText(), "QUARANTINED")
                .get("statusReason").asText()).startsWith("too many pages: 500");
        assertThat(upload("locked.pdf", TestFiles.encrypted(TestFiles.textPdf("Facture 1"))).get("reason").asText())
                .contains("password protected");
        assertThat(upload("empty.png", new byte[0]).get("reason").asText()).contains("empty file");
    }

    private JsonNode upload(String name, byte[] content) throws Exception {
        HttpResponse<String> response = gw.upload("/api/dossiers/" + SIREN_A + "/purchase-invoices", gw.keyA, "file", name, content);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body());
    }

    private JsonNode document(String id) throws Exception {
        return JSON.readTree(gw.get("/api/documents/" + id, gw.keyA).body());
    }

    /** Recognised; approval (default mode: a person decides) may already have moved it on to PENDING_APPROVAL. */
    private JsonNode awaitRecognised(String id) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            found[0] = document(id);
            assertThat(found[0].get("status").asText()).as(found[0].toString()).isIn("RECOGNIZED", "PENDING_APPROVAL");
        });
        return found[0];
    }

    private JsonNode awaitStatus(String id, String status) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            found[0] = document(id);
            assertThat(found[0].get("status").asText()).as(found[0].toString()).isEqualTo(status);
        });
        return found[0];
    }

    private HttpResponse<String> patch(String path, String key, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + gw.port + path))
                        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                        .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
