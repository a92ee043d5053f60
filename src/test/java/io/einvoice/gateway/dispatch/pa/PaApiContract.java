package io.einvoice.gateway.dispatch.pa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.einvoice.gateway.dispatch.pa.simulator.PaSimulator;
import io.einvoice.gateway.dispatch.pa.simulator.SimulatedPa;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.lifecycle.LifecycleCode;
import io.einvoice.gateway.system.TestDatabase;
import io.einvoice.gateway.system.TestGateway;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static io.einvoice.gateway.system.TestGateway.ADMIN_EMAIL;
import static io.einvoice.gateway.system.TestGateway.SIREN_A;
import static io.einvoice.gateway.system.TestGateway.SIREN_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The PA settings and the PA's webhook on the whole gateway over HTTP: the secret never shown, precise 400s, hosts
 * through the outbound guard, tenants as walls; a webhook call without the right signature stores nothing.
 */
abstract class PaApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WEBHOOK_SECRET = "webhook-secret-0123456789";

    @TempDir
    Path home;

    private TestGateway gw;
    private PaSimulator simulator;
    private final HttpClient http = HttpClient.newHttpClient();

    abstract TestDatabase database(Path home) throws Exception;

    @BeforeEach
    void start() throws Exception {
        gw = TestGateway.start(home, database(home));
        // dossier A is DEMONSTRATION (123456782), the samples' buyer
        simulator = PaSimulator.start(0, new SimulatedPa(Clock.systemUTC())).addClient("demo-client", "demo-secret",
                Set.of(SIREN_A));
    }

    @AfterEach
    void stop() {
        simulator.close();
        gw.close();
    }

    private String body(String baseUrl, String extra) {
        return "{\"baseUrl\":\"" + baseUrl + "\",\"clientId\":\"demo-client\",\"clientSecret\":\"demo-secret\","
                + "\"webhookSecret\":\"" + WEBHOOK_SECRET + "\"" + extra + "}";
    }

    private static JsonNode ok(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> webhook(String siren, String signature, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + gw.port + "/api/pa/webhook/" + siren))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int documentsOfA() {
        String dossier = gw.gateway.services().dossiers().findBySiren(SIREN_A).orElseThrow().id();
        return (int) gw.gateway.services().documents().count(dossier);
    }

    @Test
    void aUserSetsThePaAccountAndNoAnswerShowsTheSecrets() throws Exception {
        JsonNode saved = ok(gw.put("/api/dossiers/" + SIREN_A + "/pa", gw.login(ADMIN_EMAIL), body(simulator.baseUrl() + "/",
                ",\"buyers\":[\"" + SampleInvoices.SELLER_SIREN + "\"]")));

        assertThat(saved.get("baseUrl").asText()).isEqualTo(simulator.baseUrl());
        assertThat(saved.get("tokenUrl").asText()).isEqualTo(simulator.baseUrl() + "/oauth/token");
        assertThat(saved.get("organizationId").asText()).as("defaults to the dossier's SIREN").isEqualTo(SIREN_A);
        assertThat(saved.get("clientSecretSet").asBoolean()).isTrue();
        assertThat(saved.get("webhookSecretSet").asBoolean()).isTrue();
        JsonNode read = ok(gw.get("/api/dossiers/" + SIREN_A + "/pa", gw.keyA));
        assertThat(read.get("buyers").get(0).asText()).isEqualTo(SampleInvoices.SELLER_SIREN);
        assertThat(saved + read.toString()).doesNotContain("demo-secret").doesNotContain(WEBHOOK_SECRET);

        // a change without the secrets keeps them
        ok(gw.put("/api/dossiers/" + SIREN_A + "/pa", gw.login(ADMIN_EMAIL), "{\"baseUrl\":\"" + simulator.baseUrl()
                + "\",\"clientId\":\"demo-client\"}"));
        assertThat(ok(gw.get("/api/dossiers/" + SIREN_A + "/pa", gw.keyA)).get("webhookSecretSet").asBoolean()).isTrue();
    }

    @Test
    void anotherDossiersKeyNeitherReadsNorSetsTheAccountAndAKeyCannotSetOne() throws Exception {
        ok(gw.put("/api/dossiers/" + SIREN_A + "/pa", gw.login(ADMIN_EMAIL), body(simulator.baseUrl(), "")));

        assertThat(gw.get("/api/dossiers/" + SIREN_A + "/pa", gw.keyB).statusCode()).isEqualTo(404);
        assertThat(gw.put("/api/dossiers/" + SIREN_A + "/pa", gw.keyB, body(simulator.baseUrl(), "")).statusCode()).isEqualTo(404);
        assertThat(gw.put("/api/dossiers/" + SIREN_A + "/pa", gw.keyA, body(simulator.baseUrl(), "")).statusCode())
                .as("an API key may not set credentials").isEqualTo(403);
        assertThat(gw.get("/api/dossiers/" + SIREN_B + "/pa", gw.keyB).statusCode()).as("B has no account").isEqualTo(404);
    }

    @Test
    void badSettingsAreRefusedInOurWordsAndNothingIsStored() throws Exception {
        String admin = gw.login(ADMIN_EMAIL);
        String path = "/api/dossiers/" + SIREN_A + "/pa";
        assertThat(gw.put(path, admin, body("gopher://pa.example", "")).body()).contains("baseUrl must be an http or https URL");
        HttpResponse<String> metadata = gw.put(path, admin, body("http://169.254.169.254", ""));
        assertThat(metadata.statusCode()).isEqualTo(400);
        assertThat(metadata.body()).contains("baseUrl").contains("link-local").contains("GATEWAY_ALLOWED_PRIVATE_HOSTS");
        assertThat(gw.put(path, admin, body(simulator.baseUrl(), ",\"buyers\":[\"123\"]")).body())
                .contains("buyers[0] is not a valid SIREN");
        assertThat(gw.put(path, admin, body(simulator.baseUrl(), ",\"organizationId\":\"a b\"")).body())
                .contains("organizationId must be");
        assertThat(gw.put(path, admin, "{\"baseUrl\":\"" + simulator.baseUrl() + "\",\"clientId\":\"demo-client\"}").body())
                .contains("clientSecret is required when the PA account is first set");
        assertThat(gw.put(path, admin, body(simulator.baseUrl(), "").replace(WEBHOOK_SECRET, "short")).body())
                .contains("webhookSecret must be 16 to 200 characters");
        assertThat(gw.put(path, admin, "{\"evil\":1}").statusCode()).isEqualTo(400);
        assertThat(gw.get(path, admin).statusCode()).isEqualTo(404);
    }

    @Test
    void aSalesInvoiceToABuyerReachedThroughThePaIsSentAsAFlowThenPaidWhenThePaSays212() throws Exception {
        // the buyer: SIRET 73282932000017, not a dossier here, not public, no Chorus Pro account to ask
        String buyerSiren = SampleInvoices.SELLER_SIREN;
        ok(gw.put("/api/dossiers/" + SIREN_A + "/pa", gw.login(ADMIN_EMAIL), body(simulator.baseUrl(), ",\"buyers\":[\"" + buyerSiren + "\"]")));
        byte[] pdf = SampleInvoices.chorusFacturXPdf("PA-E2E-0001", SampleInvoices.PublicBuyer.plain("73282932000017"),
                SampleInvoices.Seller.of("Dossier A", SIREN_A));
        HttpResponse<String> upload = gw.upload("/api/dossiers/" + SIREN_A + "/sales-invoices/files", gw.keyA, "file",
                "pa-e2e.pdf", pdf);
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
        String id = JSON.readTree(upload.body()).get("id").asText();

        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).until(() ->
                "PA".equals(JSON.readTree(gw.get("/api/documents/" + id, gw.keyA).body()).path("dispatchChannel").asText()));

        assertThat(simulator.pa().receivedFlowIds(SIREN_A, "CustomerInvoice")).singleElement()
                .satisfies(flowId -> assertThat(simulator.pa().file(flowId)).isEqualTo(pdf));
        String flowId = simulator.pa().receivedFlowIds(SIREN_A, "CustomerInvoice").get(0);
        assertThat(JSON.readTree(gw.get("/api/documents/" + id + "/dispatch", gw.keyA).body()).toString()).contains(flowId);

        simulator.pa().statusFromBuyer(flowId, LifecycleCode.ENCAISSEE, null);
        followRound();
        JsonNode paid = JSON.readTree(gw.get("/api/documents/" + id, gw.keyA).body());
        assertThat(paid.path("paymentStatus").asText()).isEqualTo("PAID");
        assertThat(gw.get("/api/documents/" + id + "/lifecycle", gw.keyA).body()).contains("\"origin\":\"PLATFORM\"");
    }

    @Test
    void aWebhookCallWithoutTheRightSignatureIsRefusedAndStoresNothing() throws Exception {
        ok(gw.put("/api/dossiers/" + SIREN_A + "/pa", gw.login(ADMIN_EMAIL), body(simulator.baseUrl(), "")));
        String flowId = simulator.pa().deliver(SIREN_A, "SupplierInvoice", "FA-HOOK-1.pdf", "Factur-X",
                SampleInvoices.facturXPdf("FA-HOOK-1"));
        String call = "{\"flowId\":\"" + flowId + "\",\"flowDirection\":\"In\",\"flowType\":\"SupplierInvoice\"}";

        assertThat(webhook(SIREN_A, null, call).statusCode()).isEqualTo(401);
        assertThat(webhook(SIREN_A, PaWebhook.sign("another-secret-0123456789", call.getBytes(StandardCharsets.UTF_8)), call)
                .statusCode()).isEqualTo(401);
        String signature = PaWebhook.sign(WEBHOOK_SECRET, call.getBytes(StandardCharsets.UTF_8));
        assertThat(webhook(SIREN_A, signature, call.replace("In", "Out")).statusCode()).as("the body changed").isEqualTo(401);
        assertThat(webhook(SIREN_B, signature, call).statusCode()).as("B has no webhook secret").isEqualTo(401);
        assertThat(documentsOfA()).isZero();

        JsonNode handled = ok(webhook(SIREN_A, "sha256=" + signature, call));
        assertThat(handled.get("handled").asBoolean()).isTrue();
        assertThat(documentsOfA()).isEqualTo(1);
        assertThat(ok(webhook(SIREN_A, signature, call)).get("handled").asBoolean()).as("the same flow again").isFalse();
        assertThat(documentsOfA()).isEqualTo(1);
    }

    /** A round of the timer's route now, as its timer would run it (what it fetched goes on into the pipeline). */
    private void followRound() throws IOException {
        try (ProducerTemplate template = gw.gateway.camel().createProducerTemplate()) {
            template.sendBody("direct:pa-follow-round", null);
        }
    }

    private int deliveries(String flowId, int status) {
        return (int) simulator.webhookDeliveries().stream().filter(d -> d.flowId().equals(flowId) && d.status() == status).count();
    }

    @Test
    void theGatewaySubscribesItsWebhookAndThePasSignedCallBringsTheFlowInWithoutWaitingForTheTimer() throws Exception {
        ok(gw.put("/api/dossiers/" + SIREN_A + "/pa", gw.login(ADMIN_EMAIL), body(simulator.baseUrl(), "")));
        assertThat(ok(gw.get("/api/dossiers/" + SIREN_A + "/pa", gw.keyA)).get("webhookState").asText()).isEqualTo("TO_REGISTER");

        followRound();

        assertThat(ok(gw.get("/api/dossiers/" + SIREN_A + "/pa", gw.keyA)).get("webhookState").asText()).isEqualTo("REGISTERED");
        String flowId = simulator.pa().deliver(SIREN_A, "SupplierInvoice", "FA-HOOK-2.pdf", "Factur-X",
                SampleInvoices.facturXPdf("FA-HOOK-2"));
        // the delivery is recorded once the gateway answered, after it stored the invoice
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> deliveries(flowId, 200) == 1);
        assertThat(documentsOfA()).isEqualTo(1);
        // pa-webhook handed it on: validated, then up for approval like any purchase
        gw.awaitListed(SIREN_A, gw.keyA, Duration.ofMinutes(4), d -> "FA-HOOK-2".equals(d.path("number").asText())
                && List.of("PENDING_APPROVAL", "APPROVED", "ARCHIVED").contains(d.path("status").asText()));
        followRound();
        assertThat(documentsOfA()).as("the timer's round finds it handled").isEqualTo(1);
    }

    @Test
    void aCallSignedWithAnOldKeyIsRefusedOnceStoresNothingAndTheFlowStillArrivesByTheTimer() throws Exception {
        ok(gw.put("/api/dossiers/" + SIREN_A + "/pa", gw.login(ADMIN_EMAIL), body(simulator.baseUrl(), "")));
        followRound();
        // the secret changes here; the PA signs with the old one until the next round subscribes again
        ok(gw.put("/api/dossiers/" + SIREN_A + "/pa", gw.login(ADMIN_EMAIL), body(simulator.baseUrl(), "")
                .replace(WEBHOOK_SECRET, "another-webhook-secret-987654")));
        String flowId = simulator.pa().deliver(SIREN_A, "SupplierInvoice", "FA-HOOK-3.pdf", "Factur-X",
                SampleInvoices.facturXPdf("FA-HOOK-3"));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> deliveries(flowId, 401) == 1);
        assertThat(simulator.webhookDeliveries()).filteredOn(d -> d.flowId().equals(flowId))
                .as("a refusal is not sent again").hasSize(1);
        assertThat(documentsOfA()).isZero();

        followRound();
        assertThat(documentsOfA()).isEqualTo(1);
        assertThat(ok(gw.get("/api/dossiers/" + SIREN_A + "/pa", gw.keyA)).get("webhookState").asText()).isEqualTo("REGISTERED");
        String next = simulator.pa().deliver(SIREN_A, "SupplierInvoice", "FA-HOOK-4.pdf", "Factur-X",
                SampleInvoices.facturXPdf("FA-HOOK-4"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> deliveries(next, 200) >= 1);
        assertThat(documentsOfA()).isEqualTo(2);
        assertThat(simulator.webhookDeliveries()).filteredOn(d -> d.flowId().equals(next))
                .as("one subscription per flow type: the old ones were deleted").hasSize(1);
    }
}
