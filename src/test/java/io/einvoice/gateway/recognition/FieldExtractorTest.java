package io.einvoice.gateway.recognition;

import io.einvoice.gateway.facturx.SampleInvoices;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FieldExtractorTest {

    private static final DocumentRecognizer TEXT_ONLY = new DocumentRecognizer(
            new TesseractOcr("/nonexistent", "fra+eng", 1), RecognitionLimits.DEFAULT);

    @Test
    void datesInFrenchIsoAndGermanForms() {
        assertThat(Dates.find("Date : 12/03/2024")).extracting(Dates.Found::date).containsExactly(LocalDate.of(2024, 3, 12));
        assertThat(Dates.find("le 12 mars 2024")).extracting(Dates.Found::date).containsExactly(LocalDate.of(2024, 3, 12));
        assertThat(Dates.find("du 1er février 2024")).extracting(Dates.Found::date).containsExactly(LocalDate.of(2024, 2, 1));
        assertThat(Dates.find("2024-03-12")).extracting(Dates.Found::date).containsExactly(LocalDate.of(2024, 3, 12));
        assertThat(Dates.find("Datum 12.03.2024")).extracting(Dates.Found::date).containsExactly(LocalDate.of(2024, 3, 12));
        assertThat(Dates.find("March 12, 2024")).extracting(Dates.Found::date).containsExactly(LocalDate.of(2024, 3, 12));
        assertThat(Dates.find("31/02/2024 and 12/03/1850")).isEmpty();
    }

    @Test
    void amountsInFrenchEnglishAndGermanForms() {
        assertThat(Amounts.find("Total TTC 1 234,56 €")).extracting(Amounts.Found::value).containsExactly(new BigDecimal("1234.56"));
        assertThat(Amounts.find("Total 1,234.56 USD")).extracting(Amounts.Found::value).containsExactly(new BigDecimal("1234.56"));
        assertThat(Amounts.find("Summe 1.234,56")).extracting(Amounts.Found::value).containsExactly(new BigDecimal("1234.56"));
        assertThat(Amounts.find("24.99 5.00 29.99")).extracting(Amounts.Found::value)
                .containsExactly(new BigDecimal("24.99"), new BigDecimal("5.00"), new BigDecimal("29.99"));
        assertThat(Amounts.find("TVA 5,50 % le 12.03.2024")).isEmpty();
    }

    @Test
    void identifiersAreKeptOnlyWhenTheirCheckDigitsHold() {
        assertThat(Identifiers.sirens("SIREN 732 829 320")).extracting(Identifiers.Found::value).containsExactly("732829320");
        assertThat(Identifiers.sirens("SIREN 732 829 321")).isEmpty();
        assertThat(Identifiers.sirets("SIRET 732 829 320 00074")).extracting(Identifiers.Found::value).containsExactly("73282932000074");
        assertThat(Identifiers.frenchVat("TVA FR44 732 829 320")).extracting(Identifiers.Found::value).containsExactly("FR44732829320");
        assertThat(Identifiers.frenchVat("TVA FR45 732 829 320")).isEmpty();
        assertThat(Identifiers.ibans("IBAN FR76 3000 6000 0112 3456 7890 189 – BIC AGRIFRPPXXX"))
                .extracting(Identifiers.Found::value).containsExactly("FR7630006000011234567890189");
        assertThat(Identifiers.ibans("IBAN FR76 3000 6000 0112 3456 7890 188")).isEmpty();
    }

    @Test
    void aGermanCorrectiveInvoiceKeepsItsNegativeTotalsAndItsPaymentDeadline() throws Exception {
        RecognizedText text = TEXT_ONLY.recognize(TestFiles.textPdf("Lieferant GmbH", "Rechnungskorrektur Nr. RK-2018-7 vom 16.09.2018",
                "Rechnungssumme ohne USt. -7,67", "Steuerbetrag 1,12", "Bruttosumme -8,79",
                "Bitte \u00fcberweisen Sie bis zum 30.09.2018."));
        ExtractedInvoice e = new FieldExtractor().extract(text, null, keys -> List.of());

        assertThat(e.value(Field.NUMBER)).contains("RK-2018-7");
        assertThat(e.value(Field.ISSUE_DATE)).contains("2018-09-16");
        assertThat(e.value(Field.DUE_DATE)).contains("2018-09-30");
        // "ohne USt." names the base: the VAT is the amount labelled as tax, signed like the invoice
        assertThat(e.value(Field.TOTAL_EXCL_VAT)).contains("-7.67");
        assertThat(e.value(Field.TOTAL_VAT)).contains("-1.12");
        assertThat(e.value(Field.TOTAL_INCL_VAT)).contains("-8.79");
    }

    @Test
    void anItalianInvoiceIsReadWithItalianLabels() throws Exception {
        RecognizedText text = TEXT_ONLY.recognize(TestFiles.textPdf("Fornitore Srl", "Fattura n. 2024/118 del 12/03/2024",
                "Totale imponibile 100,00", "IVA 22% 22,00", "Totale fattura 122,00"));
        ExtractedInvoice e = new FieldExtractor().extract(text, null, keys -> List.of());

        assertThat(e.value(Field.NUMBER)).contains("2024/118");
        assertThat(e.value(Field.TOTAL_EXCL_VAT)).contains("100.00");
        assertThat(e.value(Field.TOTAL_VAT)).contains("22.00");
        assertThat(e.value(Field.TOTAL_INCL_VAT)).contains("122.00");
    }

    @Test
    void theSampleInvoiceWithoutXmlIsReadFromItsTextLayer() throws Exception {
        RecognizedText text = TEXT_ONLY.recognize(SampleInvoices.plainPdf());
        ExtractedInvoice e = new FieldExtractor().extract(text, SampleInvoices.BUYER_SIREN, keys -> List.of());

        assertThat(text.source()).isEqualTo(TextSource.PDF_TEXT);
        assertThat(e.value(Field.NUMBER)).contains(SampleInvoices.FACTURX_NUMBER);
        assertThat(e.value(Field.SELLER_NAME)).contains(SampleInvoices.SELLER_NAME);
        assertThat(e.value(Field.SELLER_SIREN)).contains(SampleInvoices.SELLER_SIREN);
        assertThat(e.value(Field.SELLER_VAT)).contains(SampleInvoices.SELLER_VAT);
        assertThat(e.value(Field.BUYER_SIREN)).contains(SampleInvoices.BUYER_SIREN);
        assertThat(e.value(Field.IBAN)).contains("FR7630006000011234567890189");
        assertThat(e.value(Field.BIC)).contains("AGRIFRPPXXX");
        assertThat(e.value(Field.ISSUE_DATE)).contains("2026-03-16");
        assertThat(e.value(Field.DUE_DATE)).contains("2026-04-15");
        assertThat(e.value(Field.CURRENCY)).contains("EUR");
        assertThat(e.value(Field.TOTAL_EXCL_VAT)).contains(SampleInvoices.TOTAL_EXCL_VAT);
        assertThat(e.value(Field.TOTAL_VAT)).contains(SampleInvoices.TOTAL_VAT);
        assertThat(e.value(Field.TOTAL_INCL_VAT)).contains(SampleInvoices.TOTAL_INCL_VAT);
        assertThat(e.vat()).extracting(v -> v.rate().stripTrailingZeros().toPlainString()).containsExactlyInAnyOrder("20", "5.5");
        assertThat(e.fields().get(Field.TOTAL_INCL_VAT).box().page()).isEqualTo(1);
        assertThat(e.fields().get(Field.TOTAL_INCL_VAT).box().y()).isBetween(0.3, 0.9);
        assertThat(e.doubts()).isEmpty();
    }

    @Test
    void totalsAreTheTripleThatAddsUp() throws Exception {
        RecognizedText text = TEXT_ONLY.recognize(TestFiles.textPdf("Facture N° F-77", "Date : 12 mars 2024",
                "Acompte versé 50,00", "Total HT 100,00", "Total 200,00", "TVA 20 % 20,00", "Total TTC 120,00"));
        ExtractedInvoice e = new FieldExtractor().extract(text, null, keys -> List.of());

        assertThat(e.value(Field.TOTAL_EXCL_VAT)).contains("100.00");
        assertThat(e.value(Field.TOTAL_VAT)).contains("20.00");
        assertThat(e.value(Field.TOTAL_INCL_VAT)).contains("120.00");
        assertThat(e.value(Field.ISSUE_DATE)).contains("2024-03-12");
    }

    @Test
    void aHintLearntFromACorrectionFindsTheNumberUnderTheSuppliersOwnLabel() throws Exception {
        String[] invoice = {"Atelier Dupont SARL", "SIREN 732 829 320", "FACTURE", "Pièce comptable : PC-2024-118",
                "Date : 12/03/2024", "Total HT 100,00", "TVA 20,00", "Total TTC 120,00"};
        RecognizedText first = TEXT_ONLY.recognize(TestFiles.textPdf(invoice));
        assertThat(new FieldExtractor().extract(first, null, keys -> List.of()).value(Field.NUMBER)).isEmpty();

        SupplierHint hint = CorrectionService.locate(Field.NUMBER, "PC-2024-118", first.lines());
        assertThat(hint.label()).isEqualTo("piece comptable");
        invoice[3] = "Pièce comptable : PC-2024-131";
        RecognizedText next = TEXT_ONLY.recognize(TestFiles.textPdf(invoice));
        ExtractedInvoice learnt = new FieldExtractor().extract(next, null,
                keys -> keys.siren().equals("732829320") ? List.of(hint) : List.of());

        assertThat(learnt.value(Field.NUMBER)).contains("PC-2024-131");
        assertThat(learnt.fields().get(Field.NUMBER).confidence()).isGreaterThanOrEqualTo(ExtractedInvoice.TRUSTED);
    }
}
