package io.einvoice.gateway.facturx;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.mustangproject.FileAttachment;
import org.mustangproject.ZUGFeRD.ZUGFeRDExportException;
import org.mustangproject.ZUGFeRD.ZUGFeRDImporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Takes the invoice XML out of a Factur-X / ZUGFeRD PDF. PDFBox looks at the file first, because Mustang logs and
 * swallows what goes wrong while opening a PDF, and an encrypted or damaged file deserves its own reason.
 */
final class PdfInvoiceExtractor {

    /** The attachment names Factur-X and ZUGFeRD readers (Mustang included) take invoice data from. */
    static final List<String> INVOICE_ATTACHMENTS = List.of("factur-x.xml", "zugferd-invoice.xml", "ZUGFeRD-invoice.xml",
            "xrechnung.xml");

    private static final Logger LOG = LoggerFactory.getLogger(PdfInvoiceExtractor.class);
    private static final byte[] END_MARKER = "%%EOF".getBytes(StandardCharsets.US_ASCII);
    /** ISO 32000 wants %%EOF in the last 1024 bytes; every PDF of the test corpus has it there. */
    private static final int END_MARKER_WINDOW = 1024;
    private static final int MAX_NAME_TREE_DEPTH = 16;

    record EmbeddedXml(String attachmentName, byte[] xml) {
    }

    /** What PDFBox sees: the embedded file names, and the invoice file name the XMP metadata announces (if any). */
    private record Outline(List<String> attachments, boolean hasXmp, String announcedInvoiceFile) {
    }

    private PdfInvoiceExtractor() {
    }

    /** @param pdf bytes starting with {@code %PDF} */
    static EmbeddedXml extract(byte[] pdf, InflationLimit limit) throws UnreadableInvoiceException {
        requireEndMarker(pdf);
        Outline outline = open(pdf, limit);
        InvoiceXmlImporter importer = new InvoiceXmlImporter();
        try {
            importer.setInputStream(new ByteArrayInputStream(pdf));
        } catch (ZUGFeRDExportException e) {
            throw new UnreadableInvoiceException("PDF is damaged or truncated: " + e.getMessage(), e);
        }
        byte[] xml = importer.getRawXML();
        if (xml == null) {
            throw new UnreadableInvoiceException(noInvoiceXml(outline));
        }
        return new EmbeddedXml(nameOf(xml, importer.getFileAttachmentsPDF()), xml);
    }

    private static void requireEndMarker(byte[] pdf) throws UnreadableInvoiceException {
        int from = Math.max(0, pdf.length - END_MARKER_WINDOW);
        for (int i = pdf.length - END_MARKER.length; i >= from; i--) {
            if (Arrays.equals(pdf, i, i + END_MARKER.length, END_MARKER, 0, END_MARKER.length)) {
                return;
            }
        }
        throw new UnreadableInvoiceException(String.format(Locale.ROOT, "PDF is damaged or truncated: it does not end with the %%%%EOF marker"
                + " (%,d bytes received; the transfer was probably cut short); ask the sender for the file again", pdf.length));
    }

    /** Also measures every stream before Mustang, which reads each attachment whole, or the XMP read below unpack one. */
    private static Outline open(byte[] pdf, InflationLimit limit) throws UnreadableInvoiceException {
        // an encrypted PDF that opens without a password only restricts permissions: its attachments stay readable
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<String> attachments = new ArrayList<>();
            Map<COSStream, String> attachmentData = new IdentityHashMap<>();
            collectAttachments(document, attachments, attachmentData);
            PdfStreamInflation.requireWithin(document, limit, attachmentData);
            PDMetadata xmp = document.getDocumentCatalog().getMetadata();
            return new Outline(attachments, xmp != null,
                    xmp == null ? null : announcedInvoiceFile(xmp));
        } catch (InvalidPasswordException e) {
            throw new UnreadableInvoiceException(
                    "PDF is encrypted (password protected); ask the supplier for an unprotected copy", e);
        } catch (IOException e) {
            throw new UnreadableInvoiceException("PDF is damaged or truncated: " + e.getMessage(), e);
        }
    }

    /** The embedded files' names, and the same by their data stream. */
    private static void collectAttachments(PDDocument document, List<String> found, Map<COSStream, String> byData)
            throws IOException {
        PDDocumentNameDictionary names = document.getDocumentCatalog().getNames();
        PDEmbeddedFilesNameTreeNode files = names == null ? null : names.getEmbeddedFiles();
        collect(files, found, byData, 0);
    }

    private static void collect(PDNameTreeNode<PDComplexFileSpecification> node, List<String> found,
                                Map<COSStream, String> byData, int depth) throws IOException {
        // a crafted name tree may point back at itself
        if (node == null || depth > MAX_NAME_TREE_DEPTH) {
            return;
        }
        if (node.getNames() != null) {
            node.getNames().forEach((key, spec) -> {
                String name = spec.getFilename() != null ? spec.getFilename() : key;
                found.add(name);
                PDEmbeddedFile data = spec.getEmbeddedFile();
                if (data != null) {
                    byData.put(data.getCOSObject(), name);
                }
            });
        }
        if (node.getKids() != null) {
            for (PDNameTreeNode<PDComplexFileSpecification> kid : node.getKids()) {
                collect(kid, found, byData, depth + 1);
            }
        }
    }

    /** Factur-X and ZUGFeRD 2 name their attachment in the XMP (fx:DocumentFileName), as element or as attribute. */
    private static String announcedInvoiceFile(PDMetadata xmp) {
        try {
            Document metadata = SecureXml.parse(xmp.toByteArray());
            NodeList elements = metadata.getElementsByTagNameNS("*", "DocumentFileName");
            if (elements.getLength() > 0) {
                return elements.item(0).getTextContent().strip();
            }
            NodeList descriptions = metadata.getElementsByTagNameNS("*", "Description");
            for (int i = 0; i < descriptions.getLength(); i++) {
                NamedNodeMap attributes = descriptions.item(i).getAttributes();
                for (int j = 0; j < attributes.getLength(); j++) {
                    if ("DocumentFileName".equals(attributes.item(j).getLocalName())) {
                        return attributes.item(j).getNodeValue().strip();
                    }
                }
            }
        } catch (IOException | UnreadableInvoiceException e) {
            LOG.debug("XMP metadata unreadable, no announced invoice file: {}", e.getMessage());
        }
        return null;
    }

    private static String noInvoiceXml(Outline outline) {
        List<String> attachments = outline.attachments();
        List<String> invoiceFiles = attachments.stream().filter(INVOICE_ATTACHMENTS::contains).toList();
        String reason = "no structured invoice data: the PDF has no Factur-X/ZUGFeRD XML attachment";
        if (!invoiceFiles.isEmpty() && !outline.hasXmp()) {
            return reason + " that can be used: it embeds " + String.join(", ", invoiceFiles) + " but lacks the XMP metadata"
                    + " every Factur-X/ZUGFeRD PDF carries; ask the supplier for a conforming file";
        }
        if (!invoiceFiles.isEmpty()) {
            return "PDF is damaged: its invoice attachment " + String.join(", ", invoiceFiles)
                    + " cannot be read; ask the supplier for the file again";
        }
        String announced = outline.announcedInvoiceFile();
        if (announced != null && !announced.isEmpty()) {
            return "PDF is damaged: its metadata announces the invoice attachment " + announced
                    + ", but the file holds no readable attachment of that name; ask the supplier for the file again";
        }
        if (attachments.isEmpty()) {
            return reason;
        }
        return reason + " (it embeds " + String.join(", ", attachments) + "; invoice data is expected under "
                + String.join(" or ", INVOICE_ATTACHMENTS) + ")";
    }

    private static String nameOf(byte[] xml, List<FileAttachment> attachments) {
        return attachments.stream()
                .filter(a -> INVOICE_ATTACHMENTS.contains(a.getFilename()) && Arrays.equals(a.getData(), xml))
                .map(FileAttachment::getFilename).findFirst().orElse(null);
    }

    /**
     * Mustang's importer without its own XML parsing: the gateway only wants the bytes and parses them itself, safely.
     * Mustang's parse would also print parser errors to stderr and build an invoice model nobody reads.
     */
    private static final class InvoiceXmlImporter extends ZUGFeRDImporter {
        @Override
        public void setRawXML(byte[] rawXML) throws IOException, ParseException {
            setRawXML(rawXML, false);
        }

        @Override
        public boolean canParse() {
            return false;
        }
    }
}
