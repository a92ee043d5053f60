package io.einvoice.gateway.validation;

import io.einvoice.gateway.facturx.DecompressionBombs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** `./gateway validate` and the validation step measure a PDF's streams before veraPDF or the XML read unpack them. */
class PdfBombValidationTest {

    @Test
    void aFacturXWhoseAttachmentInflatesToOneGibIsInvalidAsABombWithoutBeingUnpacked() throws Exception {
        byte[] bomb = DecompressionBombs.facturXWithInflatingAttachment(DecompressionBombs.ONE_GIB);

        ValidationReport report = InvoiceValidator.onDemand().validate(bomb, "bomb.pdf");

        assertThat(report.valid()).isFalse();
        assertThat(report.errorRuleIds()).containsExactly("PDF-INFLATION-LIMIT");
        assertThat(report.findings()).singleElement().extracting(Finding::message).asString()
                .startsWith("PDF refused as a decompression bomb: an embedded file (object ")
                .contains("GATEWAY_MAX_INFLATED_BYTES");
        assertThat(report.ruleSets()).isEmpty();
    }
}
