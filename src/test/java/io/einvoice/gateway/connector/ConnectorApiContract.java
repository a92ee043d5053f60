package io.einvoice.gateway.connector;

import com.fasterxml.jackson.databind.JsonNode;
import io.einvoice.gateway.connector.simulator.MockSupplierPortal;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.system.GatewayContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static io.einvoice.gateway.system.TestGateway.ADMIN_EMAIL;
import static io.einvoice.gateway.system.TestGateway.SIREN_A;
import static io.einvoice.gateway.system.TestGateway.SIREN_B;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connector API on the whole gateway (its routes, the template's route per connector) against the mock portal:
 * create, test, run now, pause, resume, delete; the secret never shown; tenants are walls.
 */
abstract class ConnectorApiContract extends GatewayContract {

    private MockSupplierPortal portal;

    @BeforeEach
    void startPortal() throws Exception {
        portal = MockSupplierPortal.start(0, "s3cret", 100);
        portal.publish("TEL-001", "2026-01-31", SampleInvoices.facturXPdf("TEL-001"));
    }

    /** Each test starts from a dossier without connectors: the gateway is the class's, the portal the test's. */
    @AfterEach
    void deleteConnectorsAndStopPortal() throws Exception {
        try {
            String admin = gw.login(ADMIN_EMAIL);
            for (JsonNode connector : ok(gw.get("/api/dossiers/" + SIREN_A + "/connectors", admin))) {
                ok(gw.delete("/api/connectors/" + connector.get("id").asText(), admin));
            }
        } finally {
            portal.close();
        }
    }

    private String body(String secret) {
        return "{\"name\":\"Fournisseur Télécom\",\"kind\":\"REST_JSON\",\"pollMinutes\":60,\"secret\":\"" + secret + "\","
                + "\"rest\":{\"listUrl\":\"" + portal.baseUrl() + MockSupplierPortal.LIST_PATH + "\",\"pageParameter\":\"page\","
                + "\"itemsPointer\":\"/data/invoices\",\"idPointer\":\"/ref\",\"datePointer\":\"/issued\","
                + "\"downloadPointer\":\"/links/pdf\",\"auth\":\"OAUTH2\",\"tokenUrl\":\"" + portal.baseUrl()
                + MockSupplierPortal.TOKEN_PATH + "\",\"clientId\":\"" + MockSupplierPortal.CLIENT_ID + "\"}}";
    }

    private String portalBody(String linkPattern) {
        return portal.portalConnectorJson("Fournisseur Télécom", linkPattern);
    }

    @Test
    void aPortalConnectorIsCreatedShownAndRunThroughTheApi() throws Exception {
        String admin = gw.login(ADMIN_EMAIL);
        JsonNode created = ok(gw.post("/api/dossiers/" + SIREN_A + "/connectors", admin,
                portalBody(MockSupplierPortal.PORTAL_LINK_PATTERN)));
        assertThat(created.get("kind").asText()).isEqualTo("PORTAL");
        assertThat(created.get("portal").get("username").asText()).isEqualTo(MockSupplierPortal.PORTAL_USER);
        assertThat(created.get("secretSet").asBoolean()).isTrue();
        assertThat(created.toString()).doesNotContain("s3cret");
        String id = created.get("id").asText();

        JsonNode run = ok(gw.post("/api/connectors/" + id + "/run", admin, ""));
        assertThat(run.get("run").get("outcome").asText()).isEqualTo("OK");
        assertThat(run.get("documents")).hasSize(1);
        assertThat(ok(gw.post("/api/connectors/" + id + "/run", admin, "")).get("documents")).isEmpty();
    }

    private static JsonNode ok(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void aUserCreatesTestsRunsPausesAndDeletesAConnector() throws Exception {
        String admin = gw.login(ADMIN_EMAIL);
        JsonNode created = ok(gw.post("/api/dossiers/" + SIREN_A + "/connectors", admin, body("s3cret")));
        String id = created.get("id").asText();
        assertThat(created.get("secretSet").asBoolean()).isTrue();
        assertThat(created.toString()).doesNotContain("s3cret");
        assertThat(gw.gateway.connectors().routes().routeIds()).contains(ConnectorRoutes.routeId(id));

        JsonNode dry = ok(gw.post("/api/connectors/" + id + "/test", gw.keyA, ""));
        assertThat(dry.get("wouldFetch")).hasSize(1);
        assertThat(portal.calls()).noneMatch(c -> c.path().startsWith("/files/"));

        JsonNode run = ok(gw.post("/api/connectors/" + id + "/run", gw.keyA, ""));
        assertThat(run.at("/run/fetched").asInt()).isEqualTo(1);
        String document = run.get("documents").get(0).asText();
        assertThat(ok(gw.get("/api/documents/" + document, gw.keyA)).toString()).contains("CONNECTOR");
        assertThat(ok(gw.post("/api/connectors/" + id + "/run", gw.keyA, "")).at("/run/fetched").asInt()).isZero();

        assertThat(ok(gw.post("/api/connectors/" + id + "/pause", gw.keyA, "")).get("paused").asBoolean()).isTrue();
        assertThat(gw.gateway.connectors().routes().routeIds()).doesNotContain(ConnectorRoutes.routeId(id));
        assertThat(ok(gw.post("/api/connectors/" + id + "/resume", gw.keyA, "")).get("paused").asBoolean()).isFalse();
        assertThat(ok(gw.get("/api/connectors/" + id, gw.keyA)).get("runs")).hasSize(3);

        assertThat(gw.delete("/api/connectors/" + id, gw.keyA).statusCode()).as("an API key may not delete").isEqualTo(403);
        ok(gw.delete("/api/connectors/" + id, admin));
        assertThat(gw.get("/api/connectors/" + id, admin).statusCode()).isEqualTo(404);
        assertThat(gw.gateway.connectors().routes().routeIds()).isEmpty();
    }

    @Test
    void anotherDossiersKeyNeitherSeesNorRunsAConnector() throws Exception {
        String id = ok(gw.post("/api/dossiers/" + SIREN_A + "/connectors", gw.login(ADMIN_EMAIL), body("s3cret"))).get("id").asText();

        assertThat(gw.get("/api/connectors/" + id, gw.keyB).statusCode()).isEqualTo(404);
        assertThat(gw.post("/api/connectors/" + id + "/run", gw.keyB, "").statusCode()).isEqualTo(404);
        assertThat(gw.post("/api/connectors/" + id + "/pause", gw.keyB, "").statusCode()).isEqualTo(404);
        assertThat(gw.get("/api/dossiers/" + SIREN_A + "/connectors", gw.keyB).statusCode()).isEqualTo(404);
        assertThat(ok(gw.get("/api/dossiers/" + SIREN_B + "/connectors", gw.keyB))).isEmpty();
        assertThat(portal.calls()).isEmpty();
    }

    @Test
    void badBodiesAreRefusedInOurWords() throws Exception {
        String admin = gw.login(ADMIN_EMAIL);
        HttpResponse<String> noUrl = gw.post("/api/dossiers/" + SIREN_A + "/connectors", admin,
                body("s3cret").replace(portal.baseUrl() + MockSupplierPortal.LIST_PATH, "gopher://x"));
        assertThat(noUrl.statusCode()).isEqualTo(400);
        assertThat(noUrl.body()).contains("must be an http or https URL").doesNotContain("gopher");
        HttpResponse<String> unknown = gw.post("/api/dossiers/" + SIREN_A + "/connectors", admin, "{\"evil\":1}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        String connectors = "/api/dossiers/" + SIREN_A + "/connectors";
        HttpResponse<String> badPattern = gw.post(connectors, admin, portalBody("(unclosed"));
        assertThat(badPattern.statusCode()).isEqualTo(400);
        assertThat(badPattern.body()).contains("portal.linkPattern is not a valid regular expression");
        HttpResponse<String> noHostKey = gw.post(connectors, admin, "{\"name\":\"EDI\",\"kind\":\"SFTP\","
                + "\"secret\":\"pw\",\"sftp\":{\"host\":\"127.0.0.1\",\"username\":\"edi\",\"remoteDir\":\"/in\"}}");
        assertThat(noHostKey.statusCode()).isEqualTo(400);
        assertThat(noHostKey.body()).contains("sftp.hostKey is required");
        HttpResponse<String> badPort = gw.post(connectors, admin, "{\"name\":\"EDI\",\"kind\":\"SFTP\","
                + "\"secret\":\"pw\",\"sftp\":{\"host\":\"127.0.0.1\",\"port\":0,\"username\":\"edi\","
                + "\"remoteDir\":\"/in\",\"hostKey\":\"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\"}}");
        assertThat(badPort.statusCode()).isEqualTo(400);
        assertThat(badPort.body()).contains("sftp.port must be between 1 and 65535");
        HttpResponse<String> wrongBlock = gw.post(connectors, admin, body("s3cret").replace("\"kind\":\"REST_JSON\"",
                "\"kind\":\"PORTAL\""));
        assertThat(wrongBlock.statusCode()).isEqualTo(400);
        assertThat(wrongBlock.body()).contains("rest is for a REST_JSON connector; this one is PORTAL");
        HttpResponse<String> noKind = gw.post(connectors, admin, body("s3cret").replace("\"kind\":\"REST_JSON\",", ""));
        assertThat(noKind.statusCode()).isEqualTo(400);
        assertThat(noKind.body()).contains("kind is required: one of REST_JSON, PORTAL, SFTP");
        assertThat(gw.post("/api/dossiers/" + SIREN_A + "/connectors", gw.keyA, body("s3cret")).statusCode())
                .as("a key may not set credentials").isEqualTo(403);
        assertThat(ok(gw.get("/api/dossiers/" + SIREN_A + "/connectors", admin))).isEmpty();
    }
}
