package io.einvoice.gateway.recognition;

import com.fasterxml.jackson.databind.JsonNode;
import io.einvoice.gateway.system.GatewayContract;
import io.einvoice.gateway.system.TestBroker;
import io.einvoice.gateway.system.TestDatabase;
import io.einvoice.gateway.system.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static io.einvoice.gateway.system.TestGateway.SIREN_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A person's correction through the API with the stages on RabbitMQ: the API route hands the corrected document to
 * the Factur-X stage's queue (InOnly, the HTTP answer does not wait), whose consumer writes the Factur-X from the
 * corrected fields and hands it on to validation. {@link RecognitionPipelineContract} runs the same flow in-process.
 */
@EnabledIfEnvironmentVariable(named = TestDatabase.PG_URL_VARIABLE, matches = ".+")
@EnabledIfEnvironmentVariable(named = TestBroker.URL_VARIABLE, matches = ".+")
class CorrectionThroughBrokerPostgresTest extends GatewayContract {

    /** The first validation in a JVM waits for the rule sets to compile: minutes on a busy machine. */
    private static final Duration PATIENCE = Duration.ofMinutes(5);

    private final TestBroker broker = closedAfterGateway(new TestBroker());

    @Override
    protected TestDatabase database(Path home) throws Exception {
        return TestDatabase.postgres();
    }

    @Override
    protected TestGateway startGateway(Path home, TestDatabase database) throws Exception {
        return broker.start(home, database);
    }

    @Test
    void aCorrectionThroughTheApiIsWrittenAsFacturXAndValidatedThroughTheBrokersQueues() throws Exception {
        byte[] pdf = TestFiles.textPdf("Atelier Dupont SARL", "SIREN 732 829 320", "FACTURE",
                "Pièce comptable : PC-2025-007", "Date : 12/03/2025", "Total HT 100,00", "TVA 20,00", "Total TTC 120,00");
        HttpResponse<String> uploaded = gw.upload("/api/dossiers/" + SIREN_A + "/purchase-invoices", gw.keyA, "file",
                "dupont-broker.pdf", pdf);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(202);
        String id = JSON.readTree(uploaded.body()).get("id").asText();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(document(id).get("checkReasons").toString()).contains("number not found"));

        HttpResponse<String> corrected = gw.patch("/api/documents/" + id, gw.keyA, "{\"fields\":{\"number\":\"PC-2025-007\"}}");
        assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(200);

        // a Factur-X without the number is invalid (BR-02): valid only once written again from the corrected fields
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            JsonNode again = document(id);
            assertThat(again.get("number").asText()).isEqualTo("PC-2025-007");
            assertThat(again.get("validation").isNull()).as(again.toString()).isFalse();
            assertThat(again.get("validation").get("valid").asBoolean()).as(again.toString()).isTrue();
            assertThat(again.get("events").findValuesAsText("type"))
                    .containsSubsequence("CORRECTED", "FACTURX_GENERATED", "VALIDATED");
        });
        assertThat(gw.getBytes("/api/documents/" + id + "/facturx", gw.keyA).statusCode()).isEqualTo(200);
    }

    private JsonNode document(String id) throws Exception {
        return JSON.readTree(gw.get("/api/documents/" + id, gw.keyA).body());
    }
}
