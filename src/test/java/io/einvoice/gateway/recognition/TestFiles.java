package io.einvoice.gateway.recognition;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;

/** Test inputs made on the fly: text PDFs, scans of them, and deliberately bad files. */
final class TestFiles {

    private TestFiles() {
    }

    /** A one-page A4 PDF with these lines of text from the top (Helvetica 11). */
    static byte[] textPdf(String... lines) throws IOException {
        return textPdfPages(lines);
    }

    /** An A4 PDF of one page per array, each with its lines of text from the top (Helvetica 11). */
    static byte[] textPdfPages(String[]... pages) throws IOException {
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String[] lines : pages) {
                PDPage page = new PDPage(PDRectangle.A4);
                pdf.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
                    content.newLineAtOffset(60, 780);
                    for (String line : lines) {
                        content.showText(line);
                        content.newLineAtOffset(0, -18);
                    }
                    content.endText();
                }
            }
            pdf.save(out);
            return out.toByteArray();
        }
    }

    static byte[] blankPdf(int pages) throws IOException {
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int i = 0; i < pages; i++) {
                pdf.addPage(new PDPage(PDRectangle.A4));
            }
            pdf.save(out);
            return out.toByteArray();
        }
    }

    static byte[] encrypted(byte[] pdfBytes) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(pdfBytes); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            pdf.protect(policy);
            pdf.save(out);
            return out.toByteArray();
        }
    }

    /** Page 1 rendered at 300 dpi in gray, turned clockwise by {@code degrees}, as PNG: a scan. */
    static BufferedImage scan(byte[] pdfBytes, int quadrantDegrees) throws IOException {
        return scan(pdfBytes, quadrantDegrees, 300);
    }

    static BufferedImage scan(byte[] pdfBytes, int quadrantDegrees, int dpi) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(pdfBytes)) {
            BufferedImage page = new PDFRenderer(pdf).renderImageWithDPI(0, dpi, ImageType.GRAY);
            return quadrantDegrees == 0 ? page : Images.rotateQuadrants(page, quadrantDegrees);
        }
    }

    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** A tiny valid PNG whose header claims width × height pixels: decoding it fully would need gigabytes. */
    static byte[] pixelBomb(int width, int height) throws IOException {
        byte[] png = png(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY));
        // IHDR data starts at byte 16 (8 signature + 4 length + 4 type); its CRC follows the 13 data bytes
        ByteBuffer.wrap(png, 16, 8).putInt(width).putInt(height);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        ByteBuffer.wrap(png, 29, 4).putInt((int) crc.getValue());
        return png;
    }

    /** The Factur-X with its XML's grand total and amount due replaced, the visible page untouched: a tampered invoice. */
    static byte[] tamperedTotal(byte[] facturX, String newTotal) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(facturX); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDDocumentNameDictionary names = pdf.getDocumentCatalog().getNames();
            PDEmbeddedFilesNameTreeNode tree = names.getEmbeddedFiles();
            Map<String, PDComplexFileSpecification> files = tree.getNames();
            for (var entry : files.entrySet()) {
                PDComplexFileSpecification spec = entry.getValue();
                PDEmbeddedFile file = spec.getEmbeddedFile();
                String xml = new String(file.toByteArray(), StandardCharsets.UTF_8)
                        .replaceAll("(<ram:GrandTotalAmount[^>]*>)[^<]+", "$1" + newTotal)
                        .replaceAll("(<ram:DuePayableAmount[^>]*>)[^<]+", "$1" + newTotal);
                PDEmbeddedFile replaced = new PDEmbeddedFile(pdf, new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
                replaced.setSubtype(file.getSubtype());
                replaced.setSize(xml.getBytes(StandardCharsets.UTF_8).length);
                spec.setEmbeddedFile(replaced);
                spec.setEmbeddedFileUnicode(replaced);
            }
            pdf.save(out);
            return out.toByteArray();
        }
    }
}
