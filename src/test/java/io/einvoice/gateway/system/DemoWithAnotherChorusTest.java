package io.einvoice.gateway.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.einvoice.gateway.facturx.SampleInvoices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./gateway demo} pointed at another Chorus Pro implementation through the environment, as docs/contract.md
 * promises: a stand-in written here from the published API (not the built-in simulator's code) receives the token
 * request, the structure search and the deposit of the demo's sale to the Commune, with the account given in the
 * environment; the built-in simulator is not started.
 */
class DemoWithAnotherChorusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The first validation waits for the rule sets to compile: tens of seconds on a busy machine. */
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final String COMMUNE_SIRET = "98765432400019";
    private static final String FLUX = "CPP00999990000000000000001";

    @TempDir
    Path home;

    private StandIn standIn;
    private Demo demo;

    /** A request as the stand-in saw it. */
    record Seen(String path, String authorization, String cproAccount, String body) {
    }

    /** Just enough of PISTE and Chorus Pro for one deposit, answering as the published API does, recording each call. */
    static final class StandIn implements AutoCloseable {
        final HttpServer server;
        final List<Seen> seen = new CopyOnWriteArrayList<>();
        volatile String depositedNumber = "unknown";

        StandIn() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", this::answer);
            server.start();
        }

        String base() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void answer(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readNBytes(4 * 1024 * 1024), StandardCharsets.UTF_8);
            }
            // the deposited PDF is kept out of the record: its name and syntax are what the test reads
            String recorded = path.endsWith("deposer/flux") ? ((ObjectNode) JSON.readTree(body)).without("fichierFlux").toString() : body;
            seen.add(new Seen(path, exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("cpro-account"), recorded));
            ObjectNode answer = JSON.createObjectNode().put("codeRetour", 0).put("libelle", "GCU_MSG_01_000");
            switch (path) {
                case "/oauth/token" -> answer = JSON.createObjectNode().put("access_token", "standin-token")
                        .put("token_type", "Bearer").put("expires_in", 3600);
                case "/cpro/structures/v1/rechercher" -> {
                    ArrayNode list = answer.putArray("listeStructures");
                    if (body.contains(COMMUNE_SIRET)) {
                        list.addObject().put("idStructureCPP", 4242).put("identifiantStructure", COMMUNE_SIRET)
                                .put("designationStructure", "Commune de Démo").put("typeIdentifiantStructure", "SIRET");
                    }
                }
                case "/cpro/structures/v1/consulter" -> {
                    answer.putObject("informationGenerales").put("raisonSocialeStructure", "Commune de Démo")
                            .put("structurePriveePublique", "PUBLIQUE");
                    answer.putObject("parametres").put("codeServiceDoitEtreRenseigne", false)
                            .put("numeroEJDoitEtreRenseigne", false).put("gestionNumeroEJOuCodeService", false);
                }
                case "/cpro/structures/v1/rechercher/services" -> answer.putArray("listeServices");
                case "/cpro/factures/v1/deposer/flux" -> {
                    String name = JSON.readTree(body).path("nomFichier").asText();
                    depositedNumber = name.replaceFirst("^facturx-", "").replaceFirst("\\.pdf$", "");
                    answer.put("numeroFluxDepot", FLUX).put("dateDepot", "2026-12-05");
                }
                case "/cpro/transverses/v1/consulterCRDetaille" -> answer.put("etatCourantDepotFlux", "IN_INTEGRE")
                        .putArray("listeErreurDP");
                case "/cpro/factures/v1/rechercher/fournisseur" -> {
                    answer.putArray("listeFactures").addObject().put("numeroFacture", depositedNumber)
                            .put("identifiantFactureCPP", 777).put("numeroFluxDepot", FLUX).put("statut", "MISE_A_DISPOSITION");
                    answer.putObject("parametresRetour").put("pages", 1);
                }
                case "/cpro/factures/v1/consulter/historique" -> answer.put("statutCourantCode", "MISE_A_DISPOSITION");
                default -> {
                    exchange.sendResponseHeaders(404, -1);
                    exchange.close();
                    return;
                }
            }
            byte[] bytes = answer.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }

        List<Seen> at(String path) {
            return seen.stream().filter(s -> s.path().equals(path)).toList();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @BeforeEach
    void start() throws Exception {
        standIn = new StandIn();
    }

    @AfterEach
    void stop() {
        if (demo != null) {
            demo.close();
        }
        standIn.close();
    }

    @Test
    void theDemoSendsToTheChorusProNamedInTheEnvironmentWithTheAccountGivenThereAndStartsNoSimulator() throws Exception {
        int port = TestGateway.freePort();
        // only the sale to the Commune is dropped: the demo's purchase samples would keep OCR and validation busy for
        // minutes on a loaded machine without telling anything about Chorus Pro
        Files.writeString(home.resolve(".demo-samples-dropped"), "left out by the test");
        demo = Demo.prepare(Map.of(
                "GATEWAY_HOME", home.toString(),
                "GATEWAY_HTTP_PORT", String.valueOf(port),
                "GATEWAY_MANAGEMENT_PORT", "0",
                "GATEWAY_CHORUS_API_URL", standIn.base(),
                "GATEWAY_CHORUS_TOKEN_URL", standIn.base() + "/oauth/token",
                "GATEWAY_CHORUS_CLIENT_ID", "standin-client",
                "GATEWAY_CHORUS_CLIENT_SECRET", "standin-secret",
                "GATEWAY_CHORUS_TECHNICAL_LOGIN", "TECH_9_standin@cpro.fr",
                "GATEWAY_CHORUS_TECHNICAL_PASSWORD", "standin-password"));
        demo.gateway().start();
        Path sales = home.resolve("inbox").resolve(DemoSeeder.FIRM_SIREN).resolve("sales");
        Files.write(sales.resolve(".vente-commune.pdf.tmp"), SampleInvoices.chorusFacturXPdf("DEMO-CPP-0001",
                SampleInvoices.PublicBuyer.plain(COMMUNE_SIRET), DemoSeeder.FIRM_AS_SELLER));
        Files.move(sales.resolve(".vente-commune.pdf.tmp"), sales.resolve("vente-commune.pdf"));

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> !standIn.at("/cpro/factures/v1/deposer/flux").isEmpty());

        assertThat(demo.chorus().simulated()).isFalse();
        assertThat(standIn.at("/oauth/token")).isNotEmpty().allSatisfy(token -> {
            Map<String, String> form = form(token.body());
            assertThat(form).containsEntry("grant_type", "client_credentials").containsEntry("client_id", "standin-client")
                    .containsEntry("client_secret", "standin-secret");
        });
        assertThat(standIn.at("/cpro/structures/v1/rechercher"))
                .anySatisfy(search -> assertThat(search.body()).contains(COMMUNE_SIRET));
        String account = Base64.getEncoder().encodeToString("TECH_9_standin@cpro.fr:standin-password"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(standIn.at("/cpro/factures/v1/deposer/flux")).singleElement().satisfies(deposit -> {
            assertThat(deposit.authorization()).isEqualTo("Bearer standin-token");
            assertThat(deposit.cproAccount()).isEqualTo(account);
            assertThat(deposit.body()).contains("IN_DP_E2_CII_FACTURX");
        });
        assertThat(standIn.depositedNumber).isEqualTo("DEMO-CPP-0001");

        JsonNode credentials = JSON.readTree(home.resolve("demo-credentials.json").toFile());
        JsonNode chorus = credentials.path("chorus");
        assertThat(chorus.path("simulator").asBoolean(true)).isFalse();
        assertThat(chorus.path("baseUrl").asText()).isEqualTo(standIn.base());
        assertThat(chorus.path("tokenUrl").asText()).isEqualTo(standIn.base() + "/oauth/token");
        assertThat(chorus.path("clientId").asText()).isEqualTo("standin-client");
        assertThat(chorus.path("technicalLogin").asText()).isEqualTo("TECH_9_standin@cpro.fr");
        assertThat(chorus.has("adminHooks")).isFalse();
        assertThat(chorus.toString()).doesNotContain("standin-secret").doesNotContain("standin-password");

        // the sale to the Commune ends SENT through Chorus Pro with the stand-in's flux number
        String key = credentials.path("apiKeys").path(DemoSeeder.FIRM_SIREN).asText();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode sale = sale(port, key, "vente-commune.pdf");
            assertThat(sale).as("vente-commune.pdf").isNotNull();
            assertThat(sale.path("dispatchChannel").asText()).as(sale.toString()).isEqualTo("CHORUS");
            assertThat(sale.path("status").asText()).isIn("SENT", "ARCHIVED");
        });
    }

    @Test
    void withoutChorusVariablesTheDemoUsesItsSimulatorAndSaysSo() throws Exception {
        try (DemoChorusEndpoint endpoint = DemoChorusEndpoint.choose(Map.of("GATEWAY_CHORUS_CLIENT_ID", "ignored"))) {
            assertThat(endpoint.simulated()).isTrue();
            assertThat(endpoint.credentials().pisteClientId()).isEqualTo("demo-piste-client");
            assertThat(endpoint.describe()).containsEntry("simulator", true).containsKey("adminHooks");
            assertThat(endpoint.settings().apiUrl()).startsWith("http://").isNotEqualTo(standIn.base());
        }
    }

    @Test
    void anAccountNotGivenInTheEnvironmentKeepsTheDemoValues() throws Exception {
        try (DemoChorusEndpoint endpoint = DemoChorusEndpoint.choose(Map.of("GATEWAY_CHORUS_API_URL", standIn.base(),
                "GATEWAY_CHORUS_TECHNICAL_LOGIN", "TECH_9_standin@cpro.fr"))) {
            assertThat(endpoint.simulated()).isFalse();
            assertThat(endpoint.credentials()).isEqualTo(new io.einvoice.gateway.dispatch.chorus.ChorusCredentials(
                    "demo-piste-client", "demo-piste-secret", "TECH_9_standin@cpro.fr", "demo-technical-password"));
            assertThat(endpoint.describe()).containsEntry("baseUrl", standIn.base())
                    .containsEntry("accountFrom", "environment: GATEWAY_CHORUS_TECHNICAL_LOGIN");
        }
    }

    private static JsonNode sale(int port, String key, String fileName) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + port + "/api/dossiers/" + DemoSeeder.FIRM_SIREN + "/documents?direction=SALES"))
                .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode d : JSON.readTree(response.body())) {
            if (fileName.equals(d.path("fileName").asText())) {
                return d;
            }
        }
        return null;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new java.util.HashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return form;
    }
}
