package io.einvoice.gateway.party;

import com.fasterxml.jackson.databind.JsonNode;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.system.GatewayContract;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static io.einvoice.gateway.system.TestGateway.SIREN_A;
import static io.einvoice.gateway.system.TestGateway.SIREN_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Suppliers and customers over the real HTTP API and database; dossier B is used so approval tests stay apart. */
abstract class PartiesContract extends GatewayContract {

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
        assertThat(gw.gateway.services().parties().supplierOfDocument(docId).map(s -> s.party().id())).contains(id);
        // the document shows the supplier as the dossier knows it now
        gw.patch("/api/parties/" + id, gw.keyB, "{\"companyName\":\"Lumière (renamed)\"}");
        JsonNode linked = JSON.readTree(gw.get("/api/documents/" + docId, gw.keyB).body()).get("supplier");
        assertThat(linked.get("id").asText()).isEqualTo(id);
        assertThat(linked.get("name").asText()).isEqualTo("Lumière (renamed)");
        assertThat(JSON.readTree(gw.get("/api/dossiers/" + SIREN_B + "/documents", gw.keyB).body()).findValuesAsText("name"))
                .contains("Lumière (renamed)");

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
        await().atMost(Duration.ofSeconds(20)).until(() -> services.parties().supplierOfDocument(doc).isPresent());
        // re-point the document at the party to be merged away, as a person correcting the link would
        services.documents().moveToSupplier(services.parties().supplierOfDocument(doc).map(s -> s.party().id()).orElseThrow(), removed);
        assertThat(dossierB).isNotBlank();

        HttpResponse<String> merged = gw.post("/api/parties/" + kept + "/merge", gw.keyB, "{\"from\":\"" + removed + "\"}");
        assertThat(merged.statusCode()).as(merged.body()).isEqualTo(200);
        assertThat(JSON.readTree(merged.body()).get("documentsMoved").asInt()).isEqualTo(1);
        assertThat(services.parties().supplierOfDocument(doc).map(s -> s.party().id())).contains(kept);
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

    @Test
    void importsCsvInEitherEncodingAndSeparatorWithGuessedHeaders() throws Exception {
        String french = "Raison sociale;SIREN;E-mail;Ville;De confiance\n"
                + "Électricité Import Lefèvre;732829320;compta@lefevre-import.fr;Besançon;oui\n"
                + "Boulangerie Import Ça Va;;;Nîmes;non\n";
        JsonNode report = importFile(SIREN_B, "customers", french.getBytes(java.nio.charset.Charset.forName("windows-1252")), "");
        assertThat(report.get("errors")).isEmpty();
        assertThat(report.get("imported").asInt()).isEqualTo(2);
        assertThat(report.get("format").asText()).contains("Windows-1252").contains("';'");
        assertThat(report.at("/mapping/Raison sociale").asText()).isEqualTo("companyName");
        JsonNode found = list(SIREN_B, "customers", "q=import lefevre", gw.keyB).get("items").get(0);
        assertThat(found.get("companyName").asText()).isEqualTo("Électricité Import Lefèvre");
        assertThat(found.get("city").asText()).isEqualTo("Besançon");
        assertThat(found.get("trusted").asBoolean()).isTrue();
        assertThat(found.get("number").asText()).startsWith("CLI-");

        String english = "\uFEFFcompany name,vat number,zip code,city\n\"Import Smith, Ltd\",GB123456789,SW1A 1AA,London\n";
        JsonNode en = importFile(SIREN_B, "customers", english.getBytes(StandardCharsets.UTF_8), "");
        assertThat(en.get("errors")).isEmpty();
        assertThat(en.get("format").asText()).contains("BOM").contains("','");
        assertThat(list(SIREN_B, "customers", "q=gb123456789", gw.keyB).get("items").get(0).get("companyName").asText())
                .isEqualTo("Import Smith, Ltd");
    }

    @Test
    void aDryRunListsErrorsByLineAndImportsNothing() throws Exception {
        String existing = created(gw.post("/api/dossiers/" + SIREN_B + "/suppliers", gw.keyB,
                "{\"companyName\":\"Already\",\"number\":\"FOUR-700\"}")).get("number").asText();
        String csv = "Numéro;Raison sociale;SIREN;IBAN;De confiance\n"
                + "FOUR-701;Dry Un;732829320;;oui\n"
                + "FOUR-701;Dry Deux;;;non\n"
                + existing + ";Dry Trois;;;\n"
                + "FOUR-702;;123456789;FR00;peut-être\n"
                + "FOUR-703;Dry Cinq;;FR7630006000011234567890189;\n";
        for (String dryRun : List.of("true", "false")) {
            JsonNode report = importFile(SIREN_B, "suppliers", csv.getBytes(StandardCharsets.UTF_8), "?dryRun=" + dryRun);
            assertThat(report.get("dryRun").asBoolean()).isEqualTo(dryRun.equals("true"));
            assertThat(report.get("rows").asInt()).isEqualTo(5);
            assertThat(report.get("imported").asInt()).isZero();
            List<String> errors = new java.util.ArrayList<>();
            report.get("errors").forEach(e -> errors.add(e.get("line").asInt() + ": " + e.get("message").asText()));
            assertThat(errors).containsExactly(
                    "3: number FOUR-701 is also on line 2",
                    "4: number FOUR-700 is already used by an existing supplier",
                    "5: 'peut-être' is not yes or no (oui/non)");
        }
        String fixed = "Numéro;Raison sociale;SIREN\nFOUR-702;;123456789\nFOUR-703;Ok;\n";
        List<String> problems = new java.util.ArrayList<>();
        importFile(SIREN_B, "suppliers", fixed.getBytes(StandardCharsets.UTF_8), "?dryRun=true").get("errors")
                .forEach(e -> problems.add(e.get("line").asInt() + ": " + e.get("message").asText()));
        assertThat(problems).hasSize(2).allMatch(p -> p.startsWith("2: "))
                .anyMatch(p -> p.contains("check digit")).anyMatch(p -> p.contains("companyName is required"));
        assertThat(list(SIREN_B, "suppliers", "q=dry", gw.keyB).get("total").asLong()).isZero();
    }

    @Test
    void aFileWithoutANameColumnOrInTheWrongEncodingIsRefusedWithTheReason() throws Exception {
        JsonNode missing = importFile(SIREN_B, "suppliers", "SIREN;Ville\n732829320;Lyon\n".getBytes(StandardCharsets.UTF_8), "");
        assertThat(missing.get("imported").asInt()).isZero();
        assertThat(missing.get("errors").get(0).get("line").asInt()).isEqualTo(1);
        assertThat(missing.get("errors").get(0).get("message").asText()).startsWith("missing required column");
        JsonNode utf16 = importFile(SIREN_B, "suppliers", "Raison sociale\nX\n".getBytes(StandardCharsets.UTF_16), "");
        assertThat(utf16.get("errors").get(0).get("message").asText()).contains("UTF-16");
        assertThat(gw.postBytes("/api/dossiers/" + SIREN_B + "/suppliers/import?mapping=nope", gw.keyB, "text/csv",
                "a\nb\n".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
    }

    @Test
    void xlsxWithFormulasAndMergedCellsImportsTheirValues() throws Exception {
        JsonNode report = importFile(SIREN_A, "suppliers", SheetReaderTest.workbookWithFormulasAndMergedCells(), "");
        assertThat(report.get("errors")).as(report.toString()).isEmpty();
        assertThat(report.get("imported").asInt()).isEqualTo(2);
        JsonNode alpha = list(SIREN_A, "suppliers", "q=alpha sarl").get("items").get(0);
        assertThat(alpha.get("siret").asText()).isEqualTo("73282932000017");
        assertThat(alpha.get("siren").asText()).isEqualTo("732829320");
        JsonNode beta = list(SIREN_A, "suppliers", "q=55210055400013").get("items").get(0);
        assertThat(beta.get("companyName").asText()).isEqualTo("Beta");
        assertThat(beta.get("city").asText()).isEqualTo("Lyon");
    }

    @Test
    void theMappingIsSavedPerDossierAndReused() throws Exception {
        String csv = "Appellation;Localité;Couleur\nMapped %d;Rennes;bleu\n";
        String mapping = java.net.URLEncoder.encode("{\"Appellation\":\"companyName\",\"Localité\":\"city\"}",
                StandardCharsets.UTF_8);
        JsonNode first = importFile(SIREN_B, "suppliers", String.format(csv, 1).getBytes(StandardCharsets.UTF_8), "?mapping=" + mapping);
        assertThat(first.get("errors")).isEmpty();
        assertThat(first.get("ignoredHeaders").get(0).asText()).isEqualTo("Couleur");
        // the next import of the same layout needs no mapping
        JsonNode second = importFile(SIREN_B, "suppliers", String.format(csv, 2).getBytes(StandardCharsets.UTF_8), "");
        assertThat(second.get("errors")).isEmpty();
        assertThat(second.at("/mapping/Localité").asText()).isEqualTo("city");
        assertThat(list(SIREN_B, "suppliers", "q=mapped 2", gw.keyB).get("items").get(0).get("city").asText()).isEqualTo("Rennes");
        // ...in this dossier only
        JsonNode elsewhere = importFile(SIREN_A, "suppliers", String.format(csv, 3).getBytes(StandardCharsets.UTF_8), "?dryRun=true");
        assertThat(elsewhere.get("errors").get(0).get("message").asText()).startsWith("missing required column");
    }

    @Test
    void exportAndTemplateDownloadAndReimport() throws Exception {
        created(gw.post("/api/dossiers/" + SIREN_A + "/customers", gw.keyA, "{\"companyName\":\"=HYPERLINK(\\\"http://x\\\")\"}"));
        HttpResponse<byte[]> csv = gw.getBytes("/api/dossiers/" + SIREN_A + "/customers/export?format=csv", gw.keyA);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains(SIREN_A + "-customers.csv");
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(text).contains(";\"'=HYPERLINK(").doesNotContain(";=HYPERLINK(").doesNotContain(";\"=HYPERLINK(");
        HttpResponse<byte[]> xlsx = gw.getBytes("/api/dossiers/" + SIREN_A + "/customers/export?format=xlsx", gw.keyA);
        assertThat(SheetReader.read(xlsx.body()).rows()).extracting(r -> r.cell(2)).contains("'=HYPERLINK(\"http://x\")");

        HttpResponse<byte[]> template = gw.getBytes("/api/dossiers/" + SIREN_A + "/suppliers/template?format=xlsx", gw.keyA);
        ImportTable headers = SheetReader.read(template.body());
        assertThat(headers.headers()).containsExactlyElementsOf(PartyColumn.headers());
        assertThat(headers.rows()).isEmpty();
        // an export re-imported into another dossier gives the same customers back (apostrophes removed)
        JsonNode again = importFile(SIREN_B, "customers", csv.body(), "?dryRun=true");
        assertThat(again.get("errors")).as(again.toString()).isEmpty();
        assertThat(again.get("ignoredHeaders")).isEmpty();
        assertThat(gw.getBytes("/api/dossiers/" + SIREN_A + "/suppliers/export?format=pdf", gw.keyA).statusCode()).isEqualTo(400);
    }

    @Test
    void importExportAndTemplateAnswer404ToAnotherTenant() throws Exception {
        List<Integer> codes = List.of(
                gw.postBytes("/api/dossiers/" + SIREN_A + "/suppliers/import", gw.keyB, "text/csv",
                        "Raison sociale\nIntrus\n".getBytes(StandardCharsets.UTF_8)).statusCode(),
                gw.postBytes("/api/dossiers/" + SIREN_A + "/customers/import?dryRun=true", gw.keyB, "text/csv",
                        "Raison sociale\nIntrus\n".getBytes(StandardCharsets.UTF_8)).statusCode(),
                gw.getBytes("/api/dossiers/" + SIREN_A + "/suppliers/export", gw.keyB).statusCode(),
                gw.getBytes("/api/dossiers/" + SIREN_A + "/customers/export?format=xlsx", gw.keyB).statusCode(),
                gw.getBytes("/api/dossiers/" + SIREN_A + "/suppliers/template", gw.keyB).statusCode());
        assertThat(codes).containsOnly(404);
        assertThat(list(SIREN_A, "suppliers", "q=intrus").get("total").asLong()).isZero();
    }

    private JsonNode importFile(String siren, String role, byte[] file, String query) throws Exception {
        HttpResponse<String> r = gw.postBytes("/api/dossiers/" + siren + "/" + role + "/import" + query,
                siren.equals(SIREN_A) ? gw.keyA : gw.keyB, "application/octet-stream", file);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
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
