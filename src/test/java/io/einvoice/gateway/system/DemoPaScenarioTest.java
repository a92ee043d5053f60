package io.einvoice.gateway.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.einvoice.gateway.dispatch.pa.simulator.PaSimulator;
import io.einvoice.gateway.facturx.InvoiceReader;
import io.einvoice.gateway.lifecycle.CdarMessage;
import io.einvoice.gateway.lifecycle.CdarReader;
import io.einvoice.gateway.lifecycle.LifecycleCode;
import io.einvoice.gateway.validation.InvoiceValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reform's scenario of issue 17 in {@code ./gateway demo}, as a user sees it through the API: Cabinet Démo's sales
 * invoice to a buyer whose directory line (asked of the directory the PA serves) names a certified platform goes to
 * the simulated PA as a flow, with BT-49 filled from that line, is
 * acknowledged, and reaches 212 Encaissée (PAID); the same invoice number sent again is refused 213 {@code DOUBLON};
 * the purchase invoice waiting at the PA for DEMONSTRATION arrives (channel PLATFORM_PA), is approved by a person, and
 * the PA receives its 205 Approuvée as a CDAR message that passes the BR-FR-CDV schematron.
 */
class DemoPaScenarioTest {

    /** Validation compiles its rule sets at start, and the machine may be busy. */
    private static final Duration PATIENCE = Duration.ofMinutes(4);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private Demo demo;
    private final HttpClient http = HttpClient.newHttpClient();
    private int port;
    private JsonNode credentials;

    @AfterEach
    void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    private JsonNode get(String path, String siren) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + credentials.at("/apiKeys/" + siren).asText()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private List<JsonNode> documents(String siren, String direction) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        JsonNode answer = get("/api/dossiers/" + siren + "/documents?direction=" + direction + "&limit=100", siren);
        (answer.isArray() ? answer : answer.path("items")).forEach(found::add);
        return found;
    }

    private List<JsonNode> salesToThePaBuyer() throws Exception {
        List<JsonNode> sales = new ArrayList<>();
        for (JsonNode d : documents(DemoSeeder.FIRM_SIREN, "SALES")) {
            if (DemoPa.SALES_NUMBER.equals(d.path("number").asText())) {
                sales.add(get("/api/documents/" + d.path("id").asText(), DemoSeeder.FIRM_SIREN));
            }
        }
        return sales;
    }

    private String lifecycle(JsonNode document) throws Exception {
        return get("/api/documents/" + document.path("id").asText() + "/lifecycle", DemoSeeder.FIRM_SIREN).toString();
    }

    @Test
    void salesInvoiceThroughThePaReachesPaidItsDuplicateIsRefusedAndAnApprovedPurchaseSendsA205Cdar() throws Exception {
        // the folder samples would keep OCR busy without telling anything about the PA
        Files.writeString(home.resolve(".demo-samples-dropped"), "left out by the test");
        port = TestGateway.freePort();
        demo = Demo.prepare(Map.of("GATEWAY_HOME", home.toString(), "GATEWAY_HTTP_PORT", String.valueOf(port),
                "GATEWAY_MANAGEMENT_PORT", "0"));
        demo.gateway().start();
        credentials = JSON.readTree(home.resolve("demo-credentials.json").toFile());
        PaSimulator pa = demo.pa().simulator();
        assertThat(credentials.at("/pa/baseUrl").asText()).isEqualTo(pa.baseUrl());

        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            List<JsonNode> sales = salesToThePaBuyer();
            return sales.size() == 2 && sales.stream().anyMatch(d -> "PAID".equals(d.path("paymentStatus").asText()))
                    && sales.stream().anyMatch(d -> d.path("statusReason").asText().contains("DOUBLON"));
        });
        List<JsonNode> sales = salesToThePaBuyer();
        JsonNode paid = sales.stream().filter(d -> "PAID".equals(d.path("paymentStatus").asText())).findFirst().orElseThrow();
        JsonNode duplicate = sales.stream().filter(d -> d != paid).findFirst().orElseThrow();
        assertThat(paid.path("dispatchChannel").asText()).isEqualTo("PA");
        assertThat(duplicate.path("dispatchChannel").asText()).isEqualTo("PA");
        List<String> flows = pa.pa().receivedFlowIds(DemoSeeder.FIRM_SIREN, "CustomerInvoice");
        assertThat(flows).hasSize(2);
        // the buyer's line was asked of the directory the PA serves, kept here, and gave the invoices their BT-49
        JsonNode line = get("/api/directory/" + DemoPa.PA_BUYER_SIREN, DemoSeeder.FIRM_SIREN);
        assertThat(line.at("/route/platformType").asText()).isEqualTo("WK");
        for (String flowId : flows) {
            String xml = new String(new InvoiceReader().read(pa.pa().file(flowId)).xml(), StandardCharsets.UTF_8);
            assertThat(xml).containsPattern("<ram:URIID schemeID=\"0225\">" + DemoPa.PA_BUYER_SIREN + "</ram:URIID>");
        }
        assertThat(lifecycle(paid)).contains("\"code\":200").contains("\"code\":212").contains("\"origin\":\"PLATFORM\"")
                .doesNotContain("DOUBLON");
        assertThat(lifecycle(duplicate)).contains("\"code\":213").contains("\"reasonCode\":\"DOUBLON\"")
                .doesNotContain("\"code\":212");
        assertThat(get("/api/documents/" + paid.path("id").asText() + "/dispatch", DemoSeeder.FIRM_SIREN).toString())
                .containsAnyOf(pa.pa().receivedFlowIds(DemoSeeder.FIRM_SIREN, "CustomerInvoice").toArray(String[]::new));

        // the purchase waiting at the PA for DEMONSTRATION, approved by a person
        String buyer = DemoSeeder.DEMO_DOSSIER_SIREN;
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> documents(buyer, "PURCHASE").stream()
                .anyMatch(d -> DemoPa.PURCHASE_NUMBER.equals(d.path("number").asText())
                        && "PENDING_APPROVAL".equals(d.path("status").asText())));
        JsonNode purchase = documents(buyer, "PURCHASE").stream()
                .filter(d -> DemoPa.PURCHASE_NUMBER.equals(d.path("number").asText())).findFirst().orElseThrow();
        assertThat(purchase.path("channel").asText()).isEqualTo("PLATFORM_PA");
        HttpResponse<String> approved = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/documents/" + purchase.path("id").asText() + "/approve"))
                .header("Authorization", "Bearer " + credentials.at("/apiKeys/" + buyer).asText())
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);

        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> approvalAtThePa(pa) != null);
        byte[] cdar = approvalAtThePa(pa);
        assertThat(InvoiceValidator.onDemand().validate(cdar, "cdv-205.xml").findings()).as(new String(cdar)).isEmpty();
        CdarMessage message = new CdarReader().read(cdar);
        assertThat(message.issuerSiren()).isEqualTo(buyer);
        assertThat(message.invoiceNumber()).isEqualTo(DemoPa.PURCHASE_NUMBER);
    }

    /** The 205 CDAR flow DEMONSTRATION posted to the PA, or null while there is none. */
    private static byte[] approvalAtThePa(PaSimulator pa) throws Exception {
        for (String flowId : pa.pa().receivedFlowIds(DemoSeeder.DEMO_DOSSIER_SIREN, "SupplierInvoiceLC")) {
            byte[] file = pa.pa().file(flowId);
            if (new CdarReader().read(file).status() == LifecycleCode.APPROUVEE) {
                return file;
            }
        }
        return null;
    }
}
