package io.einvoice.gateway.party;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.system.TestDatabase;
import io.einvoice.gateway.system.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.einvoice.gateway.system.TestGateway.SIREN_A;
import static io.einvoice.gateway.system.TestGateway.SIREN_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Suppliers and customers over the real HTTP API and database; dossier B is used so approval tests stay apart. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PartiesContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    TestGateway gw;

    abstract TestDatabase database(Path home) throws Exception;

    @BeforeAll
    void start() throws Exception {
        gw = TestGateway.start(home, database(home));
    }

    @AfterAll
    void stop() {
        if (gw != null) {
            gw.close();
        }
    }

    @Test
    void suppliersAndCustomersAreNumberedApartAndShowWhetherTheyAreOnThePlatform() throws Exception {
        JsonNode s1 = created(gw.post("/api/dossiers/" + SIREN_A + "/customers", gw.keyA,
                "{\"companyName\":\"Dossier B SAS\",\"siren\":\"" + SIREN_B + "\"}"));
        JsonNode s2 = created(gw.post("/api/dossiers/" + SIREN_A + "/customers", gw.keyA,
                "{\"kind\":\"INDIVIDUAL\",\"civility\":\"M.\",\"firstName\":\"Jean\",\"lastName\":\"Dupont\"}"));
        assertThat(s1.get("number").asText()).startsWith("CLI-");
        assertThat(s2.get("number").asText()).startsWith("CLI-").isNotEqualTo(s1.get("number").asText());
        assertThat(s1.get("onPlatform").asBoolean()).isTrue();
        assertThat(s2.get("onPlatform").asBoolean()).isFalse();
        assertThat(s2.get("name").asText()).isEqualTo("M. Jean Dupont");
        assertThat(s1.get("role").asText()).isEqualTo("CUSTOMER");

        assertError(gw.post("/api/dossiers/" + SIREN_A + "/customers", gw.keyA,
                "{\"companyName\":\"Again\",\"number\":\"" + s1.get("number").asText() + "\"}"), 409, "already used");
        assertError(gw.post("/api/dossiers/" + SIREN_A + "/suppliers", gw.keyA, "{\"siren\":\"123\"}"), 400,
                "companyName is required");
        assertError(gw.post("/api/dossiers/" + SIREN_A + "/suppliers", gw.keyA, "{\"colour\":\"blue\"}"), 400, "colour");
    }

    @Test
    void searchIgnoresCaseAndAccentsAndIsPaged() throws Exception {
        created(gw.post("/api/dossiers/" + SIREN_A + "/suppliers", gw.keyA,
                "{\"companyName\":\"Électricité Lefèvre & Fils\",\"vatNumber\":\"FR40303265045\",\"email\":\"Compta@Lefevre.FR\"}"));
        for (int i = 0; i < 5; i++) {
            created(gw.post("/api/dossiers/" + SIREN_A + "/suppliers", gw.keyA, "{\"companyName\":\"Papeterie " + i + "\"}"));
        }
        for (String q : List.of("lefevre", "LEFÈVRE", "electricite", "fr40303265045", "compta@lefevre", "fils")) {
            JsonNode page = list(SIREN_A, "suppliers", "q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(page.get("items").findValuesAsText("companyName")).as(q).containsExactly("Électricité Lefèvre & Fils");
        }
        JsonNode first = list(SIREN_A, "suppliers", "q=papeterie&limit=2");
        JsonNode third = list(SIREN_A, "suppliers", "q=papeterie&limit=2&offset=4");
        assertThat(first.get("total").asLong()).isEqualTo(5);
        assertThat(first.get("items")).hasSize(2);
        assertThat(third.get("items")).hasSize(1);
        assertThat(list(SIREN_A, "suppliers", "q=100%25").get("total").asLong()).as("% is matched literally").isZero();
        assertThat(gw.get("/api/dossiers/" + SIREN_A + "/suppliers?limit=0", gw.keyA).statusCode()).isEqualTo(400);
        String number = first.get("items").get(0).get("number").asText();
        assertThat(list(SIREN_A, "suppliers", "q=" + number.toLowerCase()).get("items").findValuesAsText("number")).contains(number);
    }

    @Test
    void aSupplierWithDocumentsIsDeactivatedInsteadOfDeletedAndCanBeReactivated() throws Exception {
        // an invoice from an unknown seller creates the supplier, marked as such, and links the document to it
        String docId = JSON.readTree(gw.upload("/api/dossiers/" + SIREN_B + "/purchase-invoices", gw.keyB, "file",
                "p.pdf", SampleInvoices.facturXPdf("PARTY-1")).body()).get("id").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> list(SIREN_B, "suppliers", "q=" + SampleInvoices.SELLER_SIREN,
                gw.keyB).get("total").asLong() == 1);
        JsonNode supplier = list(SIREN_B, "suppliers", "q=" + SampleInvoices.SELLER_SIREN, gw.keyB).get("items").get(0);
        assertThat(supplier.get("createdFromInvoice").asBoolean()).isTrue();
        assertThat(supplier.get("companyName").asText()).isEqualTo(SampleInvoices.SELLER_NAME);
        assertThat(supplier.get("vatNumber").asText()).isEqualTo(SampleInvoices.SELLER_VAT);
        String id = supplier.get("id").asText();

        // a second invoice of the same seller is matched, not created again
        gw.upload("/api/dossiers/" + SIREN_B + "/purchase-invoices", gw.keyB, "file", "p2.pdf", SampleInvoices.facturXPdf("PARTY-2"));
        await().atMost(Duration.ofSeconds(20)).until(() -> gw.gateway.services().documents().find(
                gw.gateway.services().dossiers().findBySiren(SIREN_B).orElseThrow().id(),
                new io.einvoice.gateway.document.DocumentQuery(null, io.einvoice.gateway.document.DocumentStatus.RECOGNIZED, 10, 0)).isEmpty());
        assertThat(list(SIREN_B, "suppliers", "q=" + SampleInvoices.SELLER_SIREN, gw.keyB).get("total").asLong()).isEqualTo(1);
        assertThat(gw.gateway.services().parties().documentCount(id)).isEqualTo(2);
        assertThat(gw.gateway.services().parties().supplierOf(docId)).contains(id);

        assertError(gw.delete("/api/parties/" + id, gw.keyB), 409, "deactivated instead");
        assertThat(get(id, gw.keyB).get("active").asBoolean()).isFalse();
        assertThat(list(SIREN_B, "suppliers", "active=true&q=" + SampleInvoices.SELLER_SIREN, gw.keyB).get("total").asLong()).isZero();
        assertThat(JSON.readTree(gw.patch("/api/parties/" + id, gw.keyB, "{\"active\":true}").body()).get("active").asBoolean()).isTrue();

        // one without documents is deleted
        JsonNode spare = created(gw.post("/api/dossiers/" + SIREN_B + "/suppliers", gw.keyB, "{\"companyName\":\"Spare\"}"));
        assertThat(gw.delete("/api/parties/" + spare.get("id").asText(), gw.keyB).statusCode()).isEqualTo(200);
        assertThat(gw.get("/api/parties/" + spare.get("id").asText(), gw.keyB).statusCode()).isEqualTo(404);
    }

    @Test
    void anEditShowsEverywhereThePartyIsUsed() throws Exception {
        JsonNode s = created(gw.post("/api/dossiers/" + SIREN_A + "/suppliers", gw.keyA, "{\"companyName\":\"Old name\"}"));
        JsonNode patched = JSON.readTree(gw.patch("/api/parties/" + s.get("id").asText(), gw.keyA,
                "{\"companyName\":\"New name\",\"trusted\":true,\"iban\":\"FR76 3000 6000 0112 3456 7890 189\"}").body());
        assertThat(patched.get("name").asText()).isEqualTo("New name");
        assertThat(patched.get("trusted").asBoolean()).isTrue();
        assertThat(patched.get("iban").asText()).isEqualTo("FR7630006000011234567890189");
        assertThat(list(SIREN_A, "suppliers", "q=new name").get("total").asLong()).isEqualTo(1);
        assertThat(list(SIREN_A, "suppliers", "q=old name").get("total").asLong()).isZero();
        assertError(gw.patch("/api/parties/" + s.get("id").asText(), gw.keyA, "{\"iban\":\"FR00\"}"), 400, "not a valid IBAN");
    }

    @Test
    void subCustomersGoFourLevelsDeepAndFollowTheirParent() throws Exception {
        String main = created(gw.post("/api/dossiers/" + SIREN_A + "/customers", gw.keyA, "{\"companyName\":\"Groupe\"}")).get("id").asText();
        String parent = main;
        String[] levels = new String[5];
        levels[0] = main;
        for (int level = 1; level <= 4; level++) {
            JsonNode child = created(gw.post("/api/dossiers/" + SIREN_A + "/customers", gw.keyA,
                    "{\"companyName\":\"Filiale " + level + "\",\"parentId\":\"" + parent + "\",\"billWithParent\":true}"));
            assertThat(child.get("parentId").asText()).isEqualTo(parent);
            assertThat(child.get("billWithParent").asBoolean()).isTrue();
            parent = child.get("id").asText();
            levels[level] = parent;
        }
        assertError(gw.post("/api/dossiers/" + SIREN_A + "/customers", gw.keyA,
                "{\"companyName\":\"Too deep\",\"parentId\":\"" + parent + "\"}"), 400, "at most 4 levels");
        assertError(gw.patch("/api/parties/" + main, gw.keyA, "{\"parentId\":\"" + levels[2] + "\"}"), 400, "below itself");
        assertError(gw.post("/api/dossiers/" + SIREN_A + "/suppliers", gw.keyA,
                "{\"companyName\":\"S\",\"parentId\":\"" + main + "\"}"), 400, "only customers");
        assertError(gw.delete("/api/parties/" + main, gw.keyA), 409, "sub-customers");

        assertThat(gw.patch("/api/parties/" + levels[1], gw.keyA, "{\"active\":false}").statusCode()).isEqualTo(200);
        assertThat(get(levels[0], gw.keyA).get("active").asBoolean()).isTrue();
        for (int level = 1; level <= 4; level++) {
            assertThat(get(levels[level], gw.keyA).get("active").asBoolean()).as("level " + level).isFalse();
        }
        // merging is refused when either party has sub-customers
        String other = created(gw.post("/api/dossiers/" + SIREN_A + "/customers", gw.keyA, "{\"companyName\":\"Autre\"}")).get("id").asText();
        assertError(gw.post("/api/parties/" + other + "/merge", gw.keyA, "{\"from\":\"" + main + "\"}"), 409, "sub-customers");
    }

    @Test
    void mergingMovesTheDocumentsToTheKeptParty() throws Exception {
        var services = gw.gateway.services();
        String dossierB = services.dossiers().findBySiren(SIREN_B).orElseThrow().id();
        String kept = created(gw.post("/api/dossiers/" + SIREN_B + "/suppliers", gw.keyB, "{\"companyName\":\"Kept\"}")).get("id").asText();
        String removed = created(gw.post("/api/dossiers/" + SIREN_B + "/suppliers", gw.keyB, "{\"companyName\":\"Removed\"}")).get("id").asText();
        String doc = JSON.readTree(gw.upload("/api/dossiers/" + SIREN_B + "/purchase-invoices", gw.keyB, "file", "m.xml",
                SampleInvoices.ciiXml("MERGE-1")).body()).get("id").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> services.parties().supplierOf(doc).isPresent());
        // re-point the document at the party to be merged away, as a person correcting the link would
        services.parties().moveDocuments(services.parties().supplierOf(doc).orElseThrow(), removed);
        assertThat(dossierB).isNotBlank();

        HttpResponse<String> merged = gw.post("/api/parties/" + kept + "/merge", gw.keyB, "{\"from\":\"" + removed + "\"}");
        assertThat(merged.statusCode()).as(merged.body()).isEqualTo(200);
        assertThat(JSON.readTree(merged.body()).get("documentsMoved").asInt()).isEqualTo(1);
        assertThat(services.parties().supplierOf(doc)).contains(kept);
        assertThat(gw.get("/api/parties/" + removed, gw.keyB).statusCode()).isEqualTo(404);
        assertError(gw.post("/api/parties/" + kept + "/merge", gw.keyB, "{\"from\":\"" + kept + "\"}"), 400, "itself");
    }

    @Test
    void partyEndpointsAnswer404ToAnotherTenant() throws Exception {
        String ofA = created(gw.post("/api/dossiers/" + SIREN_A + "/suppliers", gw.keyA, "{\"companyName\":\"Secret A\"}")).get("id").asText();
        String ofB = created(gw.post("/api/dossiers/" + SIREN_B + "/suppliers", gw.keyB, "{\"companyName\":\"Of B\"}")).get("id").asText();
        List<HttpResponse<String>> answers = List.of(
                gw.get("/api/dossiers/" + SIREN_A + "/suppliers", gw.keyB),
                gw.get("/api/dossiers/" + SIREN_A + "/customers", gw.keyB),
                gw.post("/api/dossiers/" + SIREN_A + "/suppliers", gw.keyB, "{\"companyName\":\"Intruder\"}"),
                gw.post("/api/dossiers/" + SIREN_A + "/customers", gw.keyB, "{\"companyName\":\"Intruder\"}"),
                gw.get("/api/parties/" + ofA, gw.keyB),
                gw.patch("/api/parties/" + ofA, gw.keyB, "{\"blacklisted\":true}"),
                gw.delete("/api/parties/" + ofA, gw.keyB),
                gw.post("/api/parties/" + ofA + "/merge", gw.keyB, "{\"from\":\"" + ofB + "\"}"),
                gw.post("/api/parties/" + ofB + "/merge", gw.keyB, "{\"from\":\"" + ofA + "\"}"));
        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(404);
        assertThat(answers).allSatisfy(a -> assertThat(a.body()).doesNotContain("Secret A"));
        JsonNode stillThere = get(ofA, gw.keyA);
        assertThat(stillThere.get("blacklisted").asBoolean()).isFalse();
        assertThat(list(SIREN_A, "suppliers", "q=intruder").get("total").asLong()).isZero();
        assertThat(gw.get("/api/parties/" + ofB, gw.keyB).statusCode()).isEqualTo(200);
    }

    // --- helpers

    private JsonNode list(String siren, String role, String query) throws Exception {
        return list(siren, role, query, siren.equals(SIREN_A) ? gw.keyA : gw.keyB);
    }

    private JsonNode list(String siren, String role, String query, String key) throws Exception {
        HttpResponse<String> r = gw.get("/api/dossiers/" + siren + "/" + role + "?" + query.replace(" ", "%20"), key);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private JsonNode get(String id, String key) throws Exception {
        return JSON.readTree(gw.get("/api/parties/" + id, key).body());
    }

    private static JsonNode created(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    private static void assertError(HttpResponse<String> response, int status, String messagePart) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).get("message").asText()).contains(messagePart);
    }
}
