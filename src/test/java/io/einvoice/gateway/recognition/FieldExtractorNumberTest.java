package io.einvoice.gateway.recognition;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.einvoice.gateway.recognition.FieldExtractorPartiesTest.extract;
import static io.einvoice.gateway.recognition.FieldExtractorPartiesTest.line;
import static org.assertj.core.api.Assertions.assertThat;

/** The invoice number after its label, whatever stands between the document's title and its "Nr.". */
class FieldExtractorNumberTest {

    @Test
    void aTypeCodeBetweenTitleAndNumberLabelIsSkipped() {
        assertThat(number("Handelsrechnung (380) Nr. 471102 vom 05.03.2018")).isEqualTo("471102");
        assertThat(number("Mietrechnung (387) Nr. 9314110911/00/M/00/N vom 01.10.2018")).isEqualTo("9314110911/00/M/00/N");
        assertThat(number("Gutschrift (Selbst ausgestellte Rechnung) (389) Nr. 47110818 vom 31.10.2018")).isEqualTo("47110818");
        assertThat(number("Facture (380) N° FA-2017-0010 du 13/11/2017")).isEqualTo("FA-2017-0010");
    }

    @Test
    void whoIssuedTheDocumentMayStandBetweenTitleAndNumberLabel() {
        assertThat(number("Rechnung des Versicherers (575) Nr. 01.234.567.8-2018-1 vom 06.12.2018")).isEqualTo("01.234.567.8-2018-1");
    }

    @Test
    void aVoucherNumberLabelInAColumnOfLabels() {
        ExtractedInvoice e = extract(
                line(0.078, 0.07, "Lieferant", 0.35, "Käufer", 0.62, "W A R E N R E C H N U N G"),
                line(0.099, 0.07, "MUSTERLIEFERANT GMBH", 0.35, "MUSTER-KUNDE GMBH"),
                line(0.104, 0.62, "Beleg-Nr", 0.77, ": R87654321012345"),
                line(0.114, 0.62, "Beleg-Datum", 0.77, ": 06.08.2013"),
                line(0.162, 0.62, "Bestell-Nr", 0.77, ": B123456789"));

        assertThat(e.value(Field.NUMBER)).contains("R87654321012345");
        assertThat(e.value(Field.SELLER_NAME)).contains("MUSTERLIEFERANT GMBH");
        assertThat(e.value(Field.BUYER_NAME)).contains("MUSTER-KUNDE GMBH");
    }

    @Test
    void aTitleWordHeadingAColumnOfAHeaderRowHasTheNumberBelow() {
        ExtractedInvoice e = extract(
                line(0.335, 0.07, "Klant", 0.24, "Order", 0.53, "Factuur datum", 0.73, "Factuur", 0.84, "Vervaldatum"),
                line(0.350, 0.07, "SCONL0303006280999", 0.24, "SCONL000000444", 0.57, "8-9-2022", 0.69, "VF1005193039", 0.86, "22-9-2022"));

        assertThat(e.value(Field.NUMBER)).contains("VF1005193039");
        assertThat(e.value(Field.DUE_DATE)).contains("2022-09-22");
    }

    @Test
    void aNumberUnderABareTitleIsOnlyAGuessAndOneItsOwnLabelClaimsIsNot() {
        ExtractedInvoice claimed = extract(
                line(0.05, 0.60, "FACTURE"),
                line(0.07, 0.60, "Client : CL-4711"),
                line(0.30, 0.07, "Référence : F2025-0042"));
        assertThat(claimed.value(Field.NUMBER)).isNotEqualTo(java.util.Optional.of("CL-4711"));

        ExtractedInvoice labelled = extract(
                line(0.05, 0.60, "FACTURE"),
                line(0.07, 0.60, "REF-2025-7"),
                line(0.09, 0.07, "Facture N° : F2025-0042"));
        assertThat(labelled.value(Field.NUMBER)).contains("F2025-0042");

        // alone, the number under the title is still read, as a doubt for a person to check
        ExtractedInvoice alone = extract(line(0.05, 0.60, "FACTURE"), line(0.07, 0.60, "F2025-0042"));
        assertThat(alone.value(Field.NUMBER)).contains("F2025-0042");
        assertThat(alone.fields().get(Field.NUMBER).confidence()).isLessThan(ExtractedInvoice.TRUSTED);
    }

    @Test
    void aScansSpeckBetweenLabelAndValueColumnIsSkipped() {
        ExtractedInvoice e = extract(line(0.052, 0.07, "LOGO LE FOURNISSEUR", 0.50, "FACTURE N°: eo,", 0.79, "F20260027"));

        assertThat(e.value(Field.NUMBER)).contains("F20260027");
    }

    @Test
    void aShortWordOcrDoubtedBetweenLabelAndValueIsNoise() {
        assertThat(numberOf(ocrLine("FACTURE", 0.93, "N°", 0.91, "he", 0.31, ":", 0.45, "F20260030", 0.88))).contains("F20260030");
        // the same word read with confidence is a word of the invoice: no value right after the label
        assertThat(numberOf(ocrLine("FACTURE", 0.93, "N°", 0.91, "he", 0.95, ":", 0.45, "F20260030", 0.88))).isEmpty();
    }

    @Test
    void theDegreeSignOfNumberReadAsAQuoteStillMakesALabel() {
        assertThat(number("FACTURE N” : F20260029")).isEqualTo("F20260029");
        assertThat(number("Facture Nº F-2026-17")).isEqualTo("F-2026-17");
    }

    @Test
    void aNumberCutAfterItsSeparatorIsJoinedToTheNextWord() {
        assertThat(number("FACTURE N° : UC1_ 2023025 F")).isEqualTo("UC1_2023025");
        assertThat(number("Invoice No. 2024- 0117")).isEqualTo("2024-0117");
    }

    @Test
    void anOrderNumberAfterTheTitleIsNotTheInvoiceNumber() {
        assertThat(extract(line(0.1, 0.1, "Rechnung gemäß Bestellung Nr. B123456 vom 01.03.2013")).value(Field.NUMBER)).isEmpty();
    }

    /** One OCR line of words 0.008 wide per character, each with its confidence: word, confidence, word, ... */
    private static TextLine ocrLine(Object... wordsAndConfidences) {
        List<Word> words = new ArrayList<>();
        double x = 0.5;
        for (int i = 0; i < wordsAndConfidences.length; i += 2) {
            String w = (String) wordsAndConfidences[i];
            words.add(new Word(w, new Box(1, x, 0.05, 0.008 * w.length(), 0.008), (double) wordsAndConfidences[i + 1]));
            x += 0.008 * w.length() + 0.006;
        }
        return new TextLine(words);
    }

    private static java.util.Optional<String> numberOf(TextLine line) {
        return new FieldExtractor().extract(new RecognizedText(TextSource.OCR, 1, List.of(line), 0), null, keys -> List.of())
                .value(Field.NUMBER);
    }

    private static String number(String title) {
        return extract(line(0.1, 0.1, title)).value(Field.NUMBER).orElse(null);
    }
}
