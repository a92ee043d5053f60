package io.einvoice.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.Role;
import io.einvoice.gateway.dossier.User;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.system.GatewayContract;
import io.einvoice.gateway.system.TestGateway;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.einvoice.gateway.system.TestGateway.SIREN_A;
import static io.einvoice.gateway.system.TestGateway.SIREN_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tenant walls of the CLIENT role, on every REST endpoint the running gateway defines (read from Camel's REST
 * model, so an endpoint added later is covered without editing this test): a person of the client company of dossier
 * A gets 403 on every endpoint outside {@link ClientEndpoints}, 404 on dossier B through the ones inside, and can do
 * their job (read, upload, approve when the firm allows it) on A. Also the web pages the firm only may use.
 */
abstract class ClientWallsContract extends GatewayContract {

    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z]+)}");
    private static final String CLIENT_EMAIL = "client@a.test.localhost";

    JdbcTemplate db;
    User client;
    String clientToken;
    String documentOfA;
    String documentOfB;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Endpoint(String method, String path, String routeId) {
    }

    @BeforeAll
    void start() throws Exception {
        db = new JdbcTemplate(new DriverManagerDataSource(gw.database.url(), gw.database.user(), gw.database.password()));
        var s = gw.gateway.services();
        Dossier a = s.dossiers().findBySiren(SIREN_A).orElseThrow();
        client = s.users().create(a.firmId(), CLIENT_EMAIL, "Client A", TestGateway.PASSWORD, Role.CLIENT);
        s.users().assign(client, a);
        clientToken = s.users().openSession(client.id());
        documentOfA = uploaded(gw.upload("/api/dossiers/" + SIREN_A + "/purchase-invoices", gw.keyA, "file", "a.pdf",
                SampleInvoices.facturXPdf("CLIENT-A-1")));
        documentOfB = uploaded(gw.upload("/api/dossiers/" + SIREN_B + "/purchase-invoices", gw.keyB, "file", "b.pdf",
                SampleInvoices.facturXPdf("CLIENT-B-1")));
    }

    @Test
    void theAllowListNamesOnlyEndpointsThatExist() {
        List<String> routeIds = endpoints().stream().map(Endpoint::routeId).toList();
        assertThat(endpoints()).as("REST endpoints found").hasSizeGreaterThan(80);
        assertThat(routeIds).containsAll(ClientEndpoints.ALLOWED).containsAll(ClientEndpoints.PUBLIC);
    }

    /** Endpoints whose SIREN is anybody's, not a dossier's: the reform's directory lines are public data. */
    private static final java.util.Set<String> PUBLIC_DATA = java.util.Set.of("directory-rest-lookup");

    @Test
    void aClientOfDossierAIsRefusedEveryEndpointOutsideTheAllowList() throws Exception {
        List<String> leaks = new ArrayList<>();
        int checked = 0;
        for (Endpoint e : endpoints()) {
            if (ClientEndpoints.ALLOWED.contains(e.routeId()) || ClientEndpoints.PUBLIC.contains(e.routeId())) {
                continue;
            }
            for (String siren : List.of(SIREN_A, SIREN_B)) {
                HttpResponse<String> answer = send(e.method(), path(e, siren), clientToken);
                checked++;
                if (answer.statusCode() != 403 || !"forbidden".equals(JSON.readTree(answer.body()).path("error").asText())) {
                    leaks.add(e.method() + " " + path(e, siren) + " -> " + answer.statusCode() + " " + answer.body());
                }
            }
        }
        assertThat(checked).isGreaterThan(140);
        assertThat(leaks).as("endpoints a client reached").isEmpty();
    }

    @Test
    void aClientOfDossierASeesNothingOfDossierBThroughTheAllowedEndpoints() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            if (!ClientEndpoints.ALLOWED.contains(e.routeId()) || !e.path().contains("{")) {
                continue;
            }
            HttpResponse<String> answer = send(e.method(), path(e, SIREN_B), clientToken);
            if (answer.statusCode() != 404) {
                leaks.add(e.method() + " " + path(e, SIREN_B) + " -> " + answer.statusCode() + " " + answer.body());
            }
        }
        assertThat(leaks).as("dossier B through the client's endpoints").isEmpty();
        assertThat(sirens(send("GET", "/api/dossiers", clientToken))).containsExactly(SIREN_A);
    }

    @Test
    void aDossierKeyOfAIsRefusedDossierBOnEveryEndpoint() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            if (ClientEndpoints.PUBLIC.contains(e.routeId()) || PUBLIC_DATA.contains(e.routeId()) || !e.path().contains("{")) {
                continue;
            }
            HttpResponse<String> answer = send(e.method(), path(e, SIREN_B), gw.keyA);
            if (answer.statusCode() != 403 && answer.statusCode() != 404) {
                leaks.add(e.method() + " " + path(e, SIREN_B) + " -> " + answer.statusCode() + " " + answer.body());
            }
        }
        assertThat(leaks).as("dossier B with dossier A's key").isEmpty();
    }

    @Test
    void aClientReadsAndUploadsToTheirOwnDossier() throws Exception {
        for (Endpoint e : endpoints()) {
            if (e.method().equals("GET") && ClientEndpoints.ALLOWED.contains(e.routeId())
                    && !e.routeId().equals("api-rest-documents-report") && !e.routeId().equals("api-rest-documents-facturx")) {
                HttpResponse<String> answer = send("GET", path(e, SIREN_A), clientToken);
                assertThat(answer.statusCode()).as(e.method() + " " + path(e, SIREN_A)).isEqualTo(200);
            }
        }
        String uploaded = uploaded(gw.upload("/api/dossiers/" + SIREN_A + "/purchase-invoices", clientToken, "file",
                "from-client.pdf", SampleInvoices.facturXPdf("CLIENT-A-UP")));
        assertThat(JSON.readTree(send("GET", "/api/documents/" + uploaded, clientToken).body()).path("id").asText())
                .isEqualTo(uploaded);
        String other = gw.gateway.services().users().openSession(client.id());
        assertThat(send("POST", "/api/auth/logout", other).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/dossiers", other).statusCode()).isEqualTo(401);
    }

    @Test
    void aClientApprovesOnlyOnceTheFirmAllowsItAndOnlyAFirmPersonMayAllowIt() throws Exception {
        String admin = gw.login(TestGateway.ADMIN_EMAIL);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() ->
                JSON.readTree(send("GET", "/api/documents/" + documentOfA, gw.keyA).body()).path("status").asText()
                        .equals("PENDING_APPROVAL"));
        assertThat(JSON.readTree(send("GET", "/api/dossiers/" + SIREN_A + "/settings", admin).body())
                .path("clientsMayApprove").asBoolean(true)).as("off by default").isFalse();

        HttpResponse<String> refused = send("POST", "/api/documents/" + documentOfA + "/approve", clientToken);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).path("message").asText()).contains("has not let its clients approve");
        assertThat(send("POST", "/api/documents/" + documentOfA + "/reject", clientToken, "{\"reason\":\"no\"}").statusCode())
                .isEqualTo(403);

        HttpResponse<String> byKey = send("PUT", "/api/dossiers/" + SIREN_A + "/settings", gw.keyA,
                "{\"approvalMode\":\"ALL\",\"clientsMayApprove\":true}");
        assertThat(byKey.statusCode()).isEqualTo(403);
        HttpResponse<String> allowed = send("PUT", "/api/dossiers/" + SIREN_A + "/settings", admin,
                "{\"approvalMode\":\"ALL\",\"clientsMayApprove\":true}");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(allowed.body()).path("clientsMayApprove").asBoolean()).isTrue();
        assertThat(db.queryForList("SELECT actor || ' ' || details FROM security_event WHERE type = 'CLIENTS_MAY_APPROVE_CHANGED'",
                String.class)).containsExactly("user:" + TestGateway.ADMIN_EMAIL + " clients may approve: true");

        // the verdict of the validation, which takes a while on a first run, is not what this test is about
        gw.recordCleanValidation(documentOfA);
        HttpResponse<String> approved = send("POST", "/api/documents/" + documentOfA + "/approve", clientToken);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(JSON.readTree(approved.body()).path("by").asText()).isEqualTo("user:" + CLIENT_EMAIL);
        assertThat(send("POST", "/api/documents/" + documentOfB + "/approve", clientToken).statusCode()).isEqualTo(404);
    }

    @Test
    void theFirmsWebPagesAnswer403ToAClientAndDossierBIsNotFound() throws Exception {
        assertThat(web("GET", "/dossiers/" + SIREN_A).statusCode()).isEqualTo(200);
        assertThat(web("GET", "/documents/" + documentOfA).statusCode()).isEqualTo(200);
        assertThat(web("GET", "/dossiers/" + SIREN_A + "/archive").statusCode()).isEqualTo(403);
        assertThat(web("GET", "/dossiers/" + SIREN_A + "/archive/1").statusCode()).isEqualTo(403);
        assertThat(web("POST", "/documents/" + documentOfA + "/fields").statusCode()).isEqualTo(403);
        assertThat(web("POST", "/documents/" + documentOfA + "/replay").statusCode()).isEqualTo(403);
        assertThat(web("GET", "/dossiers/" + SIREN_B).statusCode()).isEqualTo(404);
        assertThat(web("GET", "/documents/" + documentOfB).statusCode()).isEqualTo(404);
    }

    @Test
    void aClientIsNeverShownTheFirmsOwnDossierEvenIfAssignedIt() throws Exception {
        var s = gw.gateway.services();
        Dossier a = s.dossiers().findBySiren(SIREN_A).orElseThrow();
        Dossier own = new Dossier(UUID.randomUUID().toString(), a.firmId(), "443322110", null, "Cabinet Test", null, 12,
                "ACTIVE", true);
        s.dossiers().insert(own);
        User other = s.users().create(a.firmId(), "client-own@test.localhost", "Client", TestGateway.PASSWORD, Role.CLIENT);
        s.users().assign(other, own);
        String token = s.users().openSession(other.id());
        assertThat(sirens(send("GET", "/api/dossiers", token))).isEmpty();
        assertThat(send("GET", "/api/dossiers/443322110", token).statusCode()).isEqualTo(404);
    }

    // helpers

    private List<Endpoint> endpoints() {
        List<Endpoint> all = new ArrayList<>();
        for (RestDefinition rest : ((ModelCamelContext) gw.gateway.camel()).getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                all.add(new Endpoint(verb.asVerb().toUpperCase(), rest.getPath() + verb.getPath(), verb.getRouteId()));
            }
        }
        return all;
    }

    /** The endpoint's path with the dossier's SIREN and, for documents, a document of that dossier. */
    private String path(Endpoint e, String siren) {
        Matcher m = PARAM.matcher(e.path());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "siren" -> siren;
                case "id" -> e.path().startsWith("/api/documents/") ? (siren.equals(SIREN_A) ? documentOfA : documentOfB)
                        : UUID.randomUUID().toString();
                case "seq" -> "1";
                case "kind" -> "original";
                case "code" -> "200";
                default -> UUID.randomUUID().toString();
            };
            m.appendReplacement(out, value);
        }
        m.appendTail(out);
        return out.toString();
    }

    private HttpResponse<String> send(String method, String path, String token) throws Exception {
        return send(method, path, token, method.equals("GET") || method.equals("DELETE") ? null : "{}");
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + gw.port + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A web page as the client's browser asks for it: the session cookie, no CSRF token. */
    private HttpResponse<String> web(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + gw.port + path))
                .header("Cookie", "gw_session=" + clientToken).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String uploaded(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).get("id").asText();
    }

    private static List<String> sirens(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> sirens = new ArrayList<>();
        for (JsonNode d : JSON.readTree(response.body())) {
            sirens.add(d.get("siren").asText());
        }
        return sirens;
    }
}
