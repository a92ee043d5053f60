package io.einvoice.gateway.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.einvoice.gateway.document.Channel;
import io.einvoice.gateway.document.Direction;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.system.GatewayContract;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static io.einvoice.gateway.system.TestGateway.SIREN_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * POST /api/documents/{id}/replay over the real HTTP API and database: a quarantined document's stored original runs
 * through the pipeline again as a new document linked both ways to the old one, which stays quarantined with an event.
 */
abstract class ReplayContract extends GatewayContract {

    private static final Duration PATIENCE = Duration.ofMinutes(2);

    @Test
    void aQuarantinedInvoiceIsReplayedAsANewDocumentLinkedBothWaysAndTheOldOneStays() throws Exception {
        // a good Factur-X a channel held back (as mail does for an address no dossier has): the bytes are readable
        byte[] facturX = SampleInvoices.facturXPdf("RPL-0001");
        String held = gw.gateway.services().ingest().receiveAll(List.of(new IncomingPart(new IncomingFile(SIREN_A,
                Direction.PURCHASE, Channel.MAIL, "held.pdf", "test-uid-1"), facturX,
                "held back by the channel for the test", "mail from the test")), () -> { }).get(0).documentId();
        assertThat(document(held, gw.keyA).path("status").asText()).isEqualTo("QUARANTINED");

        HttpResponse<String> replay = gw.post("/api/documents/" + held + "/replay", gw.keyA, "");
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
        JsonNode answer = JSON.readTree(replay.body());
        String fresh = answer.path("id").asText();
        assertThat(fresh).isNotEqualTo(held);
        assertThat(answer.path("replayOf").asText()).isEqualTo(held);
        assertThat(answer.path("duplicateOf").isNull()).as("a replay does not duplicate what it replays").isTrue();

        JsonNode replayed = awaitDocument(fresh, d -> !"QUARANTINED".equals(d.path("status").asText())
                && !"AWAITING_RECOGNITION".equals(d.path("status").asText()));
        assertThat(replayed.path("number").asText()).isEqualTo("RPL-0001");
        assertThat(replayed.path("channel").asText()).isEqualTo("MAIL");
        assertThat(replayed.path("direction").asText()).isEqualTo("PURCHASE");
        assertThat(replayed.path("replayOf").asText()).isEqualTo(held);
        assertThat(replayed.path("events").findValuesAsText("details")).anySatisfy(d ->
                assertThat(d).startsWith("replay of document " + held).contains("api-key:"));
        assertThat(gw.getBytes("/api/documents/" + fresh + "/original", gw.keyA).body()).isEqualTo(facturX);

        JsonNode old = document(held, gw.keyA);
        assertThat(old.path("status").asText()).isEqualTo("QUARANTINED");
        assertThat(old.path("statusReason").asText()).isEqualTo("held back by the channel for the test");
        assertThat(old.path("replayedBy").asText()).isEqualTo(fresh);
        assertThat(old.path("events").findValuesAsText("type")).contains("REPLAYED");

        HttpResponse<String> again = gw.post("/api/documents/" + held + "/replay", gw.keyA, "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(again.body()).path("message").asText()).contains("already replayed as document " + fresh);
        HttpResponse<String> notQuarantined = gw.post("/api/documents/" + fresh + "/replay", gw.keyA, "");
        assertThat(notQuarantined.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(notQuarantined.body()).path("message").asText()).contains("only a QUARANTINED document");
    }

    @Test
    void aDroppedFileStillUnreadableIsQuarantinedAgainAndCanBeReplayedInItsTurn() throws Exception {
        Path drop = gw.purchaseFolder(SIREN_A).resolve(".cut.pdf.tmp");
        Files.write(drop, SampleInvoices.brokenPdf());
        Files.move(drop, gw.purchaseFolder(SIREN_A).resolve("cut.pdf"));
        String first = awaitByFileName("cut.pdf").path("id").asText();
        assertThat(document(first, gw.keyA).path("status").asText()).isEqualTo("QUARANTINED");

        HttpResponse<String> replay = gw.post("/api/documents/" + first + "/replay", gw.keyA, "");
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
        JsonNode second = document(JSON.readTree(replay.body()).path("id").asText(), gw.keyA);
        assertThat(second.path("status").asText()).isEqualTo("QUARANTINED");
        assertThat(second.path("channel").asText()).isEqualTo("FOLDER");
        assertThat(second.path("statusReason").asText()).startsWith("PDF is damaged or truncated");
        assertThat(second.path("replayOf").asText()).isEqualTo(first);
        HttpResponse<String> third = gw.post("/api/documents/" + second.path("id").asText() + "/replay", gw.keyA, "");
        assertThat(third.statusCode()).as("the chain goes on").isEqualTo(202);
    }

    @Test
    void anotherDossiersKeyCannotReplayNorLearnThatTheDocumentExists() throws Exception {
        String held = gw.gateway.services().ingest().receiveAll(List.of(new IncomingPart(new IncomingFile(SIREN_A,
                Direction.PURCHASE, Channel.MAIL, "walled.pdf", "test-uid-2"), SampleInvoices.brokenPdf(),
                "held back by the channel for the test", null)), () -> { }).get(0).documentId();

        HttpResponse<String> foreign = gw.post("/api/documents/" + held + "/replay", gw.keyB, "");
        assertThat(foreign.statusCode()).isEqualTo(404);
        HttpResponse<String> unknown = gw.post("/api/documents/00000000-0000-0000-0000-000000000000/replay", gw.keyB, "");
        assertThat(foreign.body()).isEqualTo(unknown.body().replace("00000000-0000-0000-0000-000000000000", held));
        JsonNode old = document(held, gw.keyA);
        assertThat(old.path("replayedBy").isNull()).isTrue();
        assertThat(old.path("events").findValuesAsText("type")).doesNotContain("REPLAYED");
    }

    private JsonNode document(String id, String key) throws Exception {
        HttpResponse<String> response = gw.get("/api/documents/" + id, key);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode awaitDocument(String id, java.util.function.Predicate<JsonNode> condition) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode d = document(id, gw.keyA);
            last.set(d);
            assertThat(condition.test(d)).as(d.toString()).isTrue();
        });
        return last.get();
    }

    private JsonNode awaitByFileName(String fileName) {
        AtomicReference<JsonNode> found = new AtomicReference<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode list = JSON.readTree(gw.get("/api/dossiers/" + SIREN_A + "/documents?limit=500", gw.keyA).body());
            JsonNode hit = null;
            for (JsonNode d : list) {
                if (fileName.equals(d.path("fileName").asText())) {
                    hit = d;
                }
            }
            assertThat(hit).as(fileName).isNotNull();
            found.set(hit);
        });
        return found.get();
    }
}
