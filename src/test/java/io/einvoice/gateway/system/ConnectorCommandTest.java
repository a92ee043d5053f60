package io.einvoice.gateway.system;

import io.einvoice.gateway.connector.simulator.MockSupplierPortal;
import io.einvoice.gateway.facturx.SampleInvoices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static io.einvoice.gateway.system.TestGateway.ADMIN_EMAIL;
import static io.einvoice.gateway.system.TestGateway.SIREN_A;
import static io.einvoice.gateway.system.TestGateway.SIREN_B;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./gateway connector list|test|run} against a running gateway and the mock supplier's portal: what it prints,
 * its exit codes, and that a dossier's key reaches only that dossier's connectors.
 */
class ConnectorCommandTest extends GatewayContract {

    private MockSupplierPortal portal;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Override
    protected TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }

    @BeforeEach
    void startPortal() throws Exception {
        portal = MockSupplierPortal.start(0, "portail", 100);
        portal.publish("TEL-001", "2026-01-31", SampleInvoices.facturXPdf("TEL-001"));
    }

    @AfterEach
    void stopPortal() {
        portal.close();
    }

    private int cli(String key, String... args) {
        out.reset();
        err.reset();
        Map<String, String> env = key == null ? Map.of("GATEWAY_URL", "http://localhost:" + gw.port)
                : Map.of("GATEWAY_URL", "http://localhost:" + gw.port, "GATEWAY_API_KEY", key);
        return new ConnectorCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args, env);
    }

    private String createPortalConnector() throws Exception {
        String admin = gw.login(ADMIN_EMAIL);
        String body = portal.portalConnectorJson("Fournisseur Télécom", MockSupplierPortal.PORTAL_LINK_PATTERN);
        HttpResponse<String> created = gw.post("/api/dossiers/" + SIREN_A + "/connectors", admin, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return JSON.readTree(created.body()).get("id").asText();
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listsTestsAndRunsADossiersConnectorWithItsKey() throws Exception {
        String id = createPortalConnector();

        assertThat(cli(gw.keyA, "list", SIREN_A)).isZero();
        assertThat(out()).contains(id).contains("PORTAL").contains("Fournisseur Télécom").contains("last run: none");

        assertThat(cli(gw.keyA, "test", SIREN_A, id)).isZero();
        assertThat(out()).contains("dry run OK: 1 listed, 0 fetched").contains("would fetch TEL-001");

        assertThat(cli(gw.keyA, "run", SIREN_A, id)).isZero();
        assertThat(out()).contains("run OK: 1 listed, 1 fetched, 0 quarantined").contains("document ");

        assertThat(cli(gw.keyA, "run", SIREN_A, id)).isZero();
        assertThat(out()).contains("run OK: 1 listed, 0 fetched");
    }

    @Test
    void anotherDossiersKeyUsageAndAMissingKeyAreRefused() throws Exception {
        String id = createPortalConnector();

        assertThat(cli(gw.keyB, "run", SIREN_B, id)).isEqualTo(1);
        assertThat(err()).contains("HTTP 404");
        assertThat(cli(gw.keyA, "run", SIREN_B, id)).isEqualTo(1);
        assertThat(cli(null, "list", SIREN_A)).isEqualTo(2);
        assertThat(err()).contains("GATEWAY_API_KEY is not set");
        assertThat(cli(gw.keyA, "run", SIREN_A)).isEqualTo(2);
        assertThat(err()).contains("usage: ./gateway connector");
        assertThat(portal.logins()).as("nothing ran").isZero();
    }
}
