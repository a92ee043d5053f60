package io.einvoice.gateway.system;

import io.einvoice.gateway.connector.Connector;
import io.einvoice.gateway.connector.ConnectorKind;
import io.einvoice.gateway.connector.ConnectorOutcome;
import io.einvoice.gateway.connector.ConnectorRun;
import io.einvoice.gateway.connector.ConnectorRuns;
import io.einvoice.gateway.document.Channel;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.facturx.SampleInvoices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./gateway demo} as issue 19 asks: the demo serves the portal of "Fournisseur Télécom" and DEMONSTRATION has a
 * PORTAL connector that brings its invoices in on its own schedule, once; a new invoice published is the only one
 * fetched next; a restart of the demo keeps the one connector (re-pointed at the portal's new port) and what it fetched.
 */
class DemoSupplierConnectorTest {

    /** The first run starts 10 s after the routes, on a machine that may be busy. */
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @TempDir
    Path home;

    private Demo demo;

    @AfterEach
    void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    private Demo start() throws Exception {
        return Demo.prepare(Map.of("GATEWAY_HOME", home.toString(), "GATEWAY_HTTP_PORT", String.valueOf(freePort()),
                "GATEWAY_MANAGEMENT_PORT", "0"));
    }

    private boolean stored(Connector c, String remoteId) {
        Dossier dossier = demo.gateway().services().dossiers().findBySiren(DemoSeeder.DEMO_DOSSIER_SIREN).orElseThrow();
        return demo.gateway().services().documents().findByTransport(dossier.id(), Channel.CONNECTOR,
                "connector:" + c.id() + ":" + remoteId).isPresent();
    }

    @Test
    void theTelecomSuppliersInvoicesComeInOnceThenOnlyTheNewOnes() throws Exception {
        // the demo's own samples would keep OCR busy without telling anything about connectors
        Files.writeString(home.resolve(".demo-samples-dropped"), "left out by the test");
        demo = start();
        demo.gateway().start();
        Connector c = demo.supplierPortal().connector();
        assertThat(c.kind()).isEqualTo(ConnectorKind.PORTAL);
        assertThat(c.name()).isEqualTo("Fournisseur Télécom");

        // the scheduled run is over once recorded (stored documents alone leave it holding the connector: a run now
        // at that moment is refused as busy)
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> !demo.gateway().connectors().repository().runs(c.id(), 1).isEmpty());
        assertThat(demo.gateway().connectors().repository().runs(c.id(), 1).get(0).fetched()).isEqualTo(2);
        assertThat(stored(c, "TEL-2026-01") && stored(c, "TEL-2026-02")).isTrue();

        demo.supplierPortal().portal().publish("TEL-2026-03", "2026-03-31",
                SampleInvoices.facturXPdf("TEL-2026-03", DemoSupplierPortal.SUPPLIER));
        ConnectorRuns.Report next = demo.gateway().connectors().runs().runNow(c);
        assertThat(next.run().outcome()).isEqualTo(ConnectorOutcome.OK);
        assertThat(next.documents()).hasSize(1);
        assertThat(stored(c, "TEL-2026-03")).isTrue();

        demo.close();
        demo = start();
        List<Connector> connectors = demo.gateway().connectors().repository().ofDossier(
                demo.gateway().services().dossiers().findBySiren(DemoSeeder.DEMO_DOSSIER_SIREN).orElseThrow().id());
        assertThat(connectors).singleElement().satisfies(again -> {
            assertThat(again.id()).isEqualTo(c.id());
            assertThat(again.portal().listUrl()).startsWith(demo.supplierPortal().portal().baseUrl());
        });
        assertThat(stored(c, "TEL-2026-03")).as("kept across the restart").isTrue();
        assertThat(stored(c, "TEL-2026-01")).as("kept across the restart").isTrue();
        int runsBefore = demo.gateway().connectors().repository().runs(c.id(), 100).size();
        demo.gateway().start();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> demo.gateway().connectors().repository().runs(c.id(), 100).size() > runsBefore);
        ConnectorRun afterRestart = demo.gateway().connectors().repository().runs(c.id(), 1).get(0);
        assertThat(afterRestart.outcome()).isEqualTo(ConnectorOutcome.OK);
        assertThat(afterRestart.listed()).isEqualTo(2);
        assertThat(afterRestart.fetched()).as("nothing fetched twice").isZero();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
