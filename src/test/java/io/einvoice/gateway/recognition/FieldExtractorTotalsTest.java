package io.einvoice.gateway.recognition;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.einvoice.gateway.recognition.FieldExtractorPartiesTest.extract;
import static io.einvoice.gateway.recognition.FieldExtractorPartiesTest.line;
import static org.assertj.core.api.Assertions.assertThat;

/** Totals whose labels hold a tax word: the total with the tax, the base, or the tax itself. */
class FieldExtractorTotalsTest {

    @Test
    void aTotalInclusiveOfTaxIsNotTheTax() {
        ExtractedInvoice e = extract(
                line(0.65, 0.09, "Summe netto: 496,00 €"),
                line(0.67, 0.09, "Zuzügl. USt: 75,04 €"),
                line(0.70, 0.09, "Bitte überweisen Sie bis zum 24.07.2014:"),
                line(0.72, 0.09, "Summe inkl. USt: 571,04 €"));

        assertThat(e.value(Field.TOTAL_EXCL_VAT)).contains("496.00");
        assertThat(e.value(Field.TOTAL_VAT)).contains("75.04");
        assertThat(e.value(Field.TOTAL_INCL_VAT)).contains("571.04");
    }

    @Test
    void theTaxAfterItsBaseOnATaxBaseLine() {
        ExtractedInvoice e = extract(
                line(0.43, 0.10, "Rechnungssumme Netto (excl. USt.)", 0.86, "198,00"),
                line(0.45, 0.10, "Steuerbasisbetrag USt. 19%", 0.79, "198,00 37,62"),
                line(0.47, 0.10, "Rechnungssumme Brutto (inkl. USt.)", 0.86, "235,62"));

        assertThat(e.value(Field.TOTAL_EXCL_VAT)).contains("198.00");
        assertThat(e.value(Field.TOTAL_VAT)).contains("37.62");
        assertThat(e.value(Field.TOTAL_INCL_VAT)).contains("235.62");
    }

    @Test
    void dueAndPayableNamesTheTotalToPay() {
        ExtractedInvoice e = extract(
                line(0.59, 0.10, "Net total: 496.00 €"),
                line(0.69, 0.26, "VAT total: 75.04 €"),
                line(0.71, 0.10, "Due payable: 571.04 €"));

        assertThat(e.value(Field.TOTAL_INCL_VAT)).contains("571.04");
    }

    @Test
    void theTaxIncludedInATotalOnTheSameLineIsStillTheTax() {
        ExtractedInvoice e = extract(
                line(0.60, 0.10, "Total HT 100,00"),
                line(0.62, 0.10, "Total TTC 120,00 dont TVA 20,00"));

        assertThat(e.value(Field.TOTAL_VAT)).contains("20.00");
        assertThat(e.value(Field.TOTAL_INCL_VAT)).contains("120.00");
    }

    @Test
    void dutchTotalsAreReadWithDutchLabels() {
        ExtractedInvoice e = extract(
                line(0.691, 0.10, "Exclusief BTW", 0.25, "€ 593,36", 0.72, "Subtotaal", 0.87, "€ 717,97"),
                line(0.704, 0.14, "BTW 21%", 0.25, "€ 124,61"),
                line(0.717, 0.73, "Totaal", 0.87, "€ 717,97"));

        assertThat(e.value(Field.TOTAL_EXCL_VAT)).contains("593.36");
        assertThat(e.value(Field.TOTAL_VAT)).contains("124.61");
        assertThat(e.value(Field.TOTAL_INCL_VAT)).contains("717.97");
    }

    @Test
    void aColumnOfTaxBasesIsNotTheTax() {
        ExtractedInvoice e = extract(
                line(0.521, 0.58, "BTW %", 0.66, "Grondslag", 0.80, "BTW bedrag", 0.88, "Totaal"),
                line(0.534, 0.60, "21 %", 0.69, "41,31", 0.80, "8,68", 0.89, "49,99"));

        assertThat(e.value(Field.TOTAL_VAT)).isNotEqualTo(Optional.of("41.31"));
    }
}
