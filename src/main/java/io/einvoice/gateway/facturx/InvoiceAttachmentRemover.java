package io.einvoice.gateway.facturx;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Factur-X or ZUGFeRD PDF that is converted again already carries an invoice XML; the new one replaces it, so the old
 * attachment is taken out first (a PDF with two {@code factur-x.xml} would be ambiguous). Other attachments stay.
 */
final class InvoiceAttachmentRemover {

    private InvoiceAttachmentRemover() {
    }

    static byte[] withoutInvoiceXml(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDDocumentNameDictionary names = document.getDocumentCatalog().getNames();
            PDEmbeddedFilesNameTreeNode files = names == null ? null : names.getEmbeddedFiles();
            if (files == null || files.getNames() == null) {
                return pdf;
            }
            Map<String, PDComplexFileSpecification> kept = new LinkedHashMap<>(files.getNames());
            boolean removed = kept.keySet().removeIf(PdfInvoiceExtractor.INVOICE_ATTACHMENTS::contains);
            if (!removed) {
                return pdf;
            }
            files.setNames(kept);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }
}
