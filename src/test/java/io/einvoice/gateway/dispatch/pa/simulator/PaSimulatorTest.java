package io.einvoice.gateway.dispatch.pa.simulator;

import io.einvoice.gateway.system.MovableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.einvoice.gateway.archive.Sha256;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.lifecycle.CdarMessage;
import io.einvoice.gateway.lifecycle.CdarReader;
import io.einvoice.gateway.lifecycle.LifecycleCode;
import io.einvoice.gateway.lifecycle.ReasonCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The PA simulator over real HTTP, as a client of the XP Z12-013 flow and directory services sees it. */
class PaSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SELLER = SampleInvoices.SELLER_SIREN;
    private static final String BUYER = SampleInvoices.BUYER_SIREN;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final HttpClient http = HttpClient.newHttpClient();
    private PaSimulator simulator;
    private String token;

    @BeforeEach
    void start() throws Exception {
        simulator = PaSimulator.start(0, new SimulatedPa(clock)).addClient("gateway", "s3cret", Set.of(SELLER, BUYER));
        token = token("gateway", "s3cret").get("access_token").asText();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void anInvoiceFlowIsAcknowledgedOnTheClockThenDepositedThenMadeAvailable() throws Exception {
        byte[] cii = SampleInvoices.ciiXml("PA-OK-1");
        HttpResponse<String> posted = postFlow(SELLER, "{\"name\":\"PA-OK-1.xml\",\"flowSyntax\":\"CII\",\"processingRule\":\"B2B\","
                + "\"trackingId\":\"doc-1\",\"sha256\":\"" + Sha256.of(cii) + "\"}", cii);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        String flowId = JSON.readTree(posted.body()).get("flowId").asText();
        assertThat(flow(SELLER, flowId).at("/acknowledgement/status").asText()).isEqualTo("Pending");

        clock.advance(Duration.ofSeconds(3));
        assertThat(flow(SELLER, flowId).at("/acknowledgement/status").asText()).isEqualTo("Ok");
        assertThat(statusesFor(SELLER)).containsExactly(200);
        clock.advance(Duration.ofSeconds(3));
        assertThat(statusesFor(SELLER)).containsExactly(200, 203);

        String byTracking = search(SELLER, "{\"where\":{\"trackingId\":\"doc-1\"}}").get("results").get(0).get("flowId").asText();
        assertThat(byTracking).isEqualTo(flowId);
        assertThat(simulator.pa().statusFromBuyer(flowId, LifecycleCode.APPROUVEE, null)).isNotBlank();
        assertThat(statusesFor(SELLER)).containsExactly(200, 203, 205);
    }

    @Test
    void badSyntaxAndBadRequestsGetTheApisErrorCodes() throws Exception {
        byte[] ubl = SampleInvoices.ublXml("PA-SYNTAX-1");
        String ublAsCii = JSON.readTree(postFlow(SELLER, "{\"name\":\"x.xml\",\"flowSyntax\":\"CII\"}", ubl).body()).get("flowId").asText();
        String badSum = JSON.readTree(postFlow(SELLER, "{\"name\":\"y.xml\",\"flowSyntax\":\"UBL\",\"sha256\":\"" + "0".repeat(64) + "\"}",
                ubl).body()).get("flowId").asText();
        String empty = JSON.readTree(postFlow(SELLER, "{\"name\":\"z.xml\",\"flowSyntax\":\"CII\"}", new byte[0]).body()).get("flowId").asText();
        clock.advance(Duration.ofSeconds(3));

        assertThat(flow(SELLER, ublAsCii).at("/acknowledgement/details/0/reasonCode").asText()).isEqualTo("InvalidSchema");
        assertThat(flow(SELLER, badSum).at("/acknowledgement/details/0/reasonCode").asText()).isEqualTo("ChecksumMismatch");
        assertThat(flow(SELLER, empty).at("/acknowledgement/status").asText()).isEqualTo("Error");
        assertThat(flow(SELLER, empty).at("/acknowledgement/details/0/reasonCode").asText()).isEqualTo("EmptyFlow");

        assertError(postFlow(SELLER, "{\"flowSyntax\":\"CII\"}", ubl), 400, "MISSING_REQUIRED_FIELD");
        assertError(postFlow(SELLER, "{\"name\":\"a\",\"flowSyntax\":\"PDF\"}", ubl), 400, "INVALID_FIELD_VALUE");
        assertError(postFlow(SELLER, "not json", ubl), 400, "INVALID_REQUEST_FORMAT");
        assertError(send(request("/v1/flows/search", SELLER).POST(HttpRequest.BodyPublishers.ofString("{\"limit\":5}"))), 400,
                "MISSING_REQUIRED_FIELD");
        assertError(send(request("/v1/flows/search", SELLER).POST(HttpRequest.BodyPublishers.ofString("{\"limit\":500,\"where\":{}}"))),
                400, "INVALID_FIELD_VALUE");
    }

    @Test
    void theSameInvoiceTwiceIsRejectedWithDoublonAndTheSameFileTwiceIsAnAlreadyExistingFlow() throws Exception {
        byte[] first = SampleInvoices.ciiXml("PA-DUP-1");
        postFlow(SELLER, "{\"name\":\"1.xml\",\"flowSyntax\":\"CII\"}", first);
        clock.advance(Duration.ofSeconds(3));
        byte[] sameNumberOtherBytes = new String(first, StandardCharsets.UTF_8).replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!-- sent again -->").getBytes(StandardCharsets.UTF_8);
        assertThat(sameNumberOtherBytes).isNotEqualTo(first);
        postFlow(SELLER, "{\"name\":\"2.xml\",\"flowSyntax\":\"CII\"}", sameNumberOtherBytes);
        String again = JSON.readTree(postFlow(SELLER, "{\"name\":\"3.xml\",\"flowSyntax\":\"CII\"}", first).body()).get("flowId").asText();
        clock.advance(Duration.ofSeconds(3));

        List<CdarMessage> statuses = cdarFor(SELLER);
        assertThat(statuses).anySatisfy(m -> {
            assertThat(m.status()).isEqualTo(LifecycleCode.REJETEE);
            assertThat(m.reasonCode()).isEqualTo(ReasonCode.DOUBLON);
            assertThat(m.invoiceNumber()).isEqualTo("PA-DUP-1");
        });
        assertThat(flow(SELLER, again).at("/acknowledgement/details/0/reasonCode").asText()).isEqualTo("AlreadyExistingFlow");
        for (JsonNode f : search(SELLER, "{\"where\":{\"flowDirection\":[\"In\"],\"flowType\":[\"CustomerInvoiceLC\"]}}").get("results")) {
            byte[] cdar = http.send(request("/v1/flows/" + f.get("flowId").asText() + "?docType=Original", SELLER).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
            assertThat(io.einvoice.gateway.validation.InvoiceValidator.onDemand().validate(cdar, "pa.xml").findings())
                    .as("the platform's statuses pass BR-FR-CDV too").isEmpty();
        }
    }

    @Test
    void credentialsTokensAndOrganizationsAreChecked() throws Exception {
        HttpResponse<String> wrongSecret = send(HttpRequest.newBuilder(URI.create(simulator.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=gateway&client_secret=nope")));
        HttpResponse<String> unknown = send(HttpRequest.newBuilder(URI.create(simulator.tokenUrl()))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=who&client_secret=s3cret")));
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(wrongSecret.body()).contains("invalid_client");

        assertError(send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/v1/flows/x")).GET()), 401, "MISSING_TOKEN");
        assertError(send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/v1/flows/x"))
                .header("Authorization", "Bearer forged").GET()), 401, "INVALID_TOKEN");
        assertError(send(request("/v1/flows/search", "552100554").POST(HttpRequest.BodyPublishers.ofString("{\"where\":{}}"))),
                403, "FORBIDDEN");
        String waiting = simulator.pa().deliver(BUYER, "SupplierInvoice", "in.xml", "CII", SampleInvoices.ciiXml("PA-IN-1"));
        assertError(send(request("/v1/flows/" + waiting, SELLER).GET()), 404, "MISSING_RESOURCE");
        HttpResponse<String> original = send(request("/v1/flows/" + waiting + "?docType=Original", BUYER).GET());
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.body()).contains("PA-IN-1");
        JsonNode in = search(BUYER, "{\"where\":{\"flowDirection\":[\"In\"],\"flowType\":[\"SupplierInvoice\"]}}");
        assertThat(in.get("results")).hasSize(1);
    }

    @Test
    void injectedFaultsAnswerTheStatusOnceThenTheRealAnswer() throws Exception {
        simulator.failNext("/v1/flows/search", 503, 1);
        assertThat(send(request("/v1/flows/search", SELLER).POST(HttpRequest.BodyPublishers.ofString("{\"where\":{}}"))).statusCode())
                .isEqualTo(503);
        assertThat(send(request("/v1/flows/search", SELLER).POST(HttpRequest.BodyPublishers.ofString("{\"where\":{}}"))).statusCode())
                .isEqualTo(200);
    }

    // --- helpers

    private JsonNode token(String id, String secret) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(simulator.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + id + "&client_secret=" + secret)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpRequest.Builder request(String path, String organization) {
        return HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path)).header("Authorization", "Bearer " + token)
                .header("Organization-Id", organization);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postFlow(String organization, String flowInfo, byte[] file) throws Exception {
        String boundary = "----pa-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"flowInfo\"\r\nContent-Type: application/json\r\n\r\n"
                + flowInfo + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f\"\r\n"
                + "Content-Type: application/xml\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(file);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request("/v1/flows", organization).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private JsonNode flow(String organization, String flowId) throws Exception {
        HttpResponse<String> r = send(request("/v1/flows/" + flowId, organization).GET());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private JsonNode search(String organization, String params) throws Exception {
        HttpResponse<String> r = send(request("/v1/flows/search", organization).POST(HttpRequest.BodyPublishers.ofString(params)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private List<CdarMessage> cdarFor(String organization) throws Exception {
        List<CdarMessage> messages = new ArrayList<>();
        for (JsonNode f : search(organization, "{\"where\":{\"flowDirection\":[\"In\"],\"flowType\":[\"CustomerInvoiceLC\"]}}").get("results")) {
            HttpResponse<byte[]> original = http.send(request("/v1/flows/" + f.get("flowId").asText() + "?docType=Original",
                    organization).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            messages.add(new CdarReader().read(original.body()));
        }
        return messages;
    }

    private List<Integer> statusesFor(String organization) throws Exception {
        return cdarFor(organization).stream().map(m -> m.status().code()).toList();
    }

    @Test
    void webhooksAreCheckedOwnedByTheirClientAndCalledSignedWithBoundedRetries() throws Exception {
        String key = Base64.getEncoder().encodeToString("webhook-key-0123456789".getBytes(StandardCharsets.UTF_8));
        List<String[]> calls = new CopyOnWriteArrayList<>();
        AtomicInteger failuresLeft = new AtomicInteger(2);
        HttpServer callback = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        callback.createContext("/hook", exchange -> {
            calls.add(new String[] {exchange.getRequestHeaders().getFirst("Signature"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
            exchange.sendResponseHeaders(failuresLeft.getAndDecrement() > 0 ? 500 : 200, -1);
            exchange.close();
        });
        callback.start();
        String url = "http://127.0.0.1:" + callback.getAddress().getPort() + "/hook";
        String params = "{\"callback\":{\"url\":\"" + url + "\",\"signature\":{\"algo\":\"HS256\",\"key\":\"" + key
                + "\"}},\"metadata\":{\"flowDirection\":\"In\",\"flowType\":\"SupplierInvoice\"}}";

        assertError(send(request("/v1/webhooks", BUYER).POST(HttpRequest.BodyPublishers.ofString(
                "{\"callback\":{\"url\":\"" + url + "\"}}"))), 400, "MISSING_REQUIRED_FIELD");
        assertError(send(request("/v1/webhooks", BUYER).POST(HttpRequest.BodyPublishers.ofString(
                params.replace("HS256", "RS256")))), 400, "INVALID_FIELD_VALUE");
        assertError(send(request("/v1/webhooks", BUYER).POST(HttpRequest.BodyPublishers.ofString(
                params.replace("SupplierInvoice", "Nope")))), 400, "INVALID_FIELD_VALUE");
        HttpResponse<String> created = send(request("/v1/webhooks", BUYER).POST(HttpRequest.BodyPublishers.ofString(params)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("webhookId").asText();
        assertThat(send(request("/v1/webhooks", BUYER).GET()).body()).contains(id);
        HttpResponse<String> read = send(request("/v1/webhooks/" + id, BUYER).GET());
        assertThat(read.body()).contains(url).doesNotContain(key);
        simulator.addClient("other", "other-secret", Set.of(BUYER));
        String other = token("other", "other-secret").get("access_token").asText();
        assertThat(http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/v1/webhooks/" + id))
                .header("Authorization", "Bearer " + other).header("Organization-Id", BUYER).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("another client's webhook").isEqualTo(404);

        String flowId = simulator.pa().deliver(BUYER, "SupplierInvoice", "FA-1.pdf", "Factur-X", SampleInvoices.facturXPdf("FA-WH-1"));
        // the receiver sees the third call before the simulator has recorded the answer to it
        await().atMost(Duration.ofSeconds(20)).until(() -> calls.size() == 3 && simulator.webhookDeliveries().size() == 3);
        assertThat(simulator.webhookDeliveries()).extracting(SimulatedWebhooks.Delivery::status).containsExactly(500, 500, 200);
        assertThat(JSON.readTree(calls.get(2)[1]).get("flowId").asText()).isEqualTo(flowId);
        assertThat(calls.get(2)[0]).isEqualTo(SimulatedWebhooks.sign("webhook-key-0123456789".getBytes(StandardCharsets.UTF_8),
                calls.get(2)[1].getBytes(StandardCharsets.UTF_8)));

        // a callback that does not answer is tried three times, then left: the flow stays for the client's searches
        callback.stop(0);
        String unanswered = simulator.pa().deliver(BUYER, "SupplierInvoice", "FA-2.pdf", "Factur-X", SampleInvoices.facturXPdf("FA-WH-2"));
        await().atMost(Duration.ofSeconds(30)).until(() -> simulator.webhookDeliveries().stream()
                .filter(d -> d.flowId().equals(unanswered)).count() == SimulatedWebhooks.ATTEMPTS);
        assertThat(simulator.webhookDeliveries()).filteredOn(d -> d.flowId().equals(unanswered))
                .extracting(SimulatedWebhooks.Delivery::status).containsOnly(0);

        assertThat(send(request("/v1/webhooks/" + id, BUYER).DELETE()).statusCode()).isEqualTo(204);
        assertThat(send(request("/v1/webhooks/" + id, BUYER).GET()).statusCode()).isEqualTo(404);
        int before = simulator.webhookDeliveries().size();
        simulator.pa().deliver(BUYER, "SupplierInvoice", "FA-3.pdf", "Factur-X", SampleInvoices.facturXPdf("FA-WH-3"));
        assertThat(search(BUYER, "{\"where\":{}}").get("results")).hasSize(3);
        assertThat(simulator.webhookDeliveries()).as("no subscription left").hasSize(before);
    }

    @Test
    void theDirectoryServiceAnswersTheLinesOfASirenAnd204ForNone() throws Exception {
        simulator.pa().directoryLine(SELLER, SELLER, null, "WK", "Enabled");
        HttpResponse<String> found = send(request("/v1/directory-line/search", SELLER).POST(HttpRequest.BodyPublishers.ofString(
                "{\"filters\":{\"siren\":{\"op\":\"strict\",\"value\":\"" + SELLER + "\"}}}")));
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        assertThat(JSON.readTree(found.body()).at("/results/0/platformType").asText()).isEqualTo("WK");
        assertThat(send(request("/v1/directory-line/search", SELLER).POST(HttpRequest.BodyPublishers.ofString(
                "{\"filters\":{\"siren\":{\"op\":\"strict\",\"value\":\"" + BUYER + "\"}}}"))).statusCode()).isEqualTo(204);
        assertError(send(request("/v1/directory-line/search", SELLER).POST(HttpRequest.BodyPublishers.ofString("{}"))),
                400, "MISSING_REQUIRED_FIELD");
    }

    private static void assertError(HttpResponse<String> r, int status, String code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(JSON.readTree(r.body()).get("errorCode").asText()).isEqualTo(code);
    }
}
