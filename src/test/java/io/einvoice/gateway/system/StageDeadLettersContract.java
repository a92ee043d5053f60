package io.einvoice.gateway.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.einvoice.gateway.facturx.SampleInvoices;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static io.einvoice.gateway.system.TestGateway.SIREN_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stage that gives up on a document puts it in the quarantine, in-process (SEDA) as through the broker's dead-letter
 * queue: the validation of a document whose stored original went missing fails until the error policy gives up, the
 * document is QUARANTINED with our sentence, and once the original is back a replay takes it through. A dead letter
 * that names no document is dropped without stopping the route.
 */
abstract class StageDeadLettersContract extends GatewayContract {

    private static final Duration PATIENCE = Duration.ofMinutes(2);

    /** Checks the broker's side once a dead letter was handled; nothing to check in-process. */
    protected void assertDeadLettersAcknowledged() throws Exception {
    }

    @Test
    void aValidationThatKeepsFailingEndsInTheQuarantineWithTheStageAndAttemptsAndIsReplayedOnceTheCauseIsFixed()
            throws Exception {
        byte[] facturX = SampleInvoices.facturXPdf("DLQ-0001");
        Path blob = null;
        Path aside = home.resolve("aside.blob");
        String id;
        gw.gateway.camel().getRouteController().stopRoute("validation-document");
        try {
            id = receive(facturX, "dlq-1.pdf");
            // the disk lost the original between the ingest commit and the validation: every attempt fails
            blob = gw.gateway.services().blobs().pathOf(gw.gateway.services().documents().findById(id).orElseThrow()
                    .originalSha256());
            Files.move(blob, aside);
        } finally {
            gw.gateway.camel().getRouteController().startRoute("validation-document");
        }

        JsonNode quarantined = awaitDocument(id, d -> "QUARANTINED".equals(d.path("status").asText()));
        assertThat(quarantined.path("statusReason").asText()).isEqualTo("The validation stage gave up on this document"
                + " after 4 attempts; the error is in the gateway's log. Replay it once the cause is fixed.");
        assertThat(quarantined.path("events").findValuesAsText("actor")).contains("system:validation");
        JsonNode listed = JSON.readTree(gw.get("/api/dossiers/" + SIREN_A + "/documents?status=QUARANTINED", gw.keyA).body());
        assertThat(listed.findValuesAsText("id")).contains(id);
        assertDeadLettersAcknowledged();

        Files.move(aside, blob);
        HttpResponse<String> replay = gw.post("/api/documents/" + id + "/replay", gw.keyA, "");
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
        String fresh = JSON.readTree(replay.body()).path("id").asText();
        JsonNode replayed = awaitDocument(fresh, d -> d.path("validation").isObject());
        assertThat(replayed.path("status").asText()).isNotEqualTo("QUARANTINED");
        assertThat(replayed.path("replayOf").asText()).isEqualTo(id);
    }

    @Test
    void aDeadLetterThatNamesNoDocumentIsDroppedAndTheNextOneIsStillQuarantined() throws Exception {
        String id;
        gw.gateway.camel().getRouteController().stopRoute("validation-document");
        try {
            id = receive(SampleInvoices.facturXPdf("DLQ-0002"), "dlq-2.pdf");
            ProducerTemplate producer = gw.gateway.camel().createProducerTemplate();
            String deadLetters = gw.gateway.camel().resolvePropertyPlaceholders("{{gateway.deadLetters.validation}}");
            producer.sendBody(deadLetters, "'; DROP TABLE document; --\u0000\u202e".getBytes(StandardCharsets.UTF_8));
            producer.sendBody(deadLetters, "00000000-0000-0000-0000-000000000000");
            producer.sendBody(deadLetters, id);

            JsonNode quarantined = awaitDocument(id, d -> "QUARANTINED".equals(d.path("status").asText()));
            assertThat(quarantined.path("statusReason").asText()).isEqualTo("The validation stage gave up on this document;"
                    + " the error is in the gateway's log. Replay it once the cause is fixed.");
            assertDeadLettersAcknowledged();
        } finally {
            gw.gateway.camel().getRouteController().startRoute("validation-document");
        }
    }

    /** Through a channel (the API upload), whose route hands the committed document to the validation stage. */
    private String receive(byte[] content, String fileName) throws Exception {
        HttpResponse<String> uploaded = gw.upload("/api/dossiers/" + SIREN_A + "/purchase-invoices", gw.keyA, "file",
                fileName, content);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(202);
        return JSON.readTree(uploaded.body()).path("id").asText();
    }

    private JsonNode awaitDocument(String id, Predicate<JsonNode> condition) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            HttpResponse<String> response = gw.get("/api/documents/" + id, gw.keyA);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode d = JSON.readTree(response.body());
            last.set(d);
            assertThat(condition.test(d)).as(d.toString()).isTrue();
        });
        return last.get();
    }
}
