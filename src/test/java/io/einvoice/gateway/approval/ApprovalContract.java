package io.einvoice.gateway.approval;

import com.fasterxml.jackson.databind.JsonNode;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.Firm;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.system.GatewayContract;
import io.einvoice.gateway.system.RecordsItsOwnVerdicts;
import io.einvoice.gateway.system.TestGateway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.einvoice.gateway.system.TestGateway.SIREN_A;
import static io.einvoice.gateway.system.TestGateway.SIREN_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Approval over the real drop folder, upload, database and HTTP API: the "done when" of issue 6. Validation is another
 * step; these tests record its verdict the way it will ({@code recordValidation}) and call the re-evaluation hook.
 * Every test uses its own invoice numbers; settings and supplier flags are set by the test that needs them.
 */
@RecordsItsOwnVerdicts
abstract class ApprovalContract extends GatewayContract {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    String supplierId;

    @BeforeAll
    void start() throws Exception {
        // the sample invoices' seller, known to dossier A before any invoice arrives, with the IBAN its invoices give
        // entered by a person (so confirmed: a new IBAN would keep every invoice waiting, see SupplierFraudContract)
        HttpResponse<String> created = gw.post("/api/dossiers/" + SIREN_A + "/suppliers", gw.login(TestGateway.ADMIN_EMAIL),
                "{\"companyName\":\"Fournitures Lumière SARL\",\"siren\":\"" + SampleInvoices.SELLER_SIREN + "\","
                        + "\"iban\":\"" + SampleInvoices.SELLER_IBAN + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        supplierId = JSON.readTree(created.body()).get("id").asText();
    }

    @Test
    void settingsDefaultToAllAndAreChecked() throws Exception {
        JsonNode defaults = JSON.readTree(gw.get("/api/dossiers/" + SIREN_B + "/settings", gw.keyB).body());
        assertThat(defaults.get("approvalMode").asText()).isEqualTo("ALL");
        assertThat(defaults.get("approvalThreshold").isNull()).isTrue();
        assertError(gw.put("/api/dossiers/" + SIREN_B + "/settings", gw.keyB, "{\"approvalMode\":\"SOMETIMES\"}"), 400,
                "ALL, EXCEPT_TRUSTED, NONE");
        assertError(gw.put("/api/dossiers/" + SIREN_B + "/settings", gw.keyB,
                "{\"approvalMode\":\"NONE\",\"approvalThreshold\":-5}"), 400, "zero or more");
        HttpResponse<String> saved = gw.put("/api/dossiers/" + SIREN_B + "/settings", gw.keyB,
                "{\"approvalMode\":\"ALL\",\"approvalThreshold\":\"2500.5\"}");
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(gw.get("/api/dossiers/" + SIREN_B + "/settings", gw.keyB).body())
                .get("approvalThreshold").asText()).isEqualTo("2500.50");
    }

    /** Done when: EXCEPT_TRUSTED — trusted reaches APPROVED with no person, untrusted waits, blacklisted is rejected. */
    @Test
    void exceptTrustedApprovesTrustedWaitsForUntrustedAndRejectsBlacklisted() throws Exception {
        setMode(SIREN_A, "EXCEPT_TRUSTED", null);
        patchSupplier("{\"trusted\":true,\"blacklisted\":false}");
        try {
        JsonNode trusted = dropAndAwait("trusted.pdf", "APPR-TRUSTED-1", "PENDING_APPROVAL");
        assertThat(trusted.get("statusReason").asText()).isEqualTo("not validated yet");
        assertThat(validated(trusted)).isEqualTo(DocumentStatus.APPROVED);
        JsonNode approved = document(trusted.get("id").asText());
        assertThat(approved.get("status").asText()).as("approved, then archived").isIn("APPROVED", "ARCHIVED");
        JsonNode last = lastEvent(approved);
        assertThat(last.get("actor").asText()).isEqualTo("rule:trusted-supplier");
        assertThat(last.get("from").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(last.get("details").asText()).contains("FOUR-001 Fournitures Lumière SARL is trusted");
        assertThat(approved.get("events").findValuesAsText("actor")).noneMatch(a -> a.startsWith("user:") || a.startsWith("api-key:"));
        JsonNode archived = awaitStatus(trusted.get("id").asText(), "ARCHIVED");
        assertThat(lastNotLifecycle(archived.get("events")).get("actor").asText())
                .as("an approved invoice is sealed in the archive with no person either").isEqualTo("rule:archive-when-approved");

        patchSupplier("{\"trusted\":false}");
        JsonNode untrusted = dropAndAwait("untrusted.pdf", "APPR-UNTRUSTED-1", "PENDING_APPROVAL");
        assertThat(validated(untrusted)).isEqualTo(DocumentStatus.PENDING_APPROVAL);
        assertThat(document(untrusted.get("id").asText()).get("statusReason").asText())
                .isEqualTo("supplier FOUR-001 Fournitures Lumière SARL is not trusted (approval mode EXCEPT_TRUSTED)");

        patchSupplier("{\"blacklisted\":true}");
        JsonNode blacklisted = dropAndAwait("blacklisted.pdf", "APPR-BLACK-1", "REJECTED");
        assertThat(blacklisted.get("statusReason").asText()).isEqualTo("supplier FOUR-001 Fournitures Lumière SARL is blacklisted");
        assertThat(lastEvent(document(blacklisted.get("id").asText())).get("actor").asText()).isEqualTo("rule:blacklisted-supplier");
        } finally {
            patchSupplier("{\"trusted\":false,\"blacklisted\":false}");
            setMode(SIREN_A, "ALL", null);
        }
    }

    @Test
    void theThresholdKeepsALargeInvoiceWaitingEvenInModeNone() throws Exception {
        setMode(SIREN_A, "NONE", "100");
        try {
            JsonNode doc = dropAndAwait("big.pdf", "APPR-BIG-1", "PENDING_APPROVAL");
            assertThat(validated(doc)).isEqualTo(DocumentStatus.PENDING_APPROVAL);
            assertThat(document(doc.get("id").asText()).get("statusReason").asText())
                    .isEqualTo("total " + SampleInvoices.FACTURX_TOTAL_INCL_VAT + " is above the auto-approval threshold 100.00");
        } finally {
            setMode(SIREN_A, "ALL", null);
        }
    }

    /** Done when: the same invoice by the folder and by upload is one original and one flagged duplicate. */
    @Test
    void theSameInvoiceByTwoChannelsIsOneOriginalAndOneFlaggedDuplicate() throws Exception {
        setMode(SIREN_A, "NONE", null);
        try {
            byte[] invoice = SampleInvoices.facturXPdf("APPR-DUP-1");
            JsonNode original = dropAndAwait("dup.pdf", invoice, "APPR-DUP-1", "PENDING_APPROVAL");
            HttpResponse<String> upload = gw.upload("/api/dossiers/" + SIREN_A + "/purchase-invoices", gw.keyA, "file",
                    "dup-again.pdf", invoice);
            String copyId = JSON.readTree(upload.body()).get("id").asText();
            JsonNode copy = awaitStatus(copyId, "PENDING_APPROVAL");
            String originalId = original.get("id").asText();
            assertThat(validated(original)).isEqualTo(DocumentStatus.APPROVED);
            assertThat(validated(copy)).as("a duplicate is never auto-approved").isEqualTo(DocumentStatus.PENDING_APPROVAL);
            copy = document(copyId);
            assertThat(copy.get("duplicateOf").asText()).isEqualTo(originalId);
            assertThat(copy.get("checkReasons").get(0).asText()).isEqualTo("duplicate of document " + originalId + " (same file)");
            assertThat(copy.get("statusReason").asText()).contains("duplicate of document " + originalId);
            assertThat(document(originalId).get("duplicateOf").isNull()).isTrue();

            // different bytes (the CII XML of the same invoice): caught by seller + number + year
            String xmlId = JSON.readTree(gw.upload("/api/dossiers/" + SIREN_A + "/purchase-invoices", gw.keyA, "file",
                    "dup.xml", SampleInvoices.ciiXml("APPR-DUP-1")).body()).get("id").asText();
            JsonNode xml = awaitStatus(xmlId, "PENDING_APPROVAL");
            assertThat(xml.get("duplicateOf").asText()).isEqualTo(originalId);
            assertThat(xml.get("checkReasons").get(0).asText()).isEqualTo("duplicate of document " + originalId
                    + " (same seller, invoice number APPR-DUP-1 and year 2026)");
            assertThat(xml.get("events").findValuesAsText("type")).contains("DUPLICATE");
        } finally {
            setMode(SIREN_A, "ALL", null);
        }
    }

    @Test
    void anInvoiceForAnotherDossierOfTheFirmIsFlaggedAsMisroutedAndAsDuplicate() throws Exception {
        byte[] invoice = SampleInvoices.facturXPdf("APPR-ROUTE-1");
        JsonNode inA = dropAndAwait("route.pdf", invoice, "APPR-ROUTE-1", "PENDING_APPROVAL");
        // the sample's buyer is dossier A: in dossier B it was probably sent to the wrong dossier
        String idInB = JSON.readTree(gw.upload("/api/dossiers/" + SIREN_B + "/purchase-invoices", gw.keyB, "file",
                "route.pdf", invoice).body()).get("id").asText();
        JsonNode inB = awaitStatusAs(idInB, "PENDING_APPROVAL", gw.keyB);
        List<String> reasons = new ArrayList<>();
        inB.get("checkReasons").forEach(r -> reasons.add(r.asText()));
        assertThat(reasons).containsExactly(
                "duplicate of document " + inA.get("id").asText() + " (same file, received in dossier " + SIREN_A + ")",
                "probably sent to the wrong dossier: the buyer SIREN " + SIREN_A + " is dossier Dossier A of the firm");
        assertThat(inB.get("events").findValuesAsText("type")).contains("DUPLICATE", "WRONG_DOSSIER");
        // B's supplier list got the seller, created from the invoice
        JsonNode suppliersOfB = JSON.readTree(gw.get("/api/dossiers/" + SIREN_B + "/suppliers", gw.keyB).body());
        assertThat(suppliersOfB.get("items").get(0).get("createdFromInvoice").asBoolean()).isTrue();
        assertThat(suppliersOfB.get("items").get(0).get("siren").asText()).isEqualTo(SampleInvoices.SELLER_SIREN);
    }

    @Test
    void peopleApproveOrRejectWithAReasonAndEachDecisionIsAnEvent() throws Exception {
        JsonNode one = dropAndAwait("decide-1.pdf", "APPR-DECIDE-1", "PENDING_APPROVAL");
        JsonNode two = dropAndAwait("decide-2.pdf", "APPR-DECIDE-2", "PENDING_APPROVAL");
        String first = one.get("id").asText();
        assertError(gw.post("/api/documents/" + first + "/reject", gw.keyA, "{}"), 400, "needs a reason");
        assertError(gw.post("/api/documents/" + first + "/reject", gw.keyA, "{\"reason\":\"  \"}"), 400, "needs a reason");
        HttpResponse<String> rejected = gw.post("/api/documents/" + first + "/reject", gw.keyA,
                "{\"reason\":\"commande annulée\"}");
        assertThat(rejected.statusCode()).isEqualTo(200);
        JsonNode doc = document(first);
        assertThat(doc.get("status").asText()).isEqualTo("REJECTED");
        assertThat(doc.get("statusReason").asText()).isEqualTo("commande annulée");
        JsonNode event = lastEvent(doc);
        assertThat(event.get("actor").asText()).startsWith("api-key:");
        assertThat(event.get("type").asText()).isEqualTo("REJECTED");
        assertThat(event.get("details").asText()).isEqualTo("rejected: commande annulée");
        assertThat(event.get("at").asText()).isNotBlank();
        assertError(gw.post("/api/documents/" + first + "/approve", gw.keyA, ""), 409, "is REJECTED, not PENDING_APPROVAL");

        String admin = gw.login(TestGateway.ADMIN_EMAIL);
        assertError(gw.post("/api/documents/" + two.get("id").asText() + "/approve", admin, ""), 409,
                "is still being validated");
        assertThat(document(two.get("id").asText()).get("status").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(validated(two)).isEqualTo(DocumentStatus.PENDING_APPROVAL);
        assertThat(gw.post("/api/documents/" + two.get("id").asText() + "/approve", admin, "").statusCode()).isEqualTo(200);
        assertThat(lastEvent(document(two.get("id").asText())).get("actor").asText()).isEqualTo("user:" + TestGateway.ADMIN_EMAIL);
    }

    @Test
    void twoConcurrentDecisionsCannotBothWin() throws Exception {
        for (int round = 0; round < 3; round++) {
            JsonNode waiting = dropAndAwait("race-" + round + ".pdf", "APPR-RACE-" + round, "PENDING_APPROVAL");
            assertThat(validated(waiting)).isEqualTo(DocumentStatus.PENDING_APPROVAL);
            String id = waiting.get("id").asText();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Callable<HttpResponse<String>>> calls = List.of(
                        () -> gw.post("/api/documents/" + id + "/approve", gw.keyA, ""),
                        () -> gw.post("/api/documents/" + id + "/reject", gw.keyA, "{\"reason\":\"race\"}"));
                List<Integer> codes = new ArrayList<>();
                for (Future<HttpResponse<String>> f : pool.invokeAll(calls)) {
                    codes.add(f.get().statusCode());
                }
                assertThat(codes).containsExactlyInAnyOrder(200, 409);
                JsonNode doc = document(id);
                assertThat(doc.get("events").findValuesAsText("type").stream()
                        .filter(t -> t.equals("APPROVED") || t.equals("REJECTED"))).hasSize(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * The poller's first look and validation's call after its verdict can evaluate one invoice at once: the evaluation
     * that started while the verdict was being recorded waits for it, and does not leave a valid invoice waiting "not
     * validated yet" (it did when the evaluation read the document without holding it).
     */
    @Test
    void anEvaluationDuringTheRecordingOfTheVerdictDecidesOnTheVerdict() throws Exception {
        setMode(SIREN_A, "NONE", null);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            JsonNode waiting = dropAndAwait("verdict-race.pdf", "APPR-VERDICT-RACE", "PENDING_APPROVAL");
            assertThat(waiting.get("statusReason").asText()).isEqualTo("not validated yet");
            String id = waiting.get("id").asText();
            var documents = gw.gateway.services().documents();
            Future<java.util.Optional<DocumentStatus>> evaluation = gw.gateway.transactions().execute(tx -> {
                // the verdict being recorded, the document's row held as validation holds it
                documents.lock(id);
                gw.recordCleanValidation(id);
                Future<java.util.Optional<DocumentStatus>> started = pool.submit(() -> gw.gateway.services().approvals().evaluate(id));
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return started;
            });
            assertThat(evaluation.get()).contains(DocumentStatus.APPROVED);
        } finally {
            pool.shutdownNow();
            setMode(SIREN_A, "ALL", null);
        }
    }

    @Test
    void countersSayWhatIsLeftToDo() throws Exception {
        JsonNode before = JSON.readTree(gw.get("/api/dossiers/" + SIREN_A + "/counters", gw.keyA).body());
        dropAndAwait("count.pdf", "APPR-COUNT-1", "PENDING_APPROVAL");
        gw.upload("/api/dossiers/" + SIREN_A + "/purchase-invoices", gw.keyA, "file", "broken.pdf", SampleInvoices.brokenPdf());
        JsonNode after = JSON.readTree(gw.get("/api/dossiers/" + SIREN_A + "/counters", gw.keyA).body());
        assertThat(after.get("toProcess").asLong()).isEqualTo(before.get("toProcess").asLong() + 1);
        assertThat(after.get("toCheck").asLong()).isGreaterThan(before.get("toCheck").asLong());
        assertThat(after.has("toExport")).isTrue();
    }

    @Test
    void approvalEndpointsAnswer404ToAnotherTenant() throws Exception {
        String id = dropAndAwait("wall.pdf", "APPR-WALL-1", "PENDING_APPROVAL").get("id").asText();
        List<HttpResponse<String>> answers = List.of(
                gw.post("/api/documents/" + id + "/approve", gw.keyB, ""),
                gw.post("/api/documents/" + id + "/reject", gw.keyB, "{\"reason\":\"x\"}"),
                gw.post("/api/documents/" + id + "/reject", gw.keyB, "{}"),
                gw.get("/api/dossiers/" + SIREN_A + "/settings", gw.keyB),
                gw.put("/api/dossiers/" + SIREN_A + "/settings", gw.keyB, "{\"approvalMode\":\"NONE\"}"),
                gw.get("/api/dossiers/" + SIREN_A + "/counters", gw.keyB));
        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(404);
        assertThat(document(id).get("status").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(JSON.readTree(gw.get("/api/dossiers/" + SIREN_A + "/settings", gw.keyA).body()).get("approvalMode").asText())
                .isNotEqualTo("NONE");
    }

    /** Another firm's dossier receives the same invoice: it is told a copy exists on the platform, never which or where. */
    @Test
    void aDuplicateInAnotherFirmIsFlaggedWithoutRevealingTheOriginal() throws Exception {
        var services = gw.gateway.services();
        Firm other = new Firm(UUID.randomUUID().toString(), "Autre Cabinet", "100000009");
        services.dossiers().insertFirm(other);
        Dossier c = new Dossier(UUID.randomUUID().toString(), other.id(), "443061841", null, "Dossier C", null, 12, "ACTIVE", false);
        services.dossiers().insert(c);
        String keyC = services.apiKeys().issue(c, "test").key();

        byte[] invoice = SampleInvoices.facturXPdf("APPR-FIRM-1");
        String originalId = dropAndAwait("firm.pdf", invoice, "APPR-FIRM-1", "PENDING_APPROVAL").get("id").asText();
        String copyId = JSON.readTree(gw.upload("/api/dossiers/443061841/purchase-invoices", keyC, "file", "firm.pdf", invoice)
                .body()).get("id").asText();
        JsonNode copy = awaitStatusAs(copyId, "PENDING_APPROVAL", keyC);
        assertThat(copy.get("duplicateOf").isNull()).isTrue();
        List<String> reasons = new ArrayList<>();
        copy.get("checkReasons").forEach(r -> reasons.add(r.asText()));
        assertThat(reasons).containsExactly(
                "the same invoice (same file) was already received on this platform for another company");
        // (the buyer SIREN is in the invoice itself; what the platform adds names neither the document nor its dossier)
        assertThat(copy.toString()).doesNotContain(originalId).doesNotContain("Dossier A");
        assertThat(gw.get("/api/documents/" + originalId, keyC).statusCode()).isEqualTo(404);
    }

    // --- helpers

    private DocumentStatus validated(JsonNode doc) {
        String id = doc.get("id").asText();
        gw.recordCleanValidation(id);
        return gw.gateway.services().approvals().evaluate(id).orElseThrow();
    }

    private void setMode(String siren, String mode, String threshold) throws Exception {
        String key = siren.equals(SIREN_A) ? gw.keyA : gw.keyB;
        HttpResponse<String> r = gw.put("/api/dossiers/" + siren + "/settings", key, "{\"approvalMode\":\"" + mode + "\""
                + (threshold == null ? "" : ",\"approvalThreshold\":\"" + threshold + "\"") + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private void patchSupplier(String json) throws Exception {
        HttpResponse<String> r = gw.patch("/api/parties/" + supplierId, gw.keyA, json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private JsonNode dropAndAwait(String fileName, String number, String status) throws Exception {
        return dropAndAwait(fileName, SampleInvoices.facturXPdf(number), number, status);
    }

    private JsonNode dropAndAwait(String fileName, byte[] content, String number, String status) throws Exception {
        gw.drop(SIREN_A, fileName, content);
        return awaitStatus(gw.awaitListed(SIREN_A, gw.keyA, PATIENCE, d -> number.equals(d.path("number").asText())
                && fileName.equals(d.path("fileName").asText())).get("id").asText(), status);
    }

    private JsonNode awaitStatus(String id, String status) throws Exception {
        return awaitStatusAs(id, status, gw.keyA);
    }

    private JsonNode awaitStatusAs(String id, String status, String key) throws Exception {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> JSON.readTree(gw.get("/api/documents/" + id, key).body()).path("status").asText().equals(status));
        return JSON.readTree(gw.get("/api/documents/" + id, key).body());
    }

    private JsonNode document(String id) throws Exception {
        return JSON.readTree(gw.get("/api/documents/" + id, gw.keyA).body());
    }

    /**
     * The last decision on the document: an approved invoice is archived right after, and the lifecycle statuses the
     * decision calls for are emitted meanwhile; neither is a decision.
     */
    private static JsonNode lastEvent(JsonNode doc) {
        JsonNode events = doc.get("events");
        int last = events.size() - 1;
        while (last > 0 && List.of("ARCHIVED", "LIFECYCLE").contains(events.get(last).get("type").asText())) {
            last--;
        }
        return events.get(last);
    }

    private static JsonNode lastNotLifecycle(JsonNode events) {
        int last = events.size() - 1;
        while (last > 0 && events.get(last).get("type").asText().equals("LIFECYCLE")) {
            last--;
        }
        return events.get(last);
    }

    private static void assertError(HttpResponse<String> response, int status, String messagePart) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).get("message").asText()).contains(messagePart);
    }
}
