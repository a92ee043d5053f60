package io.einvoice.gateway.system;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.einvoice.gateway.facturx.SampleInvoices;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operators' port of a running gateway: Prometheus metrics of the routes and of the gateway's gauges, liveness and
 * readiness apart, and nothing of it on the API's port; and the document's SIREN and id in the logging MDC of its stages.
 */
abstract class ObservabilityContract extends GatewayContract {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int management;

    @Override
    protected TestGateway startGateway(Path home, TestDatabase database) throws Exception {
        management = TestGateway.freePort();
        return TestGateway.startWithManagement(home, database, management);
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

    @Test
    void everyLineAStageLogsForADocumentCarriesItsSirenAndIdInTheMdc() throws Exception {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        root.addAppender(lines);
        try {
            Path folder = Files.createDirectories(gw.purchaseFolder(TestGateway.SIREN_A));
            Files.write(folder.resolve(".mdc.pdf.tmp"), SampleInvoices.facturXPdf("MDC-0001"));
            Files.move(folder.resolve(".mdc.pdf.tmp"), folder.resolve("mdc.pdf"));
            await().atMost(Duration.ofMinutes(3)).until(() -> validationLines(lines).findAny().isPresent());
            ILoggingEvent validation = validationLines(lines).findFirst().orElseThrow();
            String id = validation.getMDCPropertyMap().get("document");
            assertThat(validation.getMDCPropertyMap()).containsEntry("dossier", TestGateway.SIREN_A);
            assertThat(validation.getFormattedMessage()).contains(id);
            assertThat(List.copyOf(lines.list)).filteredOn(e -> e.getFormattedMessage().contains("document=" + id)
                            && e.getThreadName().contains("seda://"))
                    .as("the stages' own lines about that document").isNotEmpty()
                    .allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsEntry("document", id)
                            .containsEntry("dossier", TestGateway.SIREN_A));
        } finally {
            root.detachAppender(lines);
        }
    }

    private static java.util.stream.Stream<ILoggingEvent> validationLines(ListAppender<ILoggingEvent> lines) {
        return List.copyOf(lines.list).stream().filter(e -> e.getLoggerName().endsWith("DocumentValidation")
                && e.getFormattedMessage().startsWith("validation dossier="));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
