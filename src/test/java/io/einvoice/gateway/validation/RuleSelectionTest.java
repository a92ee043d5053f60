package io.einvoice.gateway.validation;

import org.junit.jupiter.api.Test;

import static io.einvoice.gateway.validation.ValidationArtefacts.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The profile decides the rules: raw EN 16931 rules never judge MINIMUM, BASIC WL or EXTENDED invoices. */
class RuleSelectionTest {

    @Test
    void eachFacturXProfileGetsItsOwnSchemaAndSchematron() {
        assertThat(cii("urn:factur-x.eu:1p0:minimum").schematrons()).containsExactly(FX_MINIMUM_SCH);
        assertThat(cii("urn:factur-x.eu:1p0:basicwl").schematrons()).containsExactly(FX_BASIC_WL_SCH);
        assertThat(cii("urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic").schematrons()).containsExactly(FX_BASIC_SCH);
        assertThat(cii("urn:cen.eu:en16931:2017").schematrons()).containsExactly(FX_EN16931_SCH);
        RuleSelection.Plan extended = cii("urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended");
        assertThat(extended.schema()).isEqualTo(FX_EXTENDED_XSD);
        assertThat(extended.schematrons()).containsExactly(FX_EXTENDED_SCH);
        assertThat(extended.problems()).isEmpty();
    }

    @Test
    void frenchSellerAndBuyerAddTheBrFrRules() {
        RuleSelection.Plan plan = RuleSelection.select("CrossIndustryInvoice", "urn:cen.eu:en16931:2017", "FR", "FR", true);
        assertThat(plan.schematrons()).containsExactly(FX_EN16931_SCH, BR_FR_CII_SCH);
        assertThat(RuleSelection.select("CrossIndustryInvoice", "urn:cen.eu:en16931:2017", "FR", "DE", true).schematrons())
                .containsExactly(FX_EN16931_SCH);
    }

    @Test
    void frenchUblGetsTheBrFrRulesForUblWhichMustangDoesNotRun() {
        RuleSelection.Plan plan = RuleSelection.select("Invoice", "urn:cen.eu:en16931:2017", "FR", "FR", false);
        assertThat(plan.schematrons()).containsExactly(CEN_UBL_SCH, BR_FR_UBL_SCH);
        assertThat(RuleSelection.select("CreditNote", "urn:cen.eu:en16931:2017", "FR", "BE", false).schematrons())
                .containsExactly(CEN_UBL_SCH);
    }

    @Test
    void theFrenchExtendedCtcFrProfileGetsItsOwnRulesInPlaceOfEn16931() {
        String ctcFr = "urn:cen.eu:en16931:2017#conformant#urn.cpro.gouv.fr:1p0:extended-ctc-fr";
        RuleSelection.Plan cii = RuleSelection.select("CrossIndustryInvoice", ctcFr, "FR", "FR", true);
        assertThat(cii.schema()).isEqualTo(FX_EXTENDED_XSD);
        assertThat(cii.schematrons()).containsExactly(EXTENDED_CTC_FR_CII_SCH, BR_FR_CII_SCH);
        assertThat(cii.problems()).isEmpty();
        RuleSelection.Plan ubl = RuleSelection.select("Invoice", ctcFr, "FR", "FR", false);
        assertThat(ubl.schematrons()).containsExactly(EXTENDED_CTC_FR_UBL_SCH, BR_FR_UBL_SCH);
        assertThat(ubl.problems()).isEmpty();
    }

    @Test
    void aCdarLifecycleMessageIsCheckedWithTheCdvRules() {
        RuleSelection.Plan plan = RuleSelection.select("CrossDomainAcknowledgementAndResponse",
                "urn.cpro.gouv.fr:1p0:CDV:invoice", "", "", false);
        assertThat(plan.syntax()).isEqualTo("CDAR");
        assertThat(plan.schematrons()).containsExactly(CDV_CDAR_SCH);
        assertThat(plan.problems()).isEmpty();
    }

    @Test
    void xrechnungGetsTheCenRulesAndItsOwnVersion() {
        RuleSelection.Plan plan = cii("urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0");
        assertThat(plan.schema()).isEqualTo(FX_EN16931_XSD);
        assertThat(plan.schematrons()).containsExactly(CEN_CII_SCH, "xslt/XR_30/XRechnung-CII-validation.xslt");
    }

    @Test
    void unknownProfilesAndUblInsideAPdfAreProblems() {
        assertThat(cii("urn:cen.eu:en16931:2017:compliant:factur-x.eu:1p0:basic").problems())
                .extracting(Finding::ruleId).containsExactly("UNSUPPORTED-PROFILE");
        assertThat(cii(null).problems()).extracting(Finding::ruleId).containsExactly("NO-PROFILE");
        RuleSelection.Plan ublInPdf = RuleSelection.select("Invoice", "urn:cen.eu:en16931:2017", "", "", true);
        assertThat(ublInPdf.problems()).extracting(Finding::ruleId).containsExactly("FX-CII-ONLY");
        assertThat(ublInPdf.schematrons()).containsExactly(CEN_UBL_SCH);
        assertThat(RuleSelection.select("CreditNote", "urn:cen.eu:en16931:2017", "", "", false).schema()).isEqualTo(UBL_CREDIT_NOTE_XSD);
        assertThat(RuleSelection.select("Order", null, "", "", false).problems()).extracting(Finding::ruleId)
                .containsExactly("UNSUPPORTED-ROOT");
    }

    @Test
    void zugferd1HasItsOwnRules() {
        RuleSelection.Plan plan = RuleSelection.select("CrossIndustryDocument", "urn:ferd:CrossIndustryDocument:invoice:1p0:comfort",
                "", "", true);
        assertThat(plan.syntax()).isEqualTo("ZUGFERD_1");
        assertThat(plan.schema()).isEqualTo(ZF1_XSD);
        assertThat(plan.schematrons()).containsExactly(ZF1_SCH);
        assertThat(plan.problems()).isEmpty();
    }

    private static RuleSelection.Plan cii(String profile) {
        return RuleSelection.select("CrossIndustryInvoice", profile, "DE", "DE", true);
    }
}
