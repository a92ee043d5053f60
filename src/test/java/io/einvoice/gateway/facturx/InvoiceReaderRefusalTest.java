package io.einvoice.gateway.facturx;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** What ingest gets for files that are not readable invoices: always a specific, human reason. */
class InvoiceReaderRefusalTest {

    private static final String DOCTYPE_REFUSED =
            "XML refused: it contains a DOCTYPE declaration (DTDs and external entities are not accepted)";
    private static final String CII_ROOT = "<rsm:CrossIndustryInvoice xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\"";

    private final InvoiceReader reader = new InvoiceReader();

    @Test
    void anEmptyFile() {
        assertRefused(new byte[0], "empty file (0 bytes)");
        assertRefused(" \n\t ".getBytes(StandardCharsets.US_ASCII), "empty file (4 bytes of white space only)");
    }

    @Test
    void aTruncatedPdf() {
        byte[] whole = SampleInvoices.plainPdf();
        byte[] firstHalf = Arrays.copyOf(whole, whole.length / 2);

        assertThat(refusal(firstHalf)).startsWith("PDF is damaged or truncated:").contains("%%EOF");
    }

    @Test
    void aPdfThatPdfBoxCannotParseGivesPdfBoxsReason() {
        byte[] garbage = "%PDF-1.7\nthis is no PDF body at all\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

        assertThat(refusal(garbage)).startsWith("PDF is damaged or truncated: ").hasSizeGreaterThan(30);
    }

    @Test
    void anEncryptedPdf() throws Exception {
        byte[] encrypted = protect(SampleInvoices.generateAll().get(SampleInvoices.FACTURX_FILE), "owner-secret", "user-secret");

        assertRefused(encrypted, "PDF is encrypted (password protected); ask the supplier for an unprotected copy");
    }

    @Test
    void aPdfWithoutInvoiceXml() {
        assertRefused(SampleInvoices.plainPdf(), "no structured invoice data: the PDF has no Factur-X/ZUGFeRD XML attachment");
    }

    @Test
    void aPdfWhoseXmlAttachmentHasANameNoFacturXReaderLooksFor() throws Exception {
        byte[] pdf = withAttachment(SampleInvoices.plainPdf(), "UBL-Invoice-2.1.xml", SampleInvoices.ublXml("UBL-IN-PDF"));

        assertThat(refusal(pdf)).startsWith("no structured invoice data: the PDF has no Factur-X/ZUGFeRD XML attachment")
                .contains("it embeds UBL-Invoice-2.1.xml").contains("factur-x.xml");
    }

    @Test
    void aPdfWithAFacturXAttachmentButNoXmpMetadata() throws Exception {
        byte[] pdf = withAttachment(SampleInvoices.plainPdf(), "factur-x.xml", SampleInvoices.ciiXml("NO-XMP"));
        try (PDDocument document = Loader.loadPDF(pdf)) {
            document.getDocumentCatalog().setMetadata(null);
            pdf = save(document);
        }

        assertRefused(pdf, "no structured invoice data: the PDF has no Factur-X/ZUGFeRD XML attachment that can be used:"
                + " it embeds factur-x.xml but lacks the XMP metadata every Factur-X/ZUGFeRD PDF carries;"
                + " ask the supplier for a conforming file");
    }

    @Test
    void aPdfWhoseInvoiceAttachmentHasLostItsContent() throws Exception {
        byte[] pdf;
        try (PDDocument document = Loader.loadPDF(SampleInvoices.facturXPdf("LOST-1"))) {
            PDComplexFileSpecification spec = document.getDocumentCatalog().getNames().getEmbeddedFiles().getNames().get("factur-x.xml");
            spec.setEmbeddedFile(null);
            spec.setEmbeddedFileUnicode(null);
            pdf = save(document);
        }

        assertRefused(pdf, "PDF is damaged: its invoice attachment factur-x.xml cannot be read; ask the supplier for the file again");
    }

    @Test
    void anExternalEntityIsNeverRead(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-MARKER-4711");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE rsm:CrossIndustryInvoice [<!ENTITY leak SYSTEM \"" + secret.toUri() + "\">]>\n"
                + CII_ROOT + "><rsm:ExchangedDocument>&leak;</rsm:ExchangedDocument></rsm:CrossIndustryInvoice>";

        UnreadableInvoiceException refused = refusedWith(xml.getBytes(StandardCharsets.UTF_8));

        assertThat(refused).hasMessage(DOCTYPE_REFUSED);
        assertNowhere(refused, "TOP-SECRET-MARKER-4711");
    }

    @Test
    void anExternalEntityInsideAFacturXPdfIsNeverRead(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-MARKER-4712");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY % remote SYSTEM \"" + secret.toUri() + "\"> %remote;]>\n"
                + CII_ROOT + "/>";
        byte[] pdf = replaceAttachment(SampleInvoices.facturXPdf("XXE-1"), "factur-x.xml", xml.getBytes(StandardCharsets.UTF_8));

        UnreadableInvoiceException refused = refusedWith(pdf);

        assertThat(refused).hasMessage(DOCTYPE_REFUSED + " (in the PDF's factur-x.xml attachment)");
        assertNowhere(refused, "TOP-SECRET-MARKER-4712");
    }

    @Test
    void anExternalDtdIsNotFetched() {
        String xml = "<!DOCTYPE r SYSTEM \"http://127.0.0.1:9/evil.dtd\">" + CII_ROOT + "/>";

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertRefused(xml.getBytes(StandardCharsets.UTF_8), DOCTYPE_REFUSED));
    }

    @Test
    void aBillionLaughsBombIsRefusedAtOnce() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            xml.append(" <!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">\n");
        }
        xml.append("]>\n<lolz>&lol9;</lolz>");

        assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertRefused(xml.toString().getBytes(StandardCharsets.UTF_8), DOCTYPE_REFUSED));
    }

    @Test
    void aBillionLaughsBombInUblIsRefusedBeforeAnyExpansion() {
        String xml = billionLaughs("Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"", "Invoice");

        assertRefused(xml.getBytes(StandardCharsets.UTF_8), DOCTYPE_REFUSED);
    }

    @Test
    void aBillionLaughsBombInsideAFacturXAttachmentIsRefusedBeforeAnyExpansion() throws Exception {
        String xml = billionLaughs("rsm:CrossIndustryInvoice xmlns:rsm=\"" + XmlInvoiceReader.CII_NS + "\"", "rsm:CrossIndustryInvoice");
        byte[] pdf = replaceAttachment(SampleInvoices.facturXPdf("BOMB-1"), "factur-x.xml", xml.getBytes(StandardCharsets.UTF_8));

        assertThat(refusedWith(pdf)).hasMessage(DOCTYPE_REFUSED + " (in the PDF's factur-x.xml attachment)");
    }

    /** 10^9 "lol"s once expanded; the reader must refuse the DOCTYPE instead of expanding it. */
    private static String billionLaughs(String rootStart, String rootEnd) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE r [\n <!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            xml.append(" <!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">\n");
        }
        return xml.append("]>\n<").append(rootStart).append(">&lol9;</").append(rootEnd).append(">").toString();
    }

    @Test
    void xmlThatIsNoInvoice() {
        assertRefused("<html><body>Facture</body></html>".getBytes(StandardCharsets.UTF_8),
                "not an invoice: root element html (no namespace) is neither a CII CrossIndustryInvoice nor a UBL Invoice/CreditNote");
        assertRefused("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>news</title></channel></rss>"
                        .getBytes(StandardCharsets.UTF_8),
                "not an invoice: root element rss (no namespace) is neither a CII CrossIndustryInvoice nor a UBL Invoice/CreditNote");
        assertRefused("<Order xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Order-2\"/>".getBytes(StandardCharsets.UTF_8),
                "not an invoice: root element {urn:oasis:names:specification:ubl:schema:xsd:Order-2}Order is neither"
                        + " a CII CrossIndustryInvoice nor a UBL Invoice/CreditNote");
    }

    @Test
    void xmlThatIsNotWellFormed() {
        byte[] xml = (CII_ROOT + ">\n<rsm:ExchangedDocument>\n</rsm:CrossIndustryInvoice>").getBytes(StandardCharsets.UTF_8);

        assertThat(refusal(xml)).startsWith("XML is not well-formed: line 3, column ").contains("ExchangedDocument");
    }

    @Test
    void randomBinaryShowsItsFirstBytes() {
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        noise[0] = 0x07;
        noise[1] = (byte) 0xC3;

        assertThat(refusal(noise)).startsWith("unsupported file type: neither PDF nor XML (starts with 07 C3 ");
    }

    @Test
    void aPictureIsNamedAsSuch() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};

        assertRefused(png, "unsupported file type: neither PDF nor XML (starts with 89 50 4E 47 0D 0A 1A 0A \".PNG....\";"
                + " looks like a PNG image)");
    }

    private void assertRefused(byte[] content, String reason) {
        assertThatThrownBy(() -> reader.read(content)).isInstanceOf(UnreadableInvoiceException.class).hasMessage(reason);
    }

    private String refusal(byte[] content) {
        return refusedWith(content).getMessage();
    }

    private UnreadableInvoiceException refusedWith(byte[] content) {
        UnreadableInvoiceException refused = catchThrowableOfType(UnreadableInvoiceException.class, () -> reader.read(content));
        assertThat(refused).as("refused").isNotNull();
        return refused;
    }

    private static void assertNowhere(Throwable refused, String secret) {
        for (Throwable t = refused; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
        }
    }

    static byte[] protect(byte[] pdf, String ownerPassword, String userPassword) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy(ownerPassword, userPassword, new AccessPermission());
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
            return save(document);
        }
    }

    private static byte[] withAttachment(byte[] pdf, String name, byte[] content) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
            tree.setNames(Map.of(name, fileSpecification(document, name, content)));
            PDDocumentNameDictionary names = new PDDocumentNameDictionary(document.getDocumentCatalog());
            names.setEmbeddedFiles(tree);
            document.getDocumentCatalog().setNames(names);
            return save(document);
        }
    }

    private static byte[] replaceAttachment(byte[] pdf, String name, byte[] content) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDComplexFileSpecification spec = document.getDocumentCatalog().getNames().getEmbeddedFiles().getNames().get(name);
            PDEmbeddedFile file = new PDEmbeddedFile(document, new ByteArrayInputStream(content));
            file.setSubtype("text/xml");
            spec.setEmbeddedFile(file);
            spec.setEmbeddedFileUnicode(file);
            return save(document);
        }
    }

    private static PDComplexFileSpecification fileSpecification(PDDocument document, String name, byte[] content) throws Exception {
        PDEmbeddedFile file = new PDEmbeddedFile(document, new ByteArrayInputStream(content));
        file.setSubtype("text/xml");
        PDComplexFileSpecification spec = new PDComplexFileSpecification();
        spec.setFile(name);
        spec.setFileUnicode(name);
        spec.setEmbeddedFile(file);
        spec.setEmbeddedFileUnicode(file);
        return spec;
    }

    static byte[] save(PDDocument document) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }
}
