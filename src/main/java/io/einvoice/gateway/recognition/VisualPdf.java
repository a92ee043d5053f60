package io.einvoice.gateway.recognition;

import io.einvoice.gateway.facturx.PdfA3Readiness;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The original of a recognised document as a PDF that Mustang can turn into the PDF/A-3 of its Factur-X, so the
 * person who opens the Factur-X sees what the supplier sent: a PDF that is ready for PDF/A-3 as it is; a PDF that is
 * not (fonts not embedded) with its pages rendered to images; a scan or photo (PNG, JPEG, TIFF pages) as image pages.
 * Image pages are JPEG without transparency and need no font, so nothing in them stands in the way of PDF/A-3.
 */
final class VisualPdf {

    /** Enough to read a rendered page again; a third of the pixels of the 300 dpi used for OCR. */
    private static final int RENDER_DPI = 170;
    private static final float JPEG_QUALITY = 0.8f;

    private VisualPdf() {
    }

    /**
     * @return the PDF to use as the visual part, and how it was made (for the document's event)
     * @throws UnrecognizableException when the original cannot be read again (it was read by recognition before)
     */
    static Result of(byte[] original, RecognitionLimits limits, List<Integer> rotations) throws UnrecognizableException, IOException {
        boolean turned = rotations.stream().anyMatch(r -> r % 360 != 0);
        String uprightNote = "pages turned upright as OCR read them " + rotations;
        if (DocumentRecognizer.imageMediaType(original) != null) {
            return new Result(imagePdf(upright(ImageDecoder.decode(original, limits.maxPixels(), limits.maxPages()), rotations)),
                    "the scan is its visual part (image pages" + (turned ? ", " + uprightNote : "") + ")");
        }
        List<String> problems = PdfA3Readiness.problems(original);
        if (problems.isEmpty() && !turned) {
            return new Result(original, "the received PDF is its visual part");
        }
        List<String> why = new ArrayList<>(problems);
        if (turned) {
            why.add(uprightNote);
        }
        return new Result(imagePdf(upright(renderPages(original, limits), rotations)),
                "the received PDF's pages rendered as images are its visual part (" + String.join("; ", why) + ")");
    }

    /** A sideways or upside-down scan is shown as it was read, not as it came out of the scanner. */
    private static List<BufferedImage> upright(List<BufferedImage> pages, List<Integer> rotations) {
        List<BufferedImage> turned = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            int degrees = i < rotations.size() ? Math.floorMod(rotations.get(i), 360) : 0;
            turned.add(degrees == 0 ? pages.get(i) : Images.rotateQuadrants(opaque(pages.get(i)), degrees));
        }
        return turned;
    }

    record Result(byte[] pdf, String how) {
    }

    private static List<BufferedImage> renderPages(byte[] pdfBytes, RecognitionLimits limits)
            throws IOException, UnrecognizableException {
        try (PDDocument pdf = Loader.loadPDF(pdfBytes)) {
            PDFRenderer renderer = new PDFRenderer(pdf);
            List<BufferedImage> pages = new ArrayList<>();
            for (int i = 0; i < Math.min(pdf.getNumberOfPages(), limits.maxPages()); i++) {
                PDRectangle box = pdf.getPage(i).getCropBox();
                double scale = RENDER_DPI / 72.0;
                long pixels = (long) Math.ceil(box.getWidth() * scale) * (long) Math.ceil(box.getHeight() * scale);
                if (pixels > limits.maxPixels()) {
                    throw new UnrecognizableException(String.format(Locale.ROOT,
                            "page %d too large to render: %,d pixels, the limit is %,d (GATEWAY_RECOGNITION_MAX_PIXELS)",
                            i + 1, pixels, limits.maxPixels()));
                }
                pages.add(renderer.renderImageWithDPI(i, RENDER_DPI, ImageType.RGB));
            }
            return pages;
        }
    }

    /** One page per image, as wide as A4 and as tall as the image's proportions say. */
    private static byte[] imagePdf(List<BufferedImage> images) throws IOException {
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (BufferedImage image : images) {
                BufferedImage opaque = opaque(image);
                float width = PDRectangle.A4.getWidth();
                float height = width * opaque.getHeight() / opaque.getWidth();
                PDPage page = new PDPage(new PDRectangle(width, height));
                pdf.addPage(page);
                PDImageXObject xObject = JPEGFactory.createFromImage(pdf, opaque, JPEG_QUALITY);
                try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                    content.drawImage(xObject, 0, 0, width, height);
                }
            }
            pdf.save(out);
            return out.toByteArray();
        }
    }

    /** Gray stays gray, anything else (palette, alpha, 16 bits) becomes RGB on white: JPEG has no alpha, PDF/A no masks. */
    private static BufferedImage opaque(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY || image.getType() == BufferedImage.TYPE_INT_RGB
                || image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            return image;
        }
        boolean gray = image.getColorModel().getNumColorComponents() == 1 && !image.getColorModel().hasAlpha();
        return Images.onWhite(image, gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
    }
}
