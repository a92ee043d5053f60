package io.einvoice.gateway.validation;

import io.einvoice.gateway.facturx.SampleInvoices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** DOCTYPEs are refused before anything is expanded: XXE and entity bombs, bare and inside a Factur-X. */
class XmlAttackTest {

    static InvoiceValidator validator;

    @BeforeAll
    static void compile() {
        validator = InvoiceValidator.shared();
    }

    @Test
    void anExternalEntityInCiiIsRefusedWithoutBeingRead() throws Exception {
        byte[] xxe = TestInvoices.withDoctype(SampleInvoices.ciiXml("XXE-1"), TestInvoices.XXE_DOCTYPE, "&xxe;");

        ValidationReport report = validator.validate(xxe, "xxe.xml");

        assertRefused(report);
    }

    @Test
    void anEntityBombInUblIsRefusedWithoutBeingExpanded() throws Exception {
        byte[] bomb = TestInvoices.withDoctype(SampleInvoices.ublXml("BOMB-1"), TestInvoices.BOMB_DOCTYPE, "&i;");

        ValidationReport report = validator.validate(bomb, "bomb.xml");

        assertRefused(report);
        // 10^8 expanded characters would take seconds and hundreds of MB; refusing takes no time
        assertThat(report.millis()).isLessThan(2_000);
    }

    @Test
    void anExternalEntityInsideAFacturXAttachmentIsRefused() throws Exception {
        byte[] xxe = TestInvoices.withDoctype(SampleInvoices.ciiXml("XXE-2"), TestInvoices.XXE_DOCTYPE, "&xxe;");
        byte[] pdf = TestInvoices.facturX("XXE-2", xxe);

        ValidationReport report = validator.validate(pdf, "xxe.pdf");

        assertThat(report.container()).isEqualTo("PDF");
        assertRefused(report);
    }

    @Test
    void anEntityBombInsideAFacturXAttachmentIsRefused() throws Exception {
        byte[] bomb = TestInvoices.withDoctype(SampleInvoices.ciiXml("BOMB-2"), TestInvoices.BOMB_DOCTYPE, "&i;");

        ValidationReport report = validator.validate(TestInvoices.facturX("BOMB-2", bomb), "bomb.pdf");

        assertRefused(report);
    }

    private static void assertRefused(ValidationReport report) {
        assertThat(report.valid()).isFalse();
        assertThat(report.errorRuleIds()).contains("XML-DOCTYPE");
        // nothing of the entity made it into the report, and no rule set ran on it
        String json = new String(ReportJson.bytes(report), StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("root:x:0:0").doesNotContain("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        assertThat(report.ruleSets()).isEmpty();
    }
}
