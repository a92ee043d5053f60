package io.einvoice.gateway.recognition;

import io.einvoice.gateway.facturx.InvoiceReader;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.Totals;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.einvoice.gateway.recognition.FieldExtractorPartiesTest.line;
import static org.assertj.core.api.Assertions.assertThat;

/** The coherence check on the fields ingest recorded from a Factur-X's XML, against lines of visible text. */
class CoherenceCheckTest {

    private static Invoice xml;

    @BeforeAll
    static void readTheSample() throws Exception {
        xml = new InvoiceReader().read(SampleInvoices.facturXPdf("COH-1")).invoice();
    }

    @Test
    void theSamplesOwnPageAgreesWithItsXml() throws Exception {
        RecognizedText page = pageOf(SampleInvoices.facturXPdf("COH-1"));
        // the page does show what is compared: the agreement is checked, not vacuous
        String shown = page.lines().stream().map(TextLine::text).reduce("", (a, b) -> a + "\n" + b).replace(" ", "");
        assertThat(shown).contains(SampleInvoices.SELLER_SIREN).contains(SampleInvoices.SELLER_IBAN.replace(" ", ""));

        assertThat(CoherenceCheck.mismatches(xml, page)).isEmpty();
    }

    @Test
    void anotherIbanOnThePageIsNamedWithTheXmlOne() {
        String printed = "FR76 3000 4000 0312 3456 7890 143";
        List<String> reasons = CoherenceCheck.mismatches(xml, text(line(0.9, 0.1, "IBAN : " + printed)));

        assertThat(reasons).containsExactly("coherence: the XML's IBAN "
                + SampleInvoices.SELLER_IBAN.replace(" ", "") + " is not the one the PDF shows (FR7630004000031234567890143)");
    }

    @Test
    void anotherSirenOnThePageIsNamed() {
        List<String> reasons = CoherenceCheck.mismatches(xml, text(line(0.1, 0.1, "SIREN 552 100 554")));

        assertThat(reasons).containsExactly("coherence: the XML's seller SIREN " + SampleInvoices.SELLER_SIREN
                + " does not appear in the PDF (it shows 552100554)");
    }

    @Test
    void aTotalOnlyThePageHasIsNamedAsAnInvoicePrintsIt() {
        // the recorded column keeps six decimals
        Invoice recorded = new Invoice(xml.number(), xml.type(), xml.issueDate(), xml.dueDate(), xml.currency(), xml.seller(),
                xml.buyer(), new Totals(new BigDecimal("8002.000000"), null, new BigDecimal("9602.280000"), null), List.of());
        List<String> reasons = CoherenceCheck.mismatches(recorded, text(line(0.5, 0.1, "Total TTC 9 999,99 €")));

        assertThat(reasons).containsExactly(
                "coherence: the XML's total incl. VAT 9602.28 does not appear in the PDF's visible text",
                "coherence: the XML's total excl. VAT 8002.00 does not appear in the PDF's visible text");
    }

    @Test
    void aPageThatShowsNoAmountIbanOrSirenIsNotFlagged() {
        assertThat(CoherenceCheck.mismatches(xml, text(line(0.1, 0.1, "Merci de votre confiance")))).isEmpty();
    }

    private static RecognizedText text(TextLine... lines) {
        return new RecognizedText(TextSource.PDF_TEXT, 1, List.of(lines), 0);
    }

    /** The visible text of a PDF, as the coherence check reads it. */
    private static RecognizedText pageOf(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new RecognizedText(TextSource.PDF_TEXT, doc.getNumberOfPages(), PdfTextReader.read(doc, 1), 0);
        }
    }
}
