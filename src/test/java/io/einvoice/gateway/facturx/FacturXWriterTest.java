package io.einvoice.gateway.facturx;

import io.einvoice.gateway.invoice.Invoice;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** Every Factur-X the writer makes is checked by Mustang's validator: PDF/A-3 and XML (facturx.md §1.5). */
class FacturXWriterTest {

    private final FacturXWriter writer = new FacturXWriter();
    private final InvoiceReader reader = new InvoiceReader();

    @Test
    void fromTheModelAloneAFrenchPageIsRenderedAndEveryProfilePassesMustang() throws Exception {
        Invoice invoice = RoundTrip.frenchInvoice();
        for (Profile profile : Profile.values()) {
            FacturXResult result = writer.toFacturX(null, invoice, profile);

            MustangVerdict verdict = MustangVerdict.of(result.pdf(), "generated-" + profile + ".pdf");
            assertThat(verdict.errors()).as(profile.name()).isEmpty();
            assertThat(verdict.pdfStatus()).as(profile.name()).isEqualTo("valid");
            assertThat(verdict.xmlStatus()).as(profile.name()).isEqualTo("valid");
            assertThat(result.originalKept()).isFalse();
            StructuredInvoice back = reader.read(result.pdf());
            assertThat(back.format()).isEqualTo(InvoiceFormat.FACTUR_X);
            assertThat(back.profile()).isEqualTo(profile.guideline());
            assertThat(back.invoice().totals().duePayable()).isEqualByComparingTo(invoice.totals().duePayable());
        }
    }

    @Test
    void aPdfA3OriginalIsKeptAsTheVisualPart() throws Exception {
        byte[] original = SampleInvoices.plainPdf();

        FacturXResult result = writer.toFacturX(original, RoundTrip.frenchInvoice());

        assertThat(result.originalKept()).isTrue();
        assertThat(result.originalProblems()).isEmpty();
        assertThat(result.profile()).isEqualTo(Profile.EN16931);
        MustangVerdict verdict = MustangVerdict.of(result.pdf(), "kept.pdf");
        assertThat(verdict.errors()).isEmpty();
        assertThat(verdict.valid()).isTrue();
    }

    @Test
    void aPdfWithAFontThatIsNotEmbeddedIsNotKeptAndTheResultSaysWhy() throws Exception {
        byte[] original = pdfWithStandardHelvetica();

        FacturXResult result = writer.toFacturX(original, RoundTrip.frenchInvoice());

        assertThat(result.originalKept()).isFalse();
        assertThat(result.originalProblems()).containsExactly("font Helvetica (page 1) is not embedded; PDF/A requires"
                + " every font to be embedded (ISO 19005-3 §6.2.11.4.1)");
        assertThat(MustangVerdict.of(result.pdf(), "rendered.pdf").valid()).isTrue();
    }

    /** Mustang's visualiser links a BG-24 attachment's name to JavaScript that opens it; PDF/A forbids JavaScript. */
    @Test
    void anAttachedSupportingDocumentGivesAPageWithoutJavaScriptAndStaysAttached() throws Exception {
        String cii = new String(writer.toCii(RoundTrip.frenchInvoice(), Profile.EN16931), StandardCharsets.UTF_8);
        String supporting = "<ram:AdditionalReferencedDocument><ram:IssuerAssignedID>BL-2026-7</ram:IssuerAssignedID>"
                + "<ram:TypeCode>916</ram:TypeCode><ram:Name>Bon de livraison</ram:Name>"
                + "<ram:AttachmentBinaryObject mimeCode=\"application/pdf\" filename=\"bon-de-livraison.pdf\">"
                + Base64.getEncoder().encodeToString(SampleInvoices.plainPdf()) + "</ram:AttachmentBinaryObject>"
                + "</ram:AdditionalReferencedDocument></ram:ApplicableHeaderTradeAgreement>";
        byte[] withAttachment = cii.replace("</ram:ApplicableHeaderTradeAgreement>", supporting).getBytes(StandardCharsets.UTF_8);

        FacturXResult result = writer.embed(null, withAttachment, Profile.EN16931);

        assertThat(PdfA3Readiness.problems(result.pdf())).isEmpty();
        MustangVerdict verdict = MustangVerdict.of(result.pdf(), "with-attachment.pdf");
        assertThat(verdict.errors()).isEmpty();
        assertThat(verdict.pdfStatus()).isEqualTo("valid");
        try (PDDocument pdf = Loader.loadPDF(result.pdf())) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("bon-de-livraison.pdf");
            assertThat(pdf.getDocumentCatalog().getNames().getEmbeddedFiles().getNames())
                    .containsKeys("bon-de-livraison.pdf", "factur-x.xml");
        }
    }

    @Test
    void cantBeKeptWhenNotAPdf() {
        assertThat(PdfA3Readiness.problems("hello".getBytes())).containsExactly("the original is not a PDF (no %PDF header at byte 0)");
    }

    private static byte[] pdfWithStandardHelvetica() throws Exception {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(50, 700);
                content.showText("Facture FA-2026-0100");
                content.endText();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }
}
