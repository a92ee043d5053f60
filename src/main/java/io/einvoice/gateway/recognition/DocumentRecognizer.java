package io.einvoice.gateway.recognition;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a PDF or an image into positioned text: the PDF's text layer when it has one, else OCR of the pages rendered
 * at 300 dpi (or of the image's pages). Limits on pages and pixels are checked before the work is done.
 */
public class DocumentRecognizer {

    /** Fewer visible characters than this in the text layer means a scanned PDF (or a PDF of outlines): OCR it. */
    private static final int MIN_TEXT_CHARS = 20;

    private final TesseractOcr ocr;
    private final RecognitionLimits limits;

    public DocumentRecognizer(TesseractOcr ocr, RecognitionLimits limits) {
        this.ocr = ocr;
        this.limits = limits;
    }

    /** Whether these bytes are something this class reads: a PDF or a PNG/JPEG/TIFF image. */
    public static boolean accepts(byte[] content) {
        return isPdf(content) || ImageDecoder.imageType(content) != null;
    }

    /** image/png, image/jpeg or image/tiff from the magic number; null for anything else. */
    public static String imageMediaType(byte[] content) {
        String type = ImageDecoder.imageType(content);
        return type == null ? null : "image/" + type;
    }

    public RecognizedText recognize(byte[] content) throws UnrecognizableException {
        if (content == null || content.length == 0) {
            throw new UnrecognizableException("empty file (0 bytes)");
        }
        if (isPdf(content)) {
            return recognizePdf(content);
        }
        List<BufferedImage> images = ImageDecoder.decode(content, limits.maxPixels(), limits.maxPages());
        return ocrPages(images.size(), images::get);
    }

    /** Where OCR takes page {@code index}'s image from (decoded image, or PDF page rendered on demand). */
    private interface PageImages {
        BufferedImage page(int index) throws UnrecognizableException;
    }

    /** Image files: each page's resolution estimated from its size; rendered PDF pages: {@link TesseractOcr#DPI}. */
    private RecognizedText ocrPages(int pages, PageImages images) throws UnrecognizableException {
        return ocrPages(pages, images, 0);
    }

    private RecognizedText ocrPages(int pages, PageImages images, int dpi) throws UnrecognizableException {
        List<TextLine> lines = new ArrayList<>();
        List<Integer> rotations = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < pages; i++) {
            BufferedImage image = images.page(i);
            TesseractOcr.OcrPage page = dpi > 0 ? ocr.read(image, dpi, i + 1) : ocr.read(image, i + 1);
            lines.addAll(LineBuilder.lines(page.words()));
            rotations.add(page.rotation());
        }
        return withText(new RecognizedText(TextSource.OCR, pages, lines, (System.nanoTime() - start) / 1e9, rotations));
    }

    private RecognizedText recognizePdf(byte[] content) throws UnrecognizableException {
        try (PDDocument pdf = Loader.loadPDF(content)) {
            int pages = pdf.getNumberOfPages();
            if (pages == 0) {
                throw new UnrecognizableException("the PDF has no page");
            }
            if (pages > limits.maxPages()) {
                throw new UnrecognizableException(String.format(Locale.ROOT,
                        "too many pages: %d, the limit is %d (GATEWAY_RECOGNITION_MAX_PAGES)", pages, limits.maxPages()));
            }
            List<TextLine> text = PdfTextReader.read(pdf, pages);
            long visible = text.stream().mapToLong(l -> l.text().chars().filter(c -> !Character.isWhitespace(c)).count()).sum();
            if (visible >= MIN_TEXT_CHARS) {
                return new RecognizedText(TextSource.PDF_TEXT, pages, text, 0);
            }
            PDFRenderer renderer = new PDFRenderer(pdf);
            return ocrPages(pages, i -> render(pdf, renderer, i), TesseractOcr.DPI);
        } catch (InvalidPasswordException e) {
            throw new UnrecognizableException("PDF is encrypted (password protected); ask the supplier for an unprotected copy", e);
        } catch (IOException e) {
            throw new UnrecognizableException("damaged PDF: " + e.getMessage(), e);
        }
    }

    /** Renders a page at 300 dpi in 8-bit gray after checking its size against the pixel limit. */
    BufferedImage render(PDDocument pdf, PDFRenderer renderer, int index) throws UnrecognizableException {
        PDPage page = pdf.getPage(index);
        PDRectangle box = page.getCropBox();
        double scale = TesseractOcr.DPI / 72.0;
        long pixels = (long) Math.ceil(box.getWidth() * scale) * (long) Math.ceil(box.getHeight() * scale);
        if (pixels > limits.maxPixels()) {
            throw new UnrecognizableException(String.format(Locale.ROOT,
                    "page %d too large to render at %d dpi: %,d pixels, the limit is %,d pixels (GATEWAY_RECOGNITION_MAX_PIXELS)",
                    index + 1, TesseractOcr.DPI, pixels, limits.maxPixels()));
        }
        try {
            return renderer.renderImageWithDPI(index, TesseractOcr.DPI, ImageType.GRAY);
        } catch (IOException e) {
            throw new UnrecognizableException("damaged PDF: page " + (index + 1) + " cannot be drawn: " + e.getMessage(), e);
        }
    }

    private static RecognizedText withText(RecognizedText text) throws UnrecognizableException {
        if (text.wordCount() == 0) {
            throw new UnrecognizableException("no text found: blank or unreadable scan (" + text.pages()
                    + (text.pages() == 1 ? " page" : " pages") + " read by OCR)");
        }
        return text;
    }

    private static boolean isPdf(byte[] content) {
        return content.length >= 4 && content[0] == '%' && content[1] == 'P' && content[2] == 'D' && content[3] == 'F';
    }
}
