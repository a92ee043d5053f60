package io.einvoice.gateway.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operators' port of a running gateway: Prometheus metrics of the routes and of the gateway's gauges, liveness and
 * readiness apart, and nothing of it on the API's port.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ObservabilityContract {

    @TempDir
    static Path home;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private TestGateway gw;
    private int management;

    abstract TestDatabase database(Path home) throws Exception;

    @BeforeAll
    void start() throws Exception {
        management = TestGateway.freePort();
        gw = TestGateway.startWithManagement(home, database(home), management);
    }

    @AfterAll
    void stop() {
        if (gw != null) {
            gw.close();
        }
    }

    @Test
    void prometheusMetricsGiveEachRouteItsThroughputAndTheDocumentsPerStatus() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get("/observe/metrics").body())
                .contains("routeId=\"accounting-auto-export\""));
        HttpResponse<String> metrics = get("/observe/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("camel_exchanges_total")
                .contains("gateway_documents{status=\"PENDING_APPROVAL\"}")
                .contains("gateway_queue_depth{queue=\"recognition\"}")
                .contains("gateway_mailboxes_problem")
                .contains("gateway_dispatch_failures{state=\"PARKED\"}");
    }

    @Test
    void theMetricsAreNotServedOnTheApiPort() throws Exception {
        assertThat(gw.get("/observe/metrics", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aBlobFolderThatCannotBeWrittenMakesTheNodeNotReadyButStillAlive() throws Exception {
        assertThat(get("/observe/health/live").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/observe/health/ready").statusCode() == 200);
        Path incoming = Files.list(home.resolve("blobs")).filter(p -> p.getFileName().toString().equals("incoming"))
                .findFirst().orElseThrow();
        Path away = incoming.resolveSibling("incoming.away");
        Files.move(incoming, away);
        try {
            HttpResponse<String> ready = get("/observe/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(get("/observe/health/live").statusCode()).isEqualTo(200);
        } finally {
            Files.move(away, incoming);
        }
        assertThat(get("/observe/health/ready").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
