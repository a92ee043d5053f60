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

    @Test
    void aTotalsBoxTakesTheHeaderNearestAboveNotTheItemTablesHeader() {
        ExtractedInvoice e = extract(
                line(0.40, 0.10, "Désignation", 0.55, "Qté", 0.70, "Montant TVA"),
                line(0.43, 0.10, "Service A", 0.55, "2,00", 0.70, "20,00"),
                line(0.60, 0.55, "TOTAL HT", 0.70, "TOTAL TVA", 0.85, "TOTAL TTC"),
                line(0.62, 0.55, "100,00", 0.70, "20,00", 0.85, "120,00"));

        assertThat(e.value(Field.TOTAL_EXCL_VAT)).contains("100.00");
        assertThat(e.value(Field.TOTAL_VAT)).contains("20.00");
        assertThat(e.value(Field.TOTAL_INCL_VAT)).contains("120.00");
    }

    @Test
    void aHeaderCellOnTwoLinesKeepsItsLabel() {
        ExtractedInvoice e = extract(
                line(0.60, 0.55, "TOTAL HT", 0.70, "TVA", 0.85, "TOTAL TTC"),
                line(0.61, 0.55, "(EUR)", 0.70, "(EUR)", 0.85, "(EUR)"),
                line(0.63, 0.55, "100,00", 0.70, "20,00", 0.85, "120,00"));

        assertThat(e.value(Field.TOTAL_EXCL_VAT)).contains("100.00");
        assertThat(e.value(Field.TOTAL_INCL_VAT)).contains("120.00");
    }

    @Test
    void labelsOcrGluedToTotalAreStillRead() {
        ExtractedInvoice e = extract(
                line(0.60, 0.55, "TOTALHT", 0.85, "1 250,00"),
                line(0.62, 0.55, "TVA 20%", 0.85, "250,00"),
                line(0.64, 0.55, "TOTALTTC", 0.85, "1 500,00"));

        assertThat(e.value(Field.TOTAL_EXCL_VAT)).contains("1250.00");
        assertThat(e.value(Field.TOTAL_INCL_VAT)).contains("1500.00");
    }

    @Test
    void aUnitPriceColumnIsNeverATotal() {
        ExtractedInvoice e = extract(
                line(0.40, 0.10, "Désignation", 0.50, "P.U. HT", 0.65, "Qté", 0.80, "Montant HT"),
                line(0.43, 0.10, "Service A", 0.50, "400,00", 0.65, "5,00", 0.80, "2 000,00"),
                line(0.60, 0.60, "Prix unitaire HT moyen : 400,00"),
                line(0.62, 0.60, "TVA 20 % : 400,00"),
                line(0.64, 0.60, "Net à payer : 2 400,00"));

        assertThat(e.value(Field.TOTAL_EXCL_VAT)).contains("2000.00");
        assertThat(e.value(Field.TOTAL_INCL_VAT)).contains("2400.00");
    }

    @Test
    void theTotalsThatAddUpWinOverABetterPlacedOneThatDoesNot() {
        ExtractedInvoice e = extract(
                line(0.55, 0.55, "Total HT", 0.85, "100,00"),
                line(0.57, 0.55, "TVA 20 %", 0.85, "20,00"),
                line(0.59, 0.55, "Total TTC", 0.85, "120,00"),
                // a late, well-labelled total that nothing adds up to (an OCR misread of the same total)
                line(0.80, 0.55, "Total à payer TTC", 0.85, "126,00"));

        assertThat(e.value(Field.TOTAL_INCL_VAT)).contains("120.00");
    }

    @Test
    void withoutAReadableTaxTheTotalsThatAgreeAtAUsualRateWin() {
        ExtractedInvoice e = extract(
                line(0.55, 0.55, "Sous-total HT", 0.85, "9 000,00"),
                line(0.60, 0.55, "Total HT", 0.85, "10 000,00"),
                line(0.62, 0.55, "TVA 20 %", 0.85, "2 0O0,0O"),
                line(0.64, 0.55, "Total TTC", 0.85, "12 000,00"));

        assertThat(e.value(Field.TOTAL_EXCL_VAT)).contains("10000.00");
        assertThat(e.value(Field.TOTAL_INCL_VAT)).contains("12000.00");
    }
}
