package io.einvoice.gateway.validation;

import io.einvoice.gateway.facturx.SampleInvoices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The validator on the project's own samples and on files broken on purpose, layer by layer. */
class InvoiceValidatorTest {

    static InvoiceValidator validator;

    @BeforeAll
    static void compile() {
        validator = InvoiceValidator.shared();
    }

    @Test
    void theFacturXSampleIsValidInEveryLayer() throws Exception {
        ValidationReport report = validator.validate(SampleInvoices.facturXPdf("V-1"), "fx.pdf");

        assertThat(report.findings()).filteredOn(f -> f.severity() == Severity.ERROR).isEmpty();
        assertThat(report.valid()).isTrue();
        assertThat(report.container()).isEqualTo("PDF");
        assertThat(report.syntax()).isEqualTo("CII");
        assertThat(report.profile()).isEqualTo("urn:cen.eu:en16931:2017");
        // French seller and buyer: the BR-FR rules run after the Factur-X EN 16931 ones
        assertThat(report.ruleSets()).containsExactly(ValidationArtefacts.FX_EN16931_XSD, ValidationArtefacts.FX_EN16931_SCH,
                ValidationArtefacts.BR_FR_CII_SCH);
    }

    @Test
    void theCiiAndUblSamplesAreValid() throws Exception {
        ValidationReport cii = validator.validate(SampleInvoices.ciiXml("V-2"), "cii.xml");
        ValidationReport ubl = validator.validate(SampleInvoices.ublXml("V-3"), "ubl.xml");

        assertThat(cii.valid()).as("%s", cii.findings()).isTrue();
        assertThat(cii.container()).isEqualTo("XML");
        assertThat(ubl.valid()).as("%s", ubl.findings()).isTrue();
        assertThat(ubl.syntax()).isEqualTo("UBL");
        // French seller and buyer: the BR-FR rules for UBL run after the CEN ones
        assertThat(ubl.ruleSets()).containsExactly(ValidationArtefacts.UBL_INVOICE_XSD, ValidationArtefacts.CEN_UBL_SCH,
                ValidationArtefacts.BR_FR_UBL_SCH);
    }

    @Test
    void aFrenchUblInvoiceBreakingABrFrRuleGetsItsFinding() throws Exception {
        String number = "BR-FR-" + "X".repeat(40);
        ValidationReport report = validator.validate(SampleInvoices.ublXml(number), "long-number.xml");

        // the FNFE publish BR-FR-01 (number of at most 35 characters) as a warning: reported, the verdict stays valid
        assertThat(report.findings()).anySatisfy(f -> {
            assertThat(f.source()).isEqualTo(ValidationArtefacts.BR_FR_UBL_SCH);
            assertThat(f.ruleId()).startsWith("BR-FR-01");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("35");
        });
        assertThat(validator.validate(SampleInvoices.ublXml("BR-FR-OK-1"), "ok.xml").findings())
                .noneMatch(f -> f.ruleId() != null && f.ruleId().startsWith("BR-FR-01"));
    }

    @Test
    void aCdarLifecycleStatusIsCheckedWithTheCdvRules() throws Exception {
        ValidationReport approved = validator.validate(TestInvoices.cdarApproved("FA-2026-0001"), "cdv-205.xml");
        assertThat(approved.valid()).as("%s", approved.findings()).isTrue();
        assertThat(approved.findings()).as("%s", approved.findings()).isEmpty();
        assertThat(approved.syntax()).isEqualTo("CDAR");
        assertThat(approved.ruleSets()).containsExactly(ValidationArtefacts.CDV_CDAR_SCH);

        // status 207 (disputed) needs a reason code (BR-FR-CDV-15); 999 is no status at all (BR-FR-CDV-CL-06);
        // the FNFE publish every CDV rule as a warning
        for (String status : new String[] {"207", "999"}) {
            String cdar = new String(TestInvoices.cdarApproved("FA-2026-0002"), StandardCharsets.UTF_8)
                    .replace("<ram:ProcessConditionCode>205</ram:ProcessConditionCode>",
                            "<ram:ProcessConditionCode>" + status + "</ram:ProcessConditionCode>");
            ValidationReport flagged = validator.validate(cdar.getBytes(StandardCharsets.UTF_8), "cdv-" + status + ".xml");
            assertThat(flagged.findings()).as(status).anySatisfy(f -> {
                assertThat(f.source()).isEqualTo(ValidationArtefacts.CDV_CDAR_SCH);
                assertThat(f.ruleId()).startsWith(status.equals("207") ? "BR-FR-CDV-15" : "BR-FR-CDV-CL-06");
                assertThat(f.severity()).isEqualTo(Severity.WARNING);
            });
        }
    }

    @Test
    void aBusinessRuleFailureIsAFindingWithRuleIdAndXPath() throws Exception {
        ValidationReport report = validator.validate(TestInvoices.ciiWithUnknownTypeCode("BAD-1"), "bad.xml");

        assertThat(report.valid()).isFalse();
        assertThat(report.errors()).isPositive();
        // the Factur-X schematron carries the EN 16931 rules under its own ids: BR-CL-01 is FX-SCH-A-000555 there
        Finding typeCode = report.findings().stream().filter(f -> "FX-SCH-A-000555".equals(f.ruleId())).findFirst().orElseThrow();
        assertThat(typeCode.layer()).isEqualTo(Layer.SCHEMATRON);
        assertThat(typeCode.severity()).isEqualTo(Severity.ERROR);
        assertThat(typeCode.location()).contains("ExchangedDocument").contains("TypeCode");
        assertThat(typeCode.source()).isEqualTo(ValidationArtefacts.FX_EN16931_SCH);
    }

    @Test
    void anExtendedCtcFrInvoiceIsJudgedByTheFrenchExtendedRules() throws Exception {
        String ctcFr = ">urn:cen.eu:en16931:2017#conformant#urn.cpro.gouv.fr:1p0:extended-ctc-fr<";
        String good = new String(SampleInvoices.ciiXml("CTC-1"), StandardCharsets.UTF_8).replace(">urn:cen.eu:en16931:2017<", ctcFr);
        String bad = new String(TestInvoices.ciiWithUnknownTypeCode("CTC-2"), StandardCharsets.UTF_8)
                .replace(">urn:cen.eu:en16931:2017<", ctcFr);

        ValidationReport valid = validator.validate(good.getBytes(StandardCharsets.UTF_8), "ctc-fr.xml");
        ValidationReport invalid = validator.validate(bad.getBytes(StandardCharsets.UTF_8), "ctc-fr-bad.xml");

        assertThat(valid.valid()).as("%s", valid.findings()).isTrue();
        assertThat(valid.ruleSets()).contains(ValidationArtefacts.FX_EXTENDED_XSD, ValidationArtefacts.EXTENDED_CTC_FR_CII_SCH)
                .doesNotContain(ValidationArtefacts.FX_EXTENDED_SCH, ValidationArtefacts.FX_EN16931_SCH);
        assertThat(invalid.valid()).isFalse();
        assertThat(invalid.findings()).anySatisfy(f -> {
            assertThat(f.source()).isEqualTo(ValidationArtefacts.EXTENDED_CTC_FR_CII_SCH);
            assertThat(f.ruleId()).isEqualTo("BR-CL-01");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
        });
    }

    @Test
    void aSchemaViolationIsAnXsdFindingWithLineAndColumn() throws Exception {
        String cii = new String(SampleInvoices.ciiXml("XSD-1"), StandardCharsets.UTF_8)
                .replaceFirst("<ram:TypeCode>380</ram:TypeCode>", "<ram:TypeCode>380</ram:TypeCode><ram:Unknown>x</ram:Unknown>");
        ValidationReport report = validator.validate(cii.getBytes(StandardCharsets.UTF_8), "xsd.xml");

        assertThat(report.valid()).isFalse();
        assertThat(report.findings()).anySatisfy(f -> {
            assertThat(f.layer()).isEqualTo(Layer.XSD);
            assertThat(f.location()).startsWith("line ");
            assertThat(f.message()).contains("Unknown");
        });
    }

    @Test
    void aFacturXWithInvalidXmlIsInvalidInTheDataButValidAsAContainer() throws Exception {
        ValidationReport report = validator.validate(TestInvoices.facturXWithInvalidXml("BAD-2"), "bad.pdf");

        assertThat(report.valid()).isFalse();
        assertThat(report.containerValid()).as("%s", report.findings()).isTrue();
        assertThat(report.dataValid()).isFalse();
        assertThat(report.errorRuleIds()).contains("FX-SCH-A-000555");
    }

    @Test
    void aPdfWithoutInvoiceDataIsInvalidAndSaysWhy() throws Exception {
        ValidationReport report = validator.validate(SampleInvoices.plainPdf(), "plain.pdf");

        assertThat(report.valid()).isFalse();
        assertThat(report.errorRuleIds()).contains("NO-INVOICE-XML", "XMP-ConformanceLevel");
        assertThat(report.syntax()).isNull();
    }

    @Test
    void aDamagedPdfIsInvalidAndSaysWhy() throws Exception {
        ValidationReport report = validator.validate(SampleInvoices.brokenPdf(), "broken.pdf");

        assertThat(report.valid()).isFalse();
        assertThat(report.findings()).anySatisfy(f -> assertThat(f.layer()).isEqualTo(Layer.PDFA));
        assertThat(report.containerValid()).isFalse();
    }

    @Test
    void filesThatAreNoInvoiceAreInvalidNotErrors() throws Exception {
        assertThat(validator.validate(new byte[0], "empty").errorRuleIds()).containsExactly("TOO-SMALL");
        assertThat(validator.validate("this is a plain text file, not an invoice at all".getBytes(StandardCharsets.UTF_8), "a.txt")
                .errorRuleIds()).containsExactly("NOT-PDF-NOR-XML");
        assertThat(validator.validate("<note><to>someone</to><body>not an invoice</body></note>".getBytes(StandardCharsets.UTF_8), "n.xml")
                .errorRuleIds()).containsExactly("UNSUPPORTED-ROOT");
        assertThat(validator.validate("<rsm:CrossIndustryInvoice xmlns:rsm='x'><unclosed></rsm:CrossIndustryInvoice>"
                .getBytes(StandardCharsets.UTF_8), "b.xml").errorRuleIds()).containsExactly("XML-NOT-WELL-FORMED");
    }

    @Test
    void theReportSerialisesWithEveryFieldOfAFinding() throws Exception {
        ValidationReport report = validator.validate(TestInvoices.ciiWithUnknownTypeCode("JSON-1"), "bad.xml");
        String json = new String(ReportJson.bytes(report), StandardCharsets.UTF_8);

        assertThat(json).contains("\"valid\" : false", "\"layer\" : \"SCHEMATRON\"", "\"ruleId\" : \"FX-SCH-A-000555\"",
                "\"severity\" : \"ERROR\"", "\"location\" : ", "\"message\" : ");
    }
}
