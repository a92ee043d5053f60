package io.einvoice.gateway.recognition;

import io.einvoice.gateway.invoice.InputLimitException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What PATCH /api/documents/{id} accepts as corrected values: bounded, and refused without being quoted. */
class CorrectionInputTest {

    @Test
    void aCorrectedTotalIsAPlainAmountInCents() {
        assertThat(CorrectionService.parse(Map.of("totalInclVat", " 120.1 "))).containsValue("120.10");
        for (String bomb : new String[] {"1e999999999", "1E+9", "120.105", "12345678901234"}) {
            assertThatThrownBy(() -> CorrectionService.parse(Map.of("totalInclVat", bomb)))
                    .isInstanceOf(InputLimitException.class)
                    .hasMessageStartingWith("totalInclVat must be a decimal number")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(bomb));
        }
    }

    @Test
    void aCorrectedTextIsWithinItsFieldsLimit() {
        assertThatThrownBy(() -> CorrectionService.parse(Map.of("sellerName", "B".repeat(5_000))))
                .hasMessage("sellerName has 5000 characters, at most 300 are accepted");
        assertThatThrownBy(() -> CorrectionService.parse(Map.of("issueDate", "not a date, quoted nowhere")))
                .hasMessage("issueDate must be an ISO date such as 2024-03-12");
    }

    @Test
    void anUnknownFieldIsNotQuoted() {
        assertThatThrownBy(() -> CorrectionService.parse(Map.of("<script>", "x")))
                .hasMessageStartingWith("a field to correct is not one of ").hasMessageNotContaining("<script>");
    }

    @Test
    void aCorrectedTypeIsAnInvoiceOrACreditNote() {
        assertThat(CorrectionService.parse(Map.of("typeCode", "381"))).containsEntry(Field.TYPE_CODE, "381");
        assertThat(CorrectionService.parse(Map.of("typeCode", " 380 "))).containsEntry(Field.TYPE_CODE, "380");
        assertThatThrownBy(() -> CorrectionService.parse(Map.of("typeCode", "<b>389</b>")))
                .hasMessage("typeCode must be 380 (invoice) or 381 (credit note)");
    }
}
