package io.einvoice.gateway.validation;

import io.einvoice.gateway.facturx.SampleInvoices;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every schema and schematron the rule selection can name is on the class path and compiles, at once or on demand. */
class ValidationArtefactsTest {

    @Test
    void everyArtefactExistsAndCompiles() {
        for (String name : ValidationArtefacts.schemaNames()) {
            assertThat(getClass().getClassLoader().getResource(name)).as(name).isNotNull();
        }
        for (String name : ValidationArtefacts.stylesheetNames()) {
            assertThat(getClass().getClassLoader().getResource(name)).as(name).isNotNull();
        }

        InvoiceValidator validator = InvoiceValidator.shared();

        assertThat(validator.artefactCount())
                .isEqualTo(ValidationArtefacts.schemaNames().size() + ValidationArtefacts.stylesheetNames().size())
                .isEqualTo(33);
    }

    @Test
    void onDemandCompilesOnlyWhatTheFileNeedsAndJudgesAlike() throws Exception {
        InvoiceValidator onDemand = InvoiceValidator.onDemand();
        assertThat(onDemand.artefactCount()).isZero();

        ValidationReport report = onDemand.validate(SampleInvoices.ciiXml("OD-1"), "cii.xml");

        assertThat(report.valid()).as("%s", report.findings()).isTrue();
        assertThat(onDemand.artefactCount()).isEqualTo(report.ruleSets().size()).isLessThan(33);
        ValidationReport broken = onDemand.validate(TestInvoices.ciiWithUnknownTypeCode("OD-2"), "broken.xml");
        assertThat(broken.valid()).isFalse();
        assertThat(broken.errorRuleIds())
                .isEqualTo(InvoiceValidator.shared().validate(TestInvoices.ciiWithUnknownTypeCode("OD-2"), "broken.xml").errorRuleIds());
    }
}
