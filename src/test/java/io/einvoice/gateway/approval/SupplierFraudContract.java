package io.einvoice.gateway.approval;

import com.fasterxml.jackson.databind.JsonNode;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.party.SheetReader;
import io.einvoice.gateway.system.GatewayContract;
import io.einvoice.gateway.system.RecordsItsOwnVerdicts;
import io.einvoice.gateway.system.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.einvoice.gateway.system.TestGateway.SIREN_A;
import static io.einvoice.gateway.system.TestGateway.SIREN_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Supplier identity and bank-detail fraud (issue 20) over the real upload, database and HTTP API. Invoices are the
 * sample CII from other sellers ({@link SellerInvoices}); validation verdicts are recorded by the test, as in
 * {@link ApprovalContract}. Each test uses its own SIRENs and IBANs, so the suppliers of one never match another's.
 */
@RecordsItsOwnVerdicts
abstract class SupplierFraudContract extends GatewayContract {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String NEW_BANK_DETAILS =
            "new bank details for this supplier: confirm them with the supplier by a known channel";

    String admin;

    @BeforeAll
    void start() throws Exception {
        admin = gw.login(TestGateway.ADMIN_EMAIL);
    }

    @AfterEach
    void modeBackToAll() throws Exception {
        setMode(SIREN_A, "ALL");
    }

    @Test
    void aTrustedSupplierAskingToBePaidToANewIbanWaitsUntilAPersonConfirmsIt() throws Exception {
        setMode(SIREN_A, "EXCEPT_TRUSTED");
        String supplier = createSupplier(SIREN_A, admin, "Menuiserie Durand", "400000006", "FR2630004000001000000001001", true);

        String usual = upload("BANK-1", "Menuiserie Durand", "400000006", "FR2630004000001000000001001", "AGRIFRPPXXX");
        assertThat(validated(usual)).as("the confirmed IBAN: approved with no person").isEqualTo(DocumentStatus.APPROVED);

        String changed = upload("BANK-2", "Menuiserie Durand", "400000006", "FR0730004000002000000001002", "AGRIFRPPXXX");
        assertThat(validated(changed)).isEqualTo(DocumentStatus.PENDING_APPROVAL);
        JsonNode waiting = document(changed, gw.keyA);
        assertThat(waiting.get("supplier").get("id").asText()).isEqualTo(supplier);
        assertThat(waiting.get("statusReason").asText()).isEqualTo(NEW_BANK_DETAILS);

        JsonNode details = bankDetails(supplier, gw.keyA);
        JsonNode seen = ibanIn(details, "FR0730004000002000000001002");
        assertThat(seen.get("confirmed").asBoolean()).isFalse();
        assertThat(seen.get("source").asText()).isEqualTo("INVOICE");
        assertThat(seen.get("firstDocumentId").asText()).isEqualTo(changed);
        assertThat(seen.get("firstSeenAt").asText()).isNotBlank();
        assertThat(ibanIn(details, "FR2630004000001000000001001").get("confirmedBy").asText())
                .isEqualTo("user:" + TestGateway.ADMIN_EMAIL);

        // where money goes is a person's decision
        HttpResponse<String> byKey = gw.post("/api/parties/" + supplier + "/bank-details/confirm", gw.keyA,
                "{\"iban\":\"FR07 3000 4000 0020 0000 0001 002\"}");
        assertThat(byKey.statusCode()).as(byKey.body()).isEqualTo(403);
        assertThat(ibanIn(bankDetails(supplier, gw.keyA), "FR0730004000002000000001002").get("confirmed").asBoolean()).isFalse();
        assertThat(gw.post("/api/parties/" + supplier + "/bank-details/confirm", admin,
                "{\"iban\":\"FR3030004000011000000001011\"}").statusCode()).as("an IBAN never seen for it").isEqualTo(404);

        HttpResponse<String> confirmed = gw.post("/api/parties/" + supplier + "/bank-details/confirm", admin,
                "{\"iban\":\"FR07 3000 4000 0020 0000 0001 002\"}");
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        JsonNode after = JSON.readTree(confirmed.body());
        assertThat(ibanIn(after, "FR0730004000002000000001002").get("confirmedBy").asText())
                .isEqualTo("user:" + TestGateway.ADMIN_EMAIL);
        JsonNode event = after.get("events").get(after.get("events").size() - 1);
        assertThat(event.get("type").asText()).isEqualTo("BANK_DETAILS_CONFIRMED");
        assertThat(event.get("actor").asText()).isEqualTo("user:" + TestGateway.ADMIN_EMAIL);
        assertThat(event.get("details").asText()).contains("FR0730004000002000000001002");

        String next = upload("BANK-3", "Menuiserie Durand", "400000006", "FR0730004000002000000001002", "AGRIFRPPXXX");
        assertThat(validated(next)).as("confirmed now").isEqualTo(DocumentStatus.APPROVED);
    }

    @Test
    void theFirstIbanOfASupplierCreatedFromAnInvoiceIsUnconfirmedEvenInModeNone() throws Exception {
        setMode(SIREN_A, "NONE");
        String id = upload("FIRST-1", "Plomberie Nouvelle", "400000014", "FR8530004000003000000001003", "AGRIFRPPXXX");
        assertThat(validated(id)).isEqualTo(DocumentStatus.PENDING_APPROVAL);
        assertThat(document(id, gw.keyA).get("statusReason").asText()).isEqualTo(NEW_BANK_DETAILS);
        String none = upload("FIRST-2", "Plomberie Sans Banque", "400000022", null, null);
        assertThat(validated(none)).as("no IBAN asked for: nothing to confirm").isEqualTo(DocumentStatus.APPROVED);
    }

    @Test
    void aLookAlikeNameWithAnotherSirenBecomesANewUntrustedSupplierNamingTheOriginal() throws Exception {
        setMode(SIREN_A, "EXCEPT_TRUSTED");
        String trusted = createSupplier(SIREN_A, admin, "Transports Bernard", "400000030", "FR6630004000004000000001004", true);
        String number = JSON.readTree(gw.get("/api/parties/" + trusted, gw.keyA).body()).get("number").asText();

        String fake = upload("LOOK-1", "Transports Bernard", "400000048", "FR4730004000005000000001005", "AGRIFRPPXXX");
        assertThat(validated(fake)).isEqualTo(DocumentStatus.PENDING_APPROVAL);
        JsonNode doc = document(fake, gw.keyA);
        String linked = doc.get("supplier").get("id").asText();
        assertThat(linked).isNotEqualTo(trusted);
        JsonNode created = JSON.readTree(gw.get("/api/parties/" + linked, gw.keyA).body());
        assertThat(created.get("siren").asText()).isEqualTo("400000048");
        assertThat(created.get("trusted").asBoolean()).isFalse();
        assertThat(created.get("createdFromInvoice").asBoolean()).isTrue();
        assertThat(texts(doc.get("checkReasons"))).contains("the seller has the name of supplier " + number
                + " Transports Bernard (SIREN 400000030) but gives another SIREN: recorded as another supplier, not"
                + " trusted; check who really sent this invoice");
        assertThat(doc.get("statusReason").asText()).contains("is not trusted (approval mode EXCEPT_TRUSTED)")
                .contains(NEW_BANK_DETAILS);
        assertThat(doc.get("events").findValuesAsText("type")).contains("SUPPLIER_CHECK");
    }

    @Test
    void threeSirensSharingOneIbanAreThreeSuppliersEachFlaggedForTheSharedIban() throws Exception {
        String iban = "FR2830004000006000000001006";
        List<String> ids = new ArrayList<>();
        List<String> sirens = List.of("400000055", "400000063", "400000071");
        for (int i = 0; i < 3; i++) {
            String id = upload("SHARED-" + i, "Société Écran " + i, sirens.get(i), iban, "AGRIFRPPXXX");
            awaitStatus(id, "PENDING_APPROVAL", gw.keyA);
            ids.add(id);
        }
        List<String> suppliers = new ArrayList<>();
        for (String id : ids) {
            JsonNode doc = document(id, gw.keyA);
            suppliers.add(doc.get("supplier").get("id").asText());
            List<String> reasons = texts(doc.get("checkReasons"));
            assertThat(reasons).as(id).filteredOn(r -> r.startsWith("IBAN " + iban + " is also the bank account of supplier"))
                    .hasSize(2);
        }
        assertThat(suppliers).doesNotHaveDuplicates();
        // the first one was re-evaluated when the later ones arrived
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(document(ids.get(0), gw.keyA).get("statusReason").asText())
                .contains("IBAN " + iban + " is also the bank account of supplier")
                .contains("(SIREN " + sirens.get(2) + "), another company"));
    }

    @Test
    void anIbanSharedWithAnotherDossierOfTheFirmIsFlaggedWithoutNamingThatDossiersSupplier() throws Exception {
        String iban = "FR0930004000007000000001007";
        createSupplier(SIREN_B, admin, "Fournisseur Secret De B", "400000089", iban, false);
        String id = upload("CROSS-1", "Autre Société", "400000097", iban, "AGRIFRPPXXX");
        JsonNode doc = awaitStatus(id, "PENDING_APPROVAL", gw.keyA);
        assertThat(texts(doc.get("checkReasons"))).contains("IBAN " + iban + " is also the bank account of a supplier"
                + " with other legal identifiers in another dossier of the firm");
        assertThat(doc.toString()).doesNotContain("Fournisseur Secret De B").doesNotContain("400000089");
    }

    @Test
    void anInvoiceGivingNoLegalIdentifierIsMatchedByIbanOrNameButNeverAutoApproved() throws Exception {
        setMode(SIREN_A, "EXCEPT_TRUSTED");
        String trusted = createSupplier(SIREN_A, admin, "Imprimerie Vasseur", "400000105", "FR8730004000008000000001008", true);
        String number = JSON.readTree(gw.get("/api/parties/" + trusted, gw.keyA).body()).get("number").asText();

        String byIban = upload("WEAK-1", "Imprimerie V.", null, "FR8730004000008000000001008", "AGRIFRPPXXX");
        assertThat(validated(byIban)).isEqualTo(DocumentStatus.PENDING_APPROVAL);
        JsonNode doc = document(byIban, gw.keyA);
        assertThat(doc.get("supplier").get("id").asText()).isEqualTo(trusted);
        assertThat(doc.get("statusReason").asText()).isEqualTo("to check: supplier " + number
                + " Imprimerie Vasseur recognised by its IBAN only: the invoice gives no SIREN or VAT number");

        String byName = upload("WEAK-2", "Imprimerie Vasseur", null, null, null);
        assertThat(validated(byName)).isEqualTo(DocumentStatus.PENDING_APPROVAL);
        JsonNode named = document(byName, gw.keyA);
        assertThat(named.get("supplier").get("id").asText()).isEqualTo(trusted);
        assertThat(named.get("statusReason").asText()).isEqualTo("to check: supplier " + number
                + " Imprimerie Vasseur recognised by its name only: the invoice gives no SIREN or VAT number");
    }

    @Test
    void anIbanFailingItsCheckDigitsOrWithABicOfAnotherCountryIsFlagged() throws Exception {
        String broken = upload("IBAN-1", "Garage Martin", "400000113", "FR2730004000001000000001001", "AGRIFRPPXXX");
        assertThat(texts(awaitStatus(broken, "PENDING_APPROVAL", gw.keyA).get("checkReasons"))).contains(
                "the seller's IBAN is not valid: its check digits are wrong (mod 97): a character was mistyped or changed");
        String foreignBic = upload("IBAN-2", "Garage Martin", "400000113", "FR6830004000009000000001009", "DEUTDEFFXXX");
        assertThat(texts(awaitStatus(foreignBic, "PENDING_APPROVAL", gw.keyA).get("checkReasons"))).contains(
                "the BIC DEUTDEFFXXX is of a bank in DE but IBAN FR6830004000009000000001009 is an account in FR:"
                        + " check the bank details with the supplier");
    }

    @Test
    void exportAndImportCarryTheConfirmedIbansOnly() throws Exception {
        String supplier = createSupplier(SIREN_A, admin, "Export Banque Sûre", "542051180", "FR4930004000010000000001010", false);
        String seenOnly = upload("EXP-1", "Export Banque Sûre", "542051180", "FR3030004000011000000001011", "AGRIFRPPXXX");
        awaitStatus(seenOnly, "PENDING_APPROVAL", gw.keyA);
        assertThat(bankDetails(supplier, gw.keyA).get("ibans")).hasSize(2);
        // a supplier created from an invoice has that invoice's IBAN, unconfirmed
        String fromInvoice = upload("EXP-2", "Export Créé Par Facture", "400000121", "FR1130004000012000000001012", "AGRIFRPPXXX");
        awaitStatus(fromInvoice, "PENDING_APPROVAL", gw.keyA);
        assertThat(JSON.readTree(gw.get("/api/parties/" + supplierBySiren(SIREN_A, "400000121", gw.keyA), gw.keyA).body())
                .get("iban").asText()).isEqualTo("FR1130004000012000000001012");

        byte[] csv = gw.getBytes("/api/dossiers/" + SIREN_A + "/suppliers/export?format=csv", gw.keyA).body();
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).contains("IBAN confirmés").contains("FR4930004000010000000001010")
                .as("an IBAN only read on an invoice is not exported").doesNotContain("FR3030004000011000000001011")
                .doesNotContain("FR1130004000012000000001012").contains("Export Créé Par Facture");

        // its line (the other tests' suppliers left out) imported by a person into dossier B: confirmed by that person
        String[] lines = text.split("\r?\n");
        String oneSupplier = lines[0] + "\n" + java.util.Arrays.stream(lines).filter(l -> l.contains("542051180"))
                .findFirst().orElseThrow().replaceFirst("^\"?FOUR-\\d+\"?;", ";") + "\n";
        HttpResponse<String> imported = gw.postBytes("/api/dossiers/" + SIREN_B + "/suppliers/import", admin,
                "application/octet-stream", oneSupplier.getBytes(StandardCharsets.UTF_8));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(JSON.readTree(imported.body()).get("errors")).as(imported.body()).isEmpty();
        JsonNode copy = bankDetails(supplierBySiren(SIREN_B, "542051180", gw.keyB), gw.keyB);
        JsonNode confirmedCopy = ibanIn(copy, "FR4930004000010000000001010");
        assertThat(confirmedCopy.get("source").asText()).isEqualTo("IMPORTED");
        assertThat(confirmedCopy.get("confirmedBy").asText()).isEqualTo("user:" + TestGateway.ADMIN_EMAIL);
        assertThat(copy.get("events").findValuesAsText("type")).contains("BANK_DETAILS_CONFIRMED");

        // imported with an API key: kept, unconfirmed; a bad IBAN in the list is refused with its line
        String file = "Raison sociale;SIREN;IBAN confirmés\nImport Par Clé;443061841;FR6630004000004000000001004, FR4730004000005000000001005\n";
        HttpResponse<String> byKey = gw.postBytes("/api/dossiers/" + SIREN_B + "/suppliers/import", gw.keyB,
                "application/octet-stream", file.getBytes(StandardCharsets.UTF_8));
        assertThat(JSON.readTree(byKey.body()).get("imported").asInt()).as(byKey.body()).isEqualTo(1);
        JsonNode keyed = bankDetails(supplierBySiren(SIREN_B, "443061841", gw.keyB), gw.keyB);
        assertThat(keyed.get("ibans")).hasSize(2).allSatisfy(i -> assertThat(i.get("confirmed").asBoolean()).isFalse());
        HttpResponse<String> bad = gw.postBytes("/api/dossiers/" + SIREN_B + "/suppliers/import?dryRun=true", admin,
                "application/octet-stream", "Raison sociale;IBAN confirmés\nMauvais;FR00 1234\n".getBytes(StandardCharsets.UTF_8));
        JsonNode error = JSON.readTree(bad.body()).get("errors").get(0);
        assertThat(error.get("line").asInt()).isEqualTo(2);
        assertThat(error.get("message").asText()).startsWith("confirmedIbans: IBAN 1 is not a valid IBAN");
        assertThat(SheetReader.read(csv).headers()).contains("IBAN confirmés");
    }

    @Test
    void bankDetailsAnswer404ToAnotherTenant() throws Exception {
        String supplier = createSupplier(SIREN_A, admin, "Mur Étanche", "356000000", "DE89370400440532013000", false);
        assertThat(gw.get("/api/parties/" + supplier + "/bank-details", gw.keyB).statusCode()).isEqualTo(404);
        assertThat(gw.post("/api/parties/" + supplier + "/bank-details/confirm", gw.keyB,
                "{\"iban\":\"DE89370400440532013000\"}").statusCode()).isEqualTo(404);
    }

    // --- helpers

    private String upload(String number, String name, String siren, String iban, String bic) throws Exception {
        HttpResponse<String> r = gw.upload("/api/dossiers/" + SIREN_A + "/purchase-invoices", gw.keyA, "file",
                number + ".xml", SellerInvoices.cii(number, name, siren, iban, bic));
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201, 202);
        return JSON.readTree(r.body()).get("id").asText();
    }

    /** Records a clean validation verdict, as the validation step does, and runs the approval rules again. */
    private DocumentStatus validated(String id) throws Exception {
        awaitStatus(id, "PENDING_APPROVAL", gw.keyA);
        gw.recordCleanValidation(id);
        return gw.gateway.services().approvals().evaluate(id).orElseThrow();
    }

    private String createSupplier(String siren, String token, String name, String supplierSiren, String iban,
                                  boolean trusted) throws Exception {
        HttpResponse<String> r = gw.post("/api/dossiers/" + siren + "/suppliers", token, "{\"companyName\":\"" + name
                + "\",\"siren\":\"" + supplierSiren + "\",\"iban\":\"" + iban + "\",\"trusted\":" + trusted + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).get("id").asText();
    }

    private String supplierBySiren(String dossier, String siren, String key) throws Exception {
        JsonNode items = JSON.readTree(gw.get("/api/dossiers/" + dossier + "/suppliers?q=" + siren, key).body()).get("items");
        assertThat(items).hasSize(1);
        return items.get(0).get("id").asText();
    }

    private JsonNode bankDetails(String supplier, String key) throws Exception {
        HttpResponse<String> r = gw.get("/api/parties/" + supplier + "/bank-details", key);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static JsonNode ibanIn(JsonNode details, String iban) {
        for (JsonNode i : details.get("ibans")) {
            if (i.get("iban").asText().equals(iban)) {
                return i;
            }
        }
        throw new AssertionError(iban + " is not among " + details);
    }

    private void setMode(String siren, String mode) throws Exception {
        HttpResponse<String> r = gw.put("/api/dossiers/" + siren + "/settings", siren.equals(SIREN_A) ? gw.keyA : gw.keyB,
                "{\"approvalMode\":\"" + mode + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private JsonNode awaitStatus(String id, String status, String key) throws Exception {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> JSON.readTree(gw.get("/api/documents/" + id, key).body()).path("status").asText().equals(status));
        return document(id, key);
    }

    private JsonNode document(String id, String key) throws Exception {
        return JSON.readTree(gw.get("/api/documents/" + id, key).body());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
