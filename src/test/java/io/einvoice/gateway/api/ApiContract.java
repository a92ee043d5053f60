package io.einvoice.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.einvoice.gateway.facturx.DecompressionBombs;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.system.GatewayContract;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.einvoice.gateway.system.TestGateway.ADMIN_EMAIL;
import static io.einvoice.gateway.system.TestGateway.SIREN_A;
import static io.einvoice.gateway.system.TestGateway.SIREN_B;
import static io.einvoice.gateway.system.TestGateway.USER_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

/** The REST API over real HTTP; above all, that one tenant never reaches another. Runs once per database. */
abstract class ApiContract extends GatewayContract {

    String documentOfA;
    String documentOfB;
    byte[] invoiceOfB;

    @BeforeAll
    void start() throws Exception {
        documentOfA = uploaded(gw.upload("/api/dossiers/" + SIREN_A + "/purchase-invoices", gw.keyA, "file", "a.pdf",
                SampleInvoices.facturXPdf("API-A-1")));
        invoiceOfB = SampleInvoices.facturXPdf("API-B-1");
        documentOfB = uploaded(gw.upload("/api/dossiers/" + SIREN_B + "/purchase-invoices", gw.keyB, "file", "b.pdf",
                invoiceOfB));
    }

    @Test
    void healthNeedsNoTokenAndChecksTheDatabase() throws Exception {
        HttpResponse<String> health = gw.get("/api/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(health.body());
        assertThat(body.get("status").asText()).isEqualTo("UP");
        assertThat(body.at("/checks/database").asText()).isEqualTo("UP");
    }

    @Test
    void openApiDescriptionIsServed() throws Exception {
        HttpResponse<String> spec = gw.get("/api/openapi.json", null);
        assertThat(spec.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(spec.body()).at("/paths").has("/api/dossiers/{siren}/documents")).isTrue();
    }

    @Test
    void protectedEndpointsAnswer401WithTheErrorJson() throws Exception {
        for (String token : new String[] {null, "egk_not-a-real-key", "garbage"}) {
            HttpResponse<String> response = gw.get("/api/dossiers", token);
            assertThat(response.statusCode()).isEqualTo(401);
            assertError(response, "unauthorized");
        }
    }

    @Test
    void usersLogInWithTheirPasswordOnly() throws Exception {
        assertThat(gw.post("/api/auth/login", null, "{\"email\":\"" + ADMIN_EMAIL + "\",\"password\":\"wrong\"}").statusCode())
                .isEqualTo(401);
        assertError(gw.post("/api/auth/login", null, "{\"email\": oops"), "invalid_request");
        assertThat(gw.login(ADMIN_EMAIL)).startsWith("egu_");
    }

    @Test
    void everyCallerSeesOnlyItsDossiers() throws Exception {
        assertThat(sirens(gw.get("/api/dossiers", gw.keyA))).containsExactly(SIREN_A);
        assertThat(sirens(gw.get("/api/dossiers", gw.keyB))).containsExactly(SIREN_B);
        assertThat(sirens(gw.get("/api/dossiers", gw.login(USER_EMAIL)))).containsExactly(SIREN_A);
        assertThat(sirens(gw.get("/api/dossiers", gw.login(ADMIN_EMAIL)))).contains(SIREN_A, SIREN_B);
    }

    /** The wall between tenants, endpoint by endpoint: what belongs to B does not exist for A's key or A's user. */
    @Test
    void aKeyOfDossierAGets404OnEverythingOfDossierB() throws Exception {
        for (String tokenOfA : List.of(gw.keyA, gw.login(USER_EMAIL))) {
            List<HttpResponse<?>> answers = List.of(
                    gw.get("/api/dossiers/" + SIREN_B, tokenOfA),
                    gw.get("/api/dossiers/" + SIREN_B + "/documents", tokenOfA),
                    gw.get("/api/documents/" + documentOfB, tokenOfA),
                    gw.getBytes("/api/documents/" + documentOfB + "/original", tokenOfA),
                    gw.post("/api/dossiers/" + SIREN_B + "/api-keys", tokenOfA, "{}"),
                    gw.upload("/api/dossiers/" + SIREN_B + "/purchase-invoices", tokenOfA, "file", "x.pdf",
                            SampleInvoices.facturXPdf("INTRUDER")));
            assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(404);
            assertThat(answers.get(0).body().toString()).doesNotContain("Dossier B");
        }
        // and nothing was added to B by the attempts
        assertThat(JSON.readTree(gw.get("/api/dossiers/" + SIREN_B + "/documents", gw.keyB).body()).findValuesAsText("number"))
                .doesNotContain("INTRUDER");
        // B's own key reaches the same things
        assertThat(gw.get("/api/documents/" + documentOfB, gw.keyB).statusCode()).isEqualTo(200);
        assertThat(gw.getBytes("/api/documents/" + documentOfB + "/original", gw.keyB).body()).isEqualTo(invoiceOfB);
    }

    @Test
    void documentDetailShowsFieldsAndEvents() throws Exception {
        HttpResponse<String> response = gw.get("/api/documents/" + documentOfA, gw.keyA);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Authorization")).as("no request header echoed back").isEmpty();
        JsonNode doc = JSON.readTree(response.body());
        assertThat(doc.get("dossier").asText()).isEqualTo(SIREN_A);
        assertThat(doc.get("number").asText()).isEqualTo("API-A-1");
        assertThat(doc.get("channel").asText()).isEqualTo("UPLOAD");
        assertThat(doc.get("totalInclVat").asText()).isEqualTo(SampleInvoices.FACTURX_TOTAL_INCL_VAT);
        // approval may already have moved it on, and the background steps (validation; recognition's COHERENCE check of
        // a Factur-X against its visible text) add their own events: ingest's own events come first
        assertThat(doc.get("events").findValuesAsText("type")).startsWith("RECEIVED", "RECOGNIZED");
    }

    @Test
    void listFiltersAreChecked() throws Exception {
        assertThat(gw.get("/api/dossiers/" + SIREN_A + "/documents?direction=PURCHASE&status=RECOGNIZED", gw.keyA)
                .statusCode()).isEqualTo(200);
        assertError(gw.get("/api/dossiers/" + SIREN_A + "/documents?status=NOPE", gw.keyA), "invalid_request");
        assertError(gw.get("/api/dossiers/" + SIREN_A + "/documents?limit=100000", gw.keyA), "invalid_request");
    }

    @Test
    void dossiersAreCreatedByAdministratorsWithACheckedSiren() throws Exception {
        String admin = gw.login(ADMIN_EMAIL);
        assertThat(JSON.readTree(gw.post("/api/dossiers", admin, "{\"siren\":\"123456789\",\"name\":\"X\"}").body())
                .get("message").asText()).contains("check digit");
        assertThat(JSON.readTree(gw.post("/api/dossiers", admin, "{\"siren\":\"12345678\",\"name\":\"X\"}").body())
                .get("message").asText()).contains("9 digits");
        assertThat(gw.post("/api/dossiers", admin, "{\"siren\":\"" + SIREN_A + "\",\"name\":\"Again\"}").statusCode())
                .isEqualTo(409);
        assertThat(gw.post("/api/dossiers", gw.keyA, "{\"siren\":\"222222226\",\"name\":\"X\"}").statusCode()).isEqualTo(403);
        assertThat(gw.post("/api/dossiers", gw.login(USER_EMAIL), "{\"siren\":\"222222226\",\"name\":\"X\"}").statusCode())
                .isEqualTo(403);

        HttpResponse<String> created = gw.post("/api/dossiers", admin,
                "{\"siren\":\"222222226\",\"name\":\"Nouvelle SAS\",\"closingMonth\":6}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).get("closingMonth").asInt()).isEqualTo(6);
        assertThat(gw.home.resolve("inbox/222222226/purchase")).isDirectory();

        HttpResponse<String> key = gw.post("/api/dossiers/222222226/api-keys", admin, "{\"label\":\"erp\"}");
        assertThat(key.statusCode()).isEqualTo(201);
        String newKey = JSON.readTree(key.body()).get("key").asText();
        assertThat(sirens(gw.get("/api/dossiers", newKey))).containsExactly("222222226");
        assertThat(gw.get("/api/dossiers/" + SIREN_A, newKey).statusCode()).isEqualTo(404);
    }

    @Test
    void uploadSanitisesTheFileNameAndRefusesRequestsWithoutAFile() throws Exception {
        String id = uploaded(gw.upload("/api/dossiers/" + SIREN_A + "/purchase-invoices", gw.keyA, "file",
                "../../../evil.pdf", SampleInvoices.facturXPdf("API-EVIL")));
        assertThat(JSON.readTree(gw.get("/api/documents/" + id, gw.keyA).body()).get("fileName").asText())
                .isEqualTo("evil.pdf");
        try (Stream<Path> files = Files.walk(home)) {
            assertThat(files.filter(p -> p.getFileName().toString().equals("evil.pdf"))).isEmpty();
        }
        assertThat(home.getParent().resolve("evil.pdf")).doesNotExist();
        assertThat(Path.of("evil.pdf")).doesNotExist();
        assertError(gw.post("/api/dossiers/" + SIREN_A + "/purchase-invoices", gw.keyA, "{}"), "invalid_request");
    }

    @Test
    void anUnreadableUploadIsStillStoredAndAnsweredWithItsReason() throws Exception {
        HttpResponse<String> response = gw.upload("/api/dossiers/" + SIREN_A + "/purchase-invoices", gw.keyA, "file",
                "broken.pdf", SampleInvoices.brokenPdf());
        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asText()).isEqualTo("QUARANTINED");
        assertThat(body.get("reason").asText()).containsIgnoringCase("truncated");
        assertThat(gw.getBytes("/api/documents/" + body.get("id").asText() + "/original", gw.keyA).body())
                .isEqualTo(SampleInvoices.brokenPdf());
    }

    @Test
    void aOneMegabyteUploadThatInflatesToOneGibIsAnsweredQuarantinedAsABombNot500() throws Exception {
        byte[] bomb = DecompressionBombs.facturXWithInflatingAttachment(DecompressionBombs.ONE_GIB);
        HttpResponse<String> response = gw.upload("/api/dossiers/" + SIREN_A + "/purchase-invoices", gw.keyA, "file",
                "bomb.pdf", bomb);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asText()).isEqualTo("QUARANTINED");
        assertThat(body.get("reason").asText())
                .startsWith("PDF refused as a decompression bomb: its invoice attachment factur-x.xml")
                .contains("GATEWAY_MAX_INFLATED_BYTES");
        assertThat(gw.getBytes("/api/documents/" + body.get("id").asText() + "/original", gw.keyA).body())
                .isEqualTo(bomb);
    }

    private String uploaded(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).get("id").asText();
    }

    private static List<String> sirens(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).findValuesAsText("siren");
    }

    private static void assertError(HttpResponse<String> response, String code) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo(code);
        assertThat(body.get("message").asText()).isNotBlank();
    }
}
