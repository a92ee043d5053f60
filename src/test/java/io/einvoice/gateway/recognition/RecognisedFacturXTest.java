package io.einvoice.gateway.recognition;

import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.facturx.FacturXResult;
import io.einvoice.gateway.facturx.FacturXWriter;
import io.einvoice.gateway.facturx.InvoiceReader;
import io.einvoice.gateway.facturx.MustangVerdict;
import io.einvoice.gateway.facturx.PdfA3Readiness;
import io.einvoice.gateway.facturx.Profile;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.invoice.ElectronicAddress;
import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.Note;
import io.einvoice.gateway.validation.InvoiceValidator;
import io.einvoice.gateway.validation.ValidationReport;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A scan read by OCR becomes a Factur-X (BASIC WL: no lines read) that the gateway's validator and Mustang's both
 * accept, with the scan as its visual part and the recognised fields in its XML.
 */
class RecognisedFacturXTest {

    private static final TesseractOcr OCR = TesseractOcr.fromEnvironment(1);
    private static final RecognitionLimits LIMITS = new RecognitionLimits(100, 100_000_000L);
    private static final Dossier BUYER = new Dossier("d1", "f1", SampleInvoices.BUYER_SIREN, null, "DEMONSTRATION SAS",
            SampleInvoices.BUYER_VAT, 12, "ACTIVE", false);

    @AfterAll
    static void close() {
        OCR.close();
    }

    @Test
    void aScannedInvoiceBecomesAFacturXBothValidatorsAccept() throws Exception {
        byte[] scan = TestFiles.png(TestFiles.scan(SampleInvoices.plainPdf(), 0));
        RecognizedText text = new DocumentRecognizer(OCR, LIMITS).recognize(scan);
        ExtractedInvoice extracted = new FieldExtractor().extract(text, SampleInvoices.BUYER_SIREN, keys -> List.of());
        Invoice invoice = FacturXInvoice.of(extracted, BUYER, LegalMentions.of(text.lines()));

        VisualPdf.Result visual = VisualPdf.of(scan, LIMITS, text.rotations());
        FacturXResult result = new FacturXWriter().toFacturX(visual.pdf(), invoice, Profile.BASIC_WL);

        assertThat(result.originalKept()).as(result.originalProblems().toString()).isTrue();
        try (PDDocument pdf = Loader.loadPDF(result.pdf())) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            assertThat(pdf.getPage(0).getResources().getXObjectNames())
                    .anySatisfy(name -> assertThat(pdf.getPage(0).getResources().getXObject(name)).isInstanceOf(PDImageXObject.class));
        }
        ValidationReport ours = InvoiceValidator.shared().validate(result.pdf(), "scan.facturx.pdf");
        assertThat(ours.valid()).as(ours.findings().toString()).isTrue();
        assertThat(ours.profile()).isEqualTo(Profile.BASIC_WL.guideline());
        // the page's penalties, indemnity and discount mentions are the notes the French rules look for
        assertThat(ours.findings()).noneMatch(f -> f.ruleId() != null && f.ruleId().startsWith("BR-FR-05"));
        // both parties reachable at their SIREN's directory line (BR-FR-12/13), and no element written empty
        assertThat(ours.findings()).as(ours.findings().toString())
                .noneMatch(f -> f.ruleId() != null && (f.ruleId().startsWith("BR-FR-12") || f.ruleId().startsWith("BR-FR-13")
                        || f.ruleId().equals("PEPPOL-R008")));
        MustangVerdict mustang = MustangVerdict.of(result.pdf(), "scan.facturx.pdf");
        assertThat(mustang.valid()).as(mustang.errors().toString()).isTrue();

        Invoice back = new InvoiceReader().read(result.pdf()).invoice();
        assertThat(back.number()).isEqualTo(SampleInvoices.FACTURX_NUMBER);
        assertThat(back.seller().siren()).isEqualTo(SampleInvoices.SELLER_SIREN);
        assertThat(back.buyer().siren()).isEqualTo(SampleInvoices.BUYER_SIREN);
        assertThat(back.seller().electronicAddress()).isEqualTo(new ElectronicAddress("0225", SampleInvoices.SELLER_SIREN));
        assertThat(back.buyer().electronicAddress()).isEqualTo(new ElectronicAddress("0225", SampleInvoices.BUYER_SIREN));
        assertThat(back.totals().inclVat()).isEqualByComparingTo(SampleInvoices.TOTAL_INCL_VAT);
        assertThat(back.note(Note.LATE_PAYMENT_PENALTIES)).containsIgnoringCase("retard");
        assertThat(back.note(Note.RECOVERY_INDEMNITY)).contains("40");
        assertThat(back.note(Note.EARLY_PAYMENT_DISCOUNT)).containsIgnoringCase("escompte");
    }

    @Test
    void aSidewaysScanIsShownUprightInTheFacturX() throws Exception {
        byte[] sideways = TestFiles.png(TestFiles.scan(SampleInvoices.plainPdf(), 90));
        RecognizedText text = new DocumentRecognizer(OCR, LIMITS).recognize(sideways);
        assertThat(text.rotations()).containsExactly(270);

        VisualPdf.Result visual = VisualPdf.of(sideways, LIMITS, text.rotations());

        assertThat(visual.how()).contains("turned upright");
        try (PDDocument pdf = Loader.loadPDF(visual.pdf())) {
            PDRectangle page = pdf.getPage(0).getMediaBox();
            assertThat(page.getHeight()).as("an A4 portrait page, as the invoice was printed").isGreaterThan(page.getWidth());
        }
        try (PDDocument pdf = Loader.loadPDF(VisualPdf.of(sideways, LIMITS, List.of()).pdf())) {
            PDRectangle page = pdf.getPage(0).getMediaBox();
            assertThat(page.getWidth()).as("without the rotation the scan stays as scanned").isGreaterThan(page.getHeight());
        }
    }

    @Test
    void aTextPdfWhoseFontsAreNotEmbeddedIsRenderedToImagePages() throws Exception {
        byte[] pdf = TestFiles.textPdf("Facture F-1", "Total TTC 120,00");
        VisualPdf.Result visual = VisualPdf.of(pdf, LIMITS, List.of());
        assertThat(visual.how()).contains("rendered as images").contains("not embedded");
        try (PDDocument rendered = Loader.loadPDF(visual.pdf())) {
            assertThat(rendered.getNumberOfPages()).isEqualTo(1);
        }
        assertThat(PdfA3Readiness.problems(visual.pdf())).isEmpty();
    }

    @Test
    void theBuyerIsTheDossierWhenThePageDoesNotNameIt() {
        ExtractedInvoice read = extracted(List.of(), "100.00", "20.00", "120.00");
        Invoice invoice = FacturXInvoice.of(read, BUYER, List.of());
        assertThat(invoice.buyer().name()).isEqualTo("DEMONSTRATION SAS");
        assertThat(invoice.buyer().siren()).isEqualTo(SampleInvoices.BUYER_SIREN);
        assertThat(invoice.buyer().address().countryCode()).isEqualTo("FR");
        assertThat(invoice.seller().address().countryCode()).isEqualTo("FR");
        assertThat(invoice.sellerIban()).isEqualTo("FR7630006000011234567890189");
        assertThat(invoice.totals().duePayable()).isEqualByComparingTo("120.00");
    }

    @Test
    void theVatBreakdownComesFromTheRatesReadOrElseFromTheTotals() {
        List<io.einvoice.gateway.invoice.VatBreakdown> fromTotals = FacturXInvoice.of(
                extracted(List.of(), "200.00", "11.00", "211.00"), BUYER, List.of()).vatBreakdown();
        assertThat(fromTotals).singleElement().satisfies(v -> {
            assertThat(v.rate()).isEqualByComparingTo("5.5");
            assertThat(v.category()).isEqualTo("S");
            assertThat(v.taxableAmount()).isEqualByComparingTo("200.00");
        });
        List<VatBreakdown> rates = List.of(new VatBreakdown(new BigDecimal("20"), new BigDecimal("100.00"), new BigDecimal("20.00"), 0.9, null),
                new VatBreakdown(new BigDecimal("10"), null, new BigDecimal("5.00"), 0.9, null));
        List<io.einvoice.gateway.invoice.VatBreakdown> fromRates = FacturXInvoice.of(
                extracted(rates, "150.00", "25.00", "175.00"), BUYER, List.of()).vatBreakdown();
        assertThat(fromRates).extracting(v -> v.rate().toPlainString(), v -> v.taxableAmount().toPlainString(),
                v -> v.taxAmount().toPlainString()).containsExactly(tuple("20", "100.00", "20.00"), tuple("10", "50.00", "5.00"));
    }

    private static ExtractedInvoice extracted(List<VatBreakdown> vat, String excl, String tax, String incl) {
        Map<Field, ExtractedField> fields = new EnumMap<>(Field.class);
        put(fields, Field.NUMBER, "F-1");
        put(fields, Field.SELLER_NAME, "Atelier Dupont SARL");
        put(fields, Field.SELLER_SIREN, "732829320");
        put(fields, Field.IBAN, "FR7630006000011234567890189");
        put(fields, Field.TOTAL_EXCL_VAT, excl);
        put(fields, Field.TOTAL_VAT, tax);
        put(fields, Field.TOTAL_INCL_VAT, incl);
        return new ExtractedInvoice(TextSource.PDF_TEXT, 1, fields, vat);
    }

    private static void put(Map<Field, ExtractedField> fields, Field f, String value) {
        fields.put(f, new ExtractedField(value, 0.9, null, null));
    }
}
