package io.einvoice.gateway.recognition;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.einvoice.gateway.recognition.FieldExtractorPartiesTest.extract;
import static io.einvoice.gateway.recognition.FieldExtractorPartiesTest.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Invoice lines read from an item table, and kept only when they add up to the cent. */
class LineItemsTest {

    /** A French item table: header, three rows (the first one's description runs on a second line), then the totals. */
    static TextLine[] frenchInvoice(String row2Amount, String totalExcl, String vat, String totalIncl, TextLine... more) {
        List<TextLine> lines = new java.util.ArrayList<>(List.of(
                line(0.40, 0.08, "Désignation", 0.52, "Qté", 0.60, "P.U. HT", 0.72, "Montant HT", 0.86, "TVA"),
                line(0.43, 0.08, "Maintenance annuelle chaudière", 0.53, "1", 0.60, "250,00", 0.72, "250,00", 0.86, "20 %"),
                line(0.445, 0.08, "gaz murale"),
                line(0.47, 0.08, "Pièces détachées", 0.53, "3", 0.60, "42,50", 0.72, row2Amount, 0.86, "20 %"),
                line(0.50, 0.08, "Déplacement", 0.53, "2", 0.60, "35,00", 0.72, "70,00", 0.86, "20 %")));
        lines.addAll(List.of(more));
        lines.addAll(List.of(
                line(0.62, 0.55, "Total HT", 0.72, totalExcl + " €"),
                line(0.64, 0.55, "TVA 20 %", 0.72, vat + " €"),
                line(0.66, 0.55, "Total TTC", 0.72, totalIncl + " €")));
        return lines.toArray(TextLine[]::new);
    }

    @Test
    void aFrenchTableIsReadIntoLinesThatAddUp() {
        ExtractedInvoice e = extract(frenchInvoice("127,50", "447,50", "89,50", "537,00"));

        assertThat(e.value(Field.TOTAL_EXCL_VAT)).contains("447.50");
        assertThat(e.lines()).extracting(ExtractedLine::name, l -> l.quantity().toPlainString(), l -> l.netPrice().toPlainString(),
                l -> l.netAmount().toPlainString(), l -> l.vatRate().toPlainString()).containsExactly(
                tuple("Maintenance annuelle chaudière gaz murale", "1", "250.00", "250.00", "20"),
                tuple("Pièces détachées", "3", "42.50", "127.50", "20"),
                tuple("Déplacement", "2", "35.00", "70.00", "20"));
    }

    @Test
    void linesWhoseSumIsNotTheTotalExclVatAreNotKept() {
        // a document-level discount under the table, which the lines do not show: 447.50 of lines, 437.50 excl. VAT
        ExtractedInvoice e = extract(frenchInvoice("127,50", "437,50", "87,50", "525,00",
                line(0.60, 0.55, "Remise commerciale", 0.72, "-10,00 €")));

        assertThat(e.value(Field.TOTAL_EXCL_VAT)).contains("437.50");
        assertThat(e.lines()).isEmpty();
    }

    @Test
    void aRowWhoseQuantityTimesPriceIsNotItsAmountKeepsNoLines() {
        // 3 × 42.50 = 127.50, the row says 120.00 (a discount it does not show); the sum still matches the total
        ExtractedInvoice e = extract(frenchInvoice("120,00", "440,00", "88,00", "528,00"));

        assertThat(e.value(Field.TOTAL_EXCL_VAT)).contains("440.00");
        assertThat(e.lines()).isEmpty();
    }

    @Test
    void aRowWithoutRateTakesTheInvoicesSingleRate() {
        ExtractedInvoice e = extract(
                line(0.40, 0.08, "Description", 0.52, "Qty", 0.60, "Unit price", 0.74, "Amount"),
                line(0.43, 0.08, "Consulting (days)", 0.53, "4", 0.60, "600.00", 0.74, "2,400.00"),
                line(0.46, 0.08, "Travel expenses", 0.53, "1", 0.60, "180.00", 0.74, "180.00"),
                line(0.60, 0.55, "Subtotal", 0.74, "2,580.00"),
                line(0.62, 0.55, "VAT 20%", 0.74, "516.00"),
                line(0.64, 0.55, "Total due", 0.74, "3,096.00"));

        assertThat(e.lines()).extracting(l -> l.netAmount().toPlainString(), l -> l.vatRate().toPlainString())
                .containsExactly(tuple("2400.00", "20"), tuple("180.00", "20"));
    }

    @Test
    void aHeaderOverSeveralLinesAndTheNetPriceNoteUnderTheRow() {
        // the French CTC visualisation: labels on three text lines, the net unit price noted under the row's numbers
        ExtractedInvoice e = extract(
                line(0.432, 0.228, "NOM & DESIGNATION,"),
                line(0.438, 0.729, "Remise (-)"),
                line(0.443, 0.609, "UNITÉ", 0.805, "TOTAL HT"),
                line(0.448, 0.082, "Ligne CODE ARTICLE,", 0.517, "P.U. HT (EUR)", 0.672, "Qté", 0.728, "Charge (+)", 0.883, "TVA"),
                line(0.497, 0.536, "(Brut: 40,00)"),
                line(0.502, 0.090, "1", 0.228, "SERVICE_FOURNI1 - Description", 0.607, "HEURE", 0.677, "200,00", 0.821, "8 000,00",
                        0.874, "20,00%"),
                line(0.508, 0.540, "(Net): 40,00"),
                line(0.743, 0.610, "Total HT", 0.821, "8 000,00"),
                line(0.760, 0.610, "TVA 20,00%", 0.821, "1 600,00"),
                line(0.777, 0.610, "Total TTC", 0.821, "9 600,00"));

        assertThat(e.lines()).extracting(ExtractedLine::name, l -> l.quantity().toPlainString(), l -> l.netPrice().toPlainString())
                .containsExactly(tuple("SERVICE_FOURNI1 - Description", "200.00", "40.00"));
    }

    @Test
    void numbersAreReadEveryWayTheirSeparatorsAllow() {
        assertThat(LineItems.readings("1.000")).extracting(java.math.BigDecimal::toPlainString).containsExactly("1.000", "1000");
        assertThat(LineItems.readings("2,5 h")).extracting(java.math.BigDecimal::toPlainString).containsExactly("2.5");
        assertThat(LineItems.readings("1 234,56")).extracting(java.math.BigDecimal::toPlainString).containsExactly("1234.56");
        assertThat(LineItems.readings("2 x 3")).isEmpty();
    }
}
