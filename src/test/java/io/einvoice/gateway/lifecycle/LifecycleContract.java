package io.einvoice.gateway.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.einvoice.gateway.archive.BlobRef;
import io.einvoice.gateway.document.AccountingStatus;
import io.einvoice.gateway.document.Channel;
import io.einvoice.gateway.document.Direction;
import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.document.PaymentStatus;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.InvoiceType;
import io.einvoice.gateway.invoice.Party;
import io.einvoice.gateway.invoice.Totals;
import io.einvoice.gateway.system.GatewayContract;
import io.einvoice.gateway.system.RecordsItsOwnVerdicts;
import io.einvoice.gateway.validation.InvoiceValidator;
import io.einvoice.gateway.validation.ValidationReport;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.einvoice.gateway.system.TestGateway.SIREN_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Lifecycle statuses over the real gateway (drop folder, approval, database, HTTP API): what receiving, approving,
 * rejecting and paying a purchase invoice emit, and a paid sales invoice; each CDAR message passes BR-FR-CDV; another
 * tenant sees none of it.
 */
@RecordsItsOwnVerdicts
abstract class LifecycleContract extends GatewayContract {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final InvoiceValidator VALIDATOR = InvoiceValidator.onDemand();

    @Test
    void anApprovedAndPaidPurchaseInvoiceEmits202204205Then211EachAsCdarPassingBrFrCdv() throws Exception {
        String id = waitingForApproval("approved.pdf", "LC-APPROVED-1");
        assertThat(codesOf(id)).as("read and in approval").containsExactly(202, 204);

        HttpResponse<String> approved = gw.post("/api/documents/" + id + "/approve", gw.keyA, "");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        awaitCodes(id, 202, 204, 205);
        HttpResponse<String> paid = gw.post("/api/documents/" + id + "/paid", gw.keyA, "");
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        JsonNode statuses = awaitCodes(id, 202, 204, 205, 211);

        for (JsonNode s : statuses) {
            HttpResponse<byte[]> cdar = gw.getBytes(s.get("cdar").asText(), gw.keyA);
            assertThat(cdar.statusCode()).isEqualTo(200);
            ValidationReport report = VALIDATOR.validate(cdar.body(), "cdar.xml");
            assertThat(report.findings()).as(new String(cdar.body(), StandardCharsets.UTF_8)).isEmpty();
            CdarMessage message = new CdarReader().read(cdar.body());
            assertThat(message.status().code()).isEqualTo(s.get("code").asInt());
            assertThat(message.invoiceNumber()).isEqualTo("LC-APPROVED-1");
            assertThat(message.issuerSiren()).as("the dossier, buyer of the invoice, says it").isEqualTo(SIREN_A);
            assertThat(message.issuerRole()).isEqualTo(CdarMessage.BUYER);
            assertThat(message.recipientSiren()).isEqualTo(SampleInvoices.SELLER_SIREN);
        }
        JsonNode events = JSON.readTree(gw.get("/api/documents/" + id, gw.keyA).body()).get("events");
        List<String> timeline = new ArrayList<>();
        events.forEach(e -> {
            if (e.get("type").asText().equals("LIFECYCLE")) {
                timeline.add(e.get("details").asText().substring(0, 3));
            }
        });
        assertThat(timeline).as("each status once on the timeline, in order").containsExactly("202", "204", "205", "211");
        assertThat(gw.post("/api/documents/" + id + "/paid", gw.keyA, "").statusCode()).as("paid once").isEqualTo(409);
    }

    @Test
    void aRejectionCarriesThePersonsReasonCodeAndABadCodeRejectsNothing() throws Exception {
        String id = waitingForApproval("rejected.pdf", "LC-REJECTED-1");

        HttpResponse<String> bad = gw.post("/api/documents/" + id + "/reject", gw.keyA,
                "{\"reason\":\"pas commandé\",\"reasonCode\":\"PAS_ENVIE\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("reasonCode must be one of").doesNotContain("PAS_ENVIE");
        assertThat(JSON.readTree(gw.get("/api/documents/" + id, gw.keyA).body()).get("status").asText())
                .isEqualTo("PENDING_APPROVAL");
        HttpResponse<String> notFor210 = gw.post("/api/documents/" + id + "/reject", gw.keyA,
                "{\"reason\":\"x\",\"reasonCode\":\"REJ_SEMAN\"}");
        assertThat(notFor210.statusCode()).as("a platform's reason is not a buyer's").isEqualTo(400);

        HttpResponse<String> rejected = gw.post("/api/documents/" + id + "/reject", gw.keyA,
                "{\"reason\":\"commande BC-12 jamais passée\",\"reasonCode\":\"CMD_ERR\"}");
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
        JsonNode statuses = awaitCodes(id, 202, 204, 210);
        JsonNode refused = statuses.get(2);
        assertThat(refused.get("reasonCode").asText()).isEqualTo("CMD_ERR");
        byte[] cdar = gw.getBytes(refused.get("cdar").asText(), gw.keyA).body();
        assertThat(VALIDATOR.validate(cdar, "210.xml").findings()).isEmpty();
        assertThat(new CdarReader().read(cdar).reasonCode()).isEqualTo(ReasonCode.CMD_ERR);
        assertThat(gw.post("/api/documents/" + id + "/paid", gw.keyA, "").statusCode()).as("a rejected invoice is not paid")
                .isEqualTo(409);
    }

    @Test
    void aPaidSalesInvoiceEmits212WithTheAmountReceived() throws Exception {
        var s = gw.gateway.services();
        String dossierId = s.dossiers().findBySiren(SIREN_A).orElseThrow().id();
        BlobRef blob = s.blobs().put("sales invoice bytes".getBytes(StandardCharsets.UTF_8));
        s.documents().recordBlob(blob.sha256(), blob.size(), "application/xml");
        Invoice invoice = new Invoice("LC-SALES-1", InvoiceType.INVOICE, LocalDate.of(2026, 11, 2), null, "EUR",
                new Party("Dossier A", SIREN_A, null, null), new Party("Client SA", "552100554", null, null),
                new Totals(new BigDecimal("100.00"), new BigDecimal("20.00"), new BigDecimal("120.00"), new BigDecimal("120.00")),
                List.of());
        String id = UUID.randomUUID().toString();
        s.documents().insert(new Document(id, dossierId, Direction.SALES, Channel.CREATED, null, "LC-SALES-1.xml",
                blob.sha256(), "CII", null, invoice, 0, DocumentStatus.SENT, null, PaymentStatus.PAID, AccountingStatus.TO_EXPORT,
                null, OffsetDateTime.now()));

        JsonNode statuses = awaitCodes(id, 212);
        assertThat(statuses.get(0).get("amount").asText()).isEqualTo("120.00");
        byte[] cdar = gw.getBytes(statuses.get(0).get("cdar").asText(), gw.keyA).body();
        assertThat(VALIDATOR.validate(cdar, "212.xml").findings()).isEmpty();
        CdarMessage message = new CdarReader().read(cdar);
        assertThat(message.issuerRole()).isEqualTo(CdarMessage.SELLER);
        assertThat(message.recipientSiren()).isEqualTo("552100554");
        assertThat(message.amount()).isEqualByComparingTo("120.00");
    }

    @Test
    void anotherTenantSeesNoStatusNoCdarAndCannotPayOrGiveAReason() throws Exception {
        String id = waitingForApproval("wall.pdf", "LC-WALL-1");
        awaitCodes(id, 202, 204);

        assertThat(gw.get("/api/documents/" + id + "/lifecycle", gw.keyB).statusCode()).isEqualTo(404);
        assertThat(gw.getBytes("/api/documents/" + id + "/lifecycle/202/cdar", gw.keyB).statusCode()).isEqualTo(404);
        assertThat(gw.post("/api/documents/" + id + "/paid", gw.keyB, "").statusCode()).isEqualTo(404);
        assertThat(gw.post("/api/documents/" + id + "/reject", gw.keyB, "{\"reason\":\"x\",\"reasonCode\":\"CMD_ERR\"}")
                .statusCode()).isEqualTo(404);
        assertThat(gw.get("/api/documents/" + id + "/lifecycle", null).statusCode()).isEqualTo(401);
        assertThat(gw.getBytes("/api/documents/" + id + "/lifecycle/999/cdar", gw.keyA).statusCode())
                .as("no such status").isEqualTo(404);
        assertThat(gw.getBytes("/api/documents/" + id + "/lifecycle/205/cdar", gw.keyA).statusCode())
                .as("not emitted yet").isEqualTo(404);
    }

    // --- helpers

    private String waitingForApproval(String fileName, String number) throws Exception {
        gw.drop(SIREN_A, fileName, SampleInvoices.facturXPdf(number));
        String id = gw.awaitListed(SIREN_A, gw.keyA, PATIENCE, d ->
                number.equals(d.path("number").asText()) && "PENDING_APPROVAL".equals(d.path("status").asText())).get("id").asText();
        gw.recordCleanValidation(id);
        awaitCodes(id, 202, 204);
        return id;
    }

    private List<Integer> codesOf(String id) throws Exception {
        HttpResponse<String> r = gw.get("/api/documents/" + id + "/lifecycle", gw.keyA);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<Integer> codes = new ArrayList<>();
        JSON.readTree(r.body()).get("statuses").forEach(s -> codes.add(s.get("code").asInt()));
        return codes;
    }

    private JsonNode awaitCodes(String id, Integer... codes) throws Exception {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> codesOf(id).equals(List.of(codes)));
        return JSON.readTree(gw.get("/api/documents/" + id + "/lifecycle", gw.keyA).body()).get("statuses");
    }
}
