package io.einvoice.gateway.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.einvoice.gateway.document.DocumentChecks;
import io.einvoice.gateway.facturx.FacturXGeneration;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.system.GatewayContract;
import io.einvoice.gateway.system.TestGateway;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import static io.einvoice.gateway.system.TestGateway.SIREN_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Purchase invoices dropped into the folder are validated after ingest: the verdict shows on the document, the full
 * report is served to the dossier's callers only, and a valid Factur-X is kept as the document's Factur-X.
 * Runs once per database (see the H2 and PostgreSQL subclasses).
 */
abstract class ValidationPipelineContract extends GatewayContract {

    /** The first validation waits for the rule sets to compile: tens of seconds on a busy machine. */
    private static final Duration PATIENCE = Duration.ofMinutes(4);

    @Test
    void aValidAndAnInvalidFacturXAreStoredWithTheirVerdictAndReport() throws Exception {
        byte[] valid = SampleInvoices.facturXPdf("PIPE-VALID-1");
        Files.write(gw.purchaseFolder(SIREN_A).resolve("valid.pdf"), valid);
        Files.write(gw.purchaseFolder(SIREN_A).resolve("invalid.pdf"), TestInvoices.facturXWithInvalidXml("PIPE-BAD-1"));

        JsonNode good = awaitValidated("valid.pdf");
        JsonNode bad = awaitValidated("invalid.pdf");

        assertThat(good.get("validation").get("valid").asBoolean()).isTrue();
        assertThat(good.get("validation").get("errors").asInt()).isZero();
        assertThat(bad.get("validation").get("valid").asBoolean()).isFalse();
        assertThat(bad.get("validation").get("errors").asInt()).isPositive();
        // an invalid invoice is stored, not quarantined: it is flagged, and never approved automatically
        assertThat(bad.get("status").asText()).isIn("RECOGNIZED", "PENDING_APPROVAL");
        assertThat(events(bad)).contains("VALIDATION_FAILED");
        assertThat(events(good)).contains("VALIDATED");

        DocumentChecks goodChecks = gw.gateway.services().documents().checks(good.get("id").asText());
        DocumentChecks badChecks = gw.gateway.services().documents().checks(bad.get("id").asText());
        assertThat(goodChecks.facturxSha256()).as("a valid Factur-X is kept as it arrived")
                .isEqualTo(gw.gateway.services().documents().findById(good.get("id").asText()).orElseThrow().originalSha256());
        assertThat(badChecks.cleanAndValid()).isFalse();

        HttpResponse<String> report = gw.get("/api/documents/" + bad.get("id").asText() + "/report", gw.keyA);
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = JSON.readTree(report.body());
        assertThat(body.get("valid").asBoolean()).isFalse();
        assertThat(body.get("findings")).anySatisfy(f -> {
            assertThat(f.get("layer").asText()).isEqualTo("SCHEMATRON");
            assertThat(f.get("ruleId").asText()).isEqualTo("FX-SCH-A-000555");
            assertThat(f.get("location").asText()).contains("TypeCode");
        });
        assertThat(body.get("findings")).noneSatisfy(f -> assertThat(f.get("layer").asText()).isEqualTo("PDFA"));
    }

    @Test
    void aCiiInvoiceIsValidatedAndGetsAGeneratedFacturXThatIsValidToo() throws Exception {
        Files.write(gw.purchaseFolder(SIREN_A).resolve("pipe.xml"), SampleInvoices.ciiXml("PIPE-CII-1"));

        JsonNode doc = awaitValidated("pipe.xml");
        String id = doc.get("id").asText();
        assertThat(doc.get("validation").get("valid").asBoolean()).isTrue();
        // the verdict waits for the Factur-X the document may be approved and archived with
        assertThat(gw.gateway.services().documents().checks(id).facturxSha256()).isNotNull();
        assertThat(doc.get("events").findValuesAsText("type")).containsSubsequence("RECEIVED", "FACTURX_GENERATED", "VALIDATED");

        HttpResponse<byte[]> facturx = gw.getBytes("/api/documents/" + id + "/facturx", gw.keyA);
        assertThat(facturx.statusCode()).isEqualTo(200);
        assertThat(facturx.headers().firstValue("Content-Type")).contains("application/pdf");
        ValidationReport generated = InvoiceValidator.shared().validate(facturx.body(), "pipe.facturx.pdf");
        assertThat(generated.valid()).as(generated.errorRuleIds().toString()).isTrue();
        assertThat(generated.container()).isEqualTo("PDF");
        assertThat(events(JSON.readTree(gw.get("/api/documents/" + id, gw.keyA).body()))).contains("FACTURX_GENERATED");
        assertThat(gw.getBytes("/api/documents/" + id + "/facturx", gw.keyB).statusCode()).isEqualTo(404);
    }

    /**
     * The facturx stage between the check of the original and the verdict, with its route stopped: the document waits
     * with its report and no verdict; a hand-off that comes twice (redelivered by the broker, queued again at a start)
     * to either stage changes nothing the second time.
     */
    @Test
    void anInvalidFacturXWaitsForItsGeneratedFacturXBeforeItsVerdictAndAHandOffThatComesTwiceChangesNothing()
            throws Exception {
        CamelContext camel = gw.gateway.camel();
        FacturXGeneration generation = camel.getRegistry().lookupByNameAndType("facturXGeneration", FacturXGeneration.class);
        DocumentValidation validation = camel.getRegistry().lookupByNameAndType("documentValidation", DocumentValidation.class);
        String id;
        camel.getRouteController().stopRoute("facturx-document");
        try {
            Files.write(gw.purchaseFolder(SIREN_A).resolve("waits.pdf"), TestInvoices.facturXWithInvalidXml("PIPE-WAITS-1"));
            String[] found = new String[1];
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                found[0] = documentNamed("waits.pdf");
                assertThat(found[0]).isNotNull();
                assertThat(checks(found[0]).validationReportSha256()).as("its report").isNotNull();
            });
            id = found[0];
            assertThat(checks(id).valid()).as("no verdict before its Factur-X").isNull();
            assertThat(validation.waitingForFacturX()).contains(id);
            assertThat(validation.unvalidated()).doesNotContain(id);
            assertThat(validation.validateFirst(id)).isEqualTo(DocumentValidation.Next.FACTURX);

            assertThat(generation.write(id)).isTrue();
            assertThat(generation.write(id)).isTrue();
            assertThat(validation.validateFirst(id)).isEqualTo(DocumentValidation.Next.VERDICT);
            // a second run records nothing: it only lets coherence and approval look again, the first may have died
            assertThat(validation.validateFirst(id)).isEqualTo(DocumentValidation.Next.EARLIER);
            assertThat(generation.write(id)).as("verdict recorded: nothing to hand on").isFalse();
        } finally {
            // the hand-off queued meanwhile finds the verdict and stops there
            camel.getRouteController().startRoute("facturx-document");
        }
        DocumentChecks checks = checks(id);
        assertThat(checks.valid()).isFalse();
        assertThat(checks.facturxSha256()).isNotNull()
                .isNotEqualTo(gw.gateway.services().documents().findById(id).orElseThrow().originalSha256());
        List<String> events = JSON.readTree(gw.get("/api/documents/" + id, gw.keyA).body()).get("events").findValuesAsText("type");
        assertThat(events).containsSubsequence("RECEIVED", "FACTURX_GENERATED", "VALIDATION_FAILED");
        assertThat(events.stream().filter("FACTURX_GENERATED"::equals)).hasSize(1);
        assertThat(events.stream().filter(e -> e.startsWith("VALIDAT"))).hasSize(1);
    }

    /** The whole purchase flow with no person: dropped, read, validated, approved (trusted supplier), sealed. */
    @Test
    void aValidInvoiceFromATrustedSupplierIsApprovedAndArchivedWithNoPerson() throws Exception {
        trustTheSamplesSeller();

        Files.write(gw.purchaseFolder(SIREN_A).resolve("trusted.pdf"), SampleInvoices.facturXPdf("PIPE-TRUSTED-1"));

        String[] id = {awaitStatus("trusted.pdf", "ARCHIVED")};
        JsonNode doc = JSON.readTree(gw.get("/api/documents/" + id[0], gw.keyA).body());
        assertThat(doc.get("status").asText()).isEqualTo("ARCHIVED");
        assertThat(doc.get("events").findValuesAsText("type")).containsSubsequence("RECEIVED", "VALIDATED", "APPROVED", "ARCHIVED");
        assertThat(doc.get("events").findValuesAsText("actor")).noneMatch(a -> a.startsWith("user:") || a.startsWith("api-key:"));
        JsonNode archive = JSON.readTree(gw.get("/api/dossiers/" + SIREN_A + "/archive", gw.keyA).body());
        assertThat(archive.toString()).contains("PIPE-TRUSTED-1");
    }

    /**
     * A node killed between the verdict and the approval (the two-node kill test once saw it): the hand-off comes again
     * (the broker redelivers, or it was still queued) and finds the verdict there; coherence and approval look again,
     * so the invoice does not wait for a person forever with "not validated yet".
     */
    @Test
    void aHandOffThatComesAgainAfterTheVerdictLetsTheApprovalLookAgain() throws Exception {
        trustTheSamplesSeller();
        CamelContext camel = gw.gateway.camel();
        DocumentValidation validation = camel.getRegistry().lookupByNameAndType("documentValidation", DocumentValidation.class);
        String id;
        camel.getRouteController().stopRoute("validation-document");
        try {
            Files.write(gw.purchaseFolder(SIREN_A).resolve("died.pdf"), SampleInvoices.facturXPdf("PIPE-DIED-1"));
            id = awaitStatus("died.pdf", "PENDING_APPROVAL");
            // the run that dies: its verdict recorded, the steps after it never run
            assertThat(validation.validateFirst(id)).isEqualTo(DocumentValidation.Next.VERDICT);
            assertThat(gw.gateway.services().documents().findById(id).orElseThrow().statusReason())
                    .contains("not validated yet");
        } finally {
            // the hand-off queued meanwhile comes now, as a redelivery would
            camel.getRouteController().startRoute("validation-document");
        }
        assertThat(awaitStatus("died.pdf", "ARCHIVED")).isEqualTo(id);
    }

    /** The samples' seller, trusted by dossier A (the samples' buyer), in approval mode EXCEPT_TRUSTED. */
    private void trustTheSamplesSeller() throws Exception {
        // earlier invoices may have created it already
        JsonNode known = JSON.readTree(gw.get("/api/dossiers/" + SIREN_A + "/suppliers?q=" + SampleInvoices.SELLER_SIREN,
                gw.keyA).body()).get("items");
        // with the IBAN its invoices give, entered by a person: an IBAN nobody confirmed keeps any invoice waiting
        String person = gw.login(TestGateway.ADMIN_EMAIL);
        String trustedWithIban = "{\"trusted\":true,\"iban\":\"" + SampleInvoices.SELLER_IBAN + "\"}";
        HttpResponse<String> trusted = known.isEmpty()
                ? gw.post("/api/dossiers/" + SIREN_A + "/suppliers", person, "{\"companyName\":\"Fournitures Lumière SARL\","
                        + "\"siren\":\"" + SampleInvoices.SELLER_SIREN + "\",\"trusted\":true,\"iban\":\""
                        + SampleInvoices.SELLER_IBAN + "\"}")
                : gw.patch("/api/parties/" + known.get(0).get("id").asText(), person, trustedWithIban);
        assertThat(trusted.statusCode()).as(trusted.body()).isIn(200, 201);
        assertThat(gw.put("/api/dossiers/" + SIREN_A + "/settings", gw.keyA,
                "{\"approvalMode\":\"EXCEPT_TRUSTED\"}").statusCode()).isEqualTo(200);
    }

    /** The id of the document of that name, once it has that status. */
    private String awaitStatus(String fileName, String status) {
        String[] id = new String[1];
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            for (JsonNode d : JSON.readTree(gw.get("/api/dossiers/" + SIREN_A + "/documents", gw.keyA).body())) {
                if (fileName.equals(d.get("fileName").asText())) {
                    id[0] = d.get("id").asText();
                    assertThat(d.get("status").asText()).isEqualTo(status);
                }
            }
            assertThat(id[0]).isNotNull();
        });
        return id[0];
    }

    @Test
    void theReportIsNotVisibleFromAnotherDossier() throws Exception {
        Files.write(gw.purchaseFolder(SIREN_A).resolve("tenant.pdf"), SampleInvoices.facturXPdf("PIPE-TENANT-1"));
        String id = awaitValidated("tenant.pdf").get("id").asText();

        assertThat(gw.get("/api/documents/" + id + "/report", gw.keyA).statusCode()).isEqualTo(200);
        HttpResponse<String> fromB = gw.get("/api/documents/" + id + "/report", gw.keyB);
        assertThat(fromB.statusCode()).isEqualTo(404);
        assertThat(fromB.body()).doesNotContain("findings");
        assertThat(gw.get("/api/documents/" + id + "/report", null).statusCode()).isEqualTo(401);
        assertThat(gw.get("/api/documents/no-such-document/report", gw.keyA).statusCode()).isEqualTo(404);
    }

    private DocumentChecks checks(String id) {
        return gw.gateway.services().documents().checks(id);
    }

    private String documentNamed(String fileName) throws Exception {
        for (JsonNode d : JSON.readTree(gw.get("/api/dossiers/" + SIREN_A + "/documents", gw.keyA).body())) {
            if (fileName.equals(d.get("fileName").asText())) {
                return d.get("id").asText();
            }
        }
        return null;
    }

    private JsonNode awaitValidated(String fileName) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            HttpResponse<String> list = gw.get("/api/dossiers/" + SIREN_A + "/documents", gw.keyA);
            JsonNode doc = null;
            for (JsonNode d : JSON.readTree(list.body())) {
                if (fileName.equals(d.get("fileName").asText())) {
                    doc = d;
                }
            }
            assertThat(doc).as("document " + fileName).isNotNull();
            assertThat(doc.get("validation").isNull()).as("validation of " + fileName).isFalse();
            found[0] = JSON.readTree(gw.get("/api/documents/" + doc.get("id").asText(), gw.keyA).body());
        });
        return found[0];
    }

    private static String events(JsonNode document) {
        return document.get("events").toString();
    }
}
