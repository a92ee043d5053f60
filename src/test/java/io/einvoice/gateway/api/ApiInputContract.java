package io.einvoice.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.system.GatewayContract;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static io.einvoice.gateway.system.TestGateway.ADMIN_EMAIL;
import static io.einvoice.gateway.system.TestGateway.PASSWORD;
import static io.einvoice.gateway.system.TestGateway.SIREN_A;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14 over real HTTP: what callers send is bounded and refused in our words (decimals, texts), every answer has
 * the error JSON and the security headers, and bodies sent the way curl sends them without -H are read. Runs once per
 * database.
 */
abstract class ApiInputContract extends GatewayContract {

    /** What curl -d / --data-binary declare when the command gives no Content-Type. */
    private static final String CURL_DEFAULT = "application/x-www-form-urlencoded";

    String documentOfA;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() throws Exception {
        documentOfA = JSON.readTree(gw.upload("/api/dossiers/" + SIREN_A + "/purchase-invoices", gw.keyA, "file", "a.pdf",
                SampleInvoices.facturXPdf("INPUT-A-1")).body()).get("id").asText();
    }

    /** The "1e999999999": once a 100 MB answer or an OutOfMemoryError, now a short 400 naming the field. */
    @Test
    void decimalBombsAreRefusedWithAShortAnswerThatDoesNotEchoThem() throws Exception {
        String bomb = "1e999999999";
        List<HttpResponse<String>> answers = List.of(
                send("PUT", "/api/dossiers/" + SIREN_A + "/settings", gw.keyA, "application/json",
                        "{\"approvalMode\":\"ALL\",\"approvalThreshold\":\"" + bomb + "\"}"),
                send("PUT", "/api/dossiers/" + SIREN_A + "/settings", gw.keyA, "application/json",
                        "{\"approvalMode\":\"ALL\",\"approvalThreshold\":" + bomb + "}"),
                send("POST", "/api/dossiers/" + SIREN_A + "/catalogue", gw.keyA, "application/json",
                        "{\"kind\":\"GOODS\",\"label\":\"x\",\"unitPrice\":\"" + bomb + "\",\"vatRate\":20}"),
                send("POST", "/api/dossiers/" + SIREN_A + "/sales-invoices", gw.keyA, "application/json",
                        "{\"customerId\":\"c\",\"lines\":[{\"label\":\"x\",\"quantity\":\"" + bomb + "\",\"unitPrice\":1}]}"),
                send("PATCH", "/api/documents/" + documentOfA, gw.keyA, "application/json",
                        "{\"fields\":{\"totalInclVat\":\"" + bomb + "\"}}"),
                gw.get("/api/dossiers/" + SIREN_A + "/archive?minAmount=" + bomb, gw.keyA));
        List<String> fields = List.of("approvalThreshold", "approvalThreshold", "unitPrice", "lines[0].quantity",
                "totalInclVat", "minAmount");
        for (int i = 0; i < answers.size(); i++) {
            HttpResponse<String> answer = answers.get(i);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
            assertThat(answer.body()).hasSizeLessThan(400).doesNotContain("999999");
            JsonNode error = JSON.readTree(answer.body());
            assertThat(error.get("error").asText()).isEqualTo("invalid_request");
            assertThat(error.get("message").asText()).startsWith(fields.get(i) + " must be a decimal number");
        }
        // and the settings were left as they were
        assertThat(JSON.readTree(gw.get("/api/dossiers/" + SIREN_A + "/settings", gw.keyA).body()).get("approvalThreshold")
                .isNull()).isTrue();
    }

    /** The 100,000-character companyName: once a 500 from the database, now a 400 naming the field. */
    @Test
    void aTooLongTextIsA400NamingItsFieldInABodyAndInAnImport() throws Exception {
        String name = "A".repeat(100_000);
        HttpResponse<String> created = gw.post("/api/dossiers/" + SIREN_A + "/suppliers", gw.keyA,
                "{\"kind\":\"COMPANY\",\"companyName\":\"" + name + "\"}");
        assertThat(created.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(created.body()).get("message").asText())
                .isEqualTo("companyName has 100000 characters, at most 300 are accepted");

        HttpResponse<String> imported = send("POST", "/api/dossiers/" + SIREN_A + "/suppliers/import", gw.keyA, "text/csv",
                "Raison sociale;Ville\nACME;Lyon\n" + name + ";Paris\n");
        assertThat(imported.statusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(imported.body());
        assertThat(report.get("imported").asInt()).isZero();
        assertThat(report.get("errors").findValuesAsText("message"))
                .containsExactly("companyName has 100000 characters, at most 300 are accepted");
        assertThat(report.get("errors").get(0).get("line").asInt()).isEqualTo(3);
    }

    @Test
    void unknownPathsAndTooLargeBodiesAnswerTheErrorJson() throws Exception {
        assertError(gw.get("/api/no-such-endpoint", gw.keyA), 404, "not_found");
        // "/" is the web application's home now; any other unknown path outside /api still gets the error JSON
        assertError(gw.get("/no-such-page", null), 404, "not_found");
        assertError(send("DELETE", "/api/health", null, null, null), 404, "not_found");
        byte[] tooLarge = new byte[(int) io.einvoice.gateway.system.GatewayConfig.DEFAULT_MAX_FILE_BYTES + 2 * 1024 * 1024];
        assertError(http.send(request("/api/dossiers/" + SIREN_A + "/settings", gw.keyA)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(tooLarge)).build(), HttpResponse.BodyHandlers.ofString()),
                413, "too_large");
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        List<HttpResponse<?>> answers = List.of(
                gw.get("/api/health", null),
                gw.get("/api/openapi.json", null),
                gw.get("/api/dossiers", null),
                gw.get("/api/documents/" + documentOfA, gw.keyA),
                gw.getBytes("/api/documents/" + documentOfA + "/original", gw.keyA),
                gw.get("/api/nothing-here", gw.keyA),
                gw.post("/api/auth/login", null, "{oops"));
        for (HttpResponse<?> answer : answers) {
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(answer.uri().getPath()).hasValue("nosniff");
            assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(answer.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(answer.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                    assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'"));
        }
    }

    /** What curl sends for -d and --data-binary without -H: the README's commands as written. */
    @Test
    void bodiesSentWithoutAContentTypeAreReadAsTheEndpointTakesThem() throws Exception {
        HttpResponse<String> login = send("POST", "/api/auth/login", null, CURL_DEFAULT,
                "{\"email\":\"" + ADMIN_EMAIL + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String token = JSON.readTree(login.body()).get("token").asText();

        HttpResponse<String> smtp = send("PUT", "/api/dossiers/" + SIREN_A + "/smtp", token, CURL_DEFAULT,
                "{\"host\":\"smtp.example.fr\",\"port\":587,\"tlsMode\":\"STARTTLS\",\"username\":\"factures\","
                        + "\"password\":\"p+a&s=s%20\",\"sender\":\"factures@example.fr\",\"subjectTemplate\":\"Facture {number} de {seller}\","
                        + "\"bodyTemplate\":\"Montant {total} {currency}, échéance {dueDate}\"}");
        assertThat(smtp.statusCode()).as(smtp.body()).isEqualTo(200);
        assertThat(JSON.readTree(smtp.body()).get("bodyTemplate").asText()).isEqualTo("Montant {total} {currency}, échéance {dueDate}");

        HttpResponse<String> draft = send("POST", "/api/dossiers/" + SIREN_A + "/sales-invoices", gw.keyA, CURL_DEFAULT,
                "{\"customerId\":\"no-such-customer\",\"lines\":[{\"catalogueItemId\":\"x\",\"quantity\":2}]}");
        assertError(draft, 404, "not_found"); // read as JSON: it got as far as looking the customer up

        HttpResponse<String> imported = send("POST", "/api/dossiers/" + SIREN_A + "/suppliers/import?dryRun=true", gw.keyA,
                CURL_DEFAULT, "Raison sociale;SIREN;Ville\nLumière & Fils;732829320;Saint-Étienne\n");
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(imported.body());
        assertThat(report.get("errors")).isEmpty();
        assertThat(report.get("rows").asInt()).isEqualTo(1);
        assertThat(report.at("/mapping/Raison sociale").asText()).isEqualTo("companyName");
    }

    private HttpResponse<String> send(String method, String path, String token, String contentType, String body)
            throws Exception {
        HttpRequest.Builder builder = request(path, token).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + gw.port + path))
                .timeout(Duration.ofSeconds(60));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private static void assertError(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo(code);
        assertThat(body.get("message").asText()).isNotBlank();
    }
}
