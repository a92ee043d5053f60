package io.einvoice.gateway.recognition;

import io.einvoice.gateway.invoice.InvoiceType;
import org.junit.jupiter.api.Test;

import static io.einvoice.gateway.recognition.FieldExtractorPartiesTest.extract;
import static io.einvoice.gateway.recognition.FieldExtractorPartiesTest.line;
import static org.assertj.core.api.Assertions.assertThat;

/** A credit note ("Avoir") is type 381 with its totals positive; an invoice has no type read and stays 380. */
class FieldExtractorTypeCodeTest {

    @Test
    void anAvoirIsACreditNoteWithPositiveTotalsEvenWhenThePagePrintsThemNegative() {
        ExtractedInvoice e = extract(
                line(0.05, 0.55, "AVOIR N° :", 0.80, "A2025-0011"),
                line(0.60, 0.55, "Total HT", 0.85, "-100,00"),
                line(0.62, 0.55, "TVA 20 %", 0.85, "-20,00"),
                line(0.64, 0.55, "Total TTC", 0.85, "-120,00"));

        assertThat(e.value(Field.TYPE_CODE)).contains("381");
        assertThat(e.value(Field.NUMBER)).contains("A2025-0011");
        assertThat(e.value(Field.TOTAL_EXCL_VAT)).contains("100.00");
        assertThat(e.value(Field.TOTAL_VAT)).contains("20.00");
        assertThat(e.value(Field.TOTAL_INCL_VAT)).contains("120.00");
        assertThat(ExtractedInvoiceMapper.toInvoice(e).type()).isEqualTo(InvoiceType.CREDIT_NOTE);
    }

    @Test
    void aNoteDeCreditIsACreditNoteToo() {
        assertThat(extract(line(0.05, 0.55, "Note de crédit n° NC-7")).value(Field.TYPE_CODE)).contains("381");
    }

    @Test
    void theVerbAvoirOrAnAvoirQuotedInTheFooterDoesNotMakeACreditNote() {
        ExtractedInvoice e = extract(
                line(0.05, 0.55, "FACTURE N° :", 0.80, "F2025-0011"),
                line(0.30, 0.10, "Merci de nous avoir choisis"),
                line(0.90, 0.10, "Avoir n° A2024-3 déduit du montant"));

        assertThat(e.value(Field.TYPE_CODE)).isEmpty();
        assertThat(ExtractedInvoiceMapper.toInvoice(e).type()).isEqualTo(InvoiceType.INVOICE);
    }
}
