package io.einvoice.gateway.recognition;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.DataBufferByte;
import java.awt.image.Kernel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * One way a page reaches the gateway as an image, for the hard scan bench ({@link ScanBench}): resolutions, grey or
 * black-and-white, a low-quality JPEG, a slight turn or keystone, a photographed page, and a page re-typeset in other
 * fonts (serif, or monospace in two columns). Each renders page 1 of a text PDF; {@code seed} makes it repeatable.
 */
public enum ScanVariant {
    GREY_150("grey-150", 150), GREY_200("grey-200", 200), GREY_300("grey-300", 300), BW_200("bw-200", 200), BW_300("bw-300", 300),
    JPEG("jpeg", 200), ROTATED("rotated", 200), PERSPECTIVE("perspective", 200), PHOTO("photo", 200), FONTS("fonts", 300);

    private final String id;
    private final int dpi;

    ScanVariant(String id, int dpi) {
        this.id = id;
        this.dpi = dpi;
    }

    public String id() {
        return id;
    }

    /** The resolution the page is rendered at (before any turn, keystone or blur). */
    public int dpi() {
        return dpi;
    }

    public static Optional<ScanVariant> of(String id) {
        return Arrays.stream(values()).filter(v -> v.id.equalsIgnoreCase(id.strip())).findFirst();
    }

    /** "png" or "jpg": the file extension of what {@link #render} writes. */
    public String extension() {
        return this == JPEG || this == PHOTO ? "jpg" : "png";
    }

    /** The image of page 1 of {@code pdfBytes} as this variant, encoded (PNG, or JPEG for the lossy ones). */
    public byte[] render(byte[] pdfBytes, long seed) throws IOException {
        Random random = new Random(seed);
        BufferedImage image = switch (this) {
            case GREY_150 -> page(pdfBytes, 150);
            case GREY_200 -> page(pdfBytes, 200);
            case GREY_300 -> page(pdfBytes, 300);
            case BW_200 -> blackAndWhite(page(pdfBytes, 200));
            case BW_300 -> blackAndWhite(page(pdfBytes, 300));
            case JPEG -> page(pdfBytes, 200);
            case ROTATED -> Images.rotate(page(pdfBytes, 200), sign(random) * (1 + 2 * random.nextDouble()));
            case PERSPECTIVE -> keystone(page(pdfBytes, 200), 0.02 + 0.02 * random.nextDouble());
            case PHOTO -> photo(page(pdfBytes, 200), random);
            case FONTS -> retypeset(pdfBytes, Math.floorMod(seed, 2) == 1);
        };
        return this == JPEG ? jpeg(image, 0.25f) : this == PHOTO ? jpeg(image, 0.6f) : png(image);
    }

    private static int sign(Random random) {
        return random.nextBoolean() ? 1 : -1;
    }

    static BufferedImage page(byte[] pdfBytes, int dpi) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(pdfBytes)) {
            return new PDFRenderer(pdf).renderImageWithDPI(0, dpi, ImageType.GRAY);
        }
    }

    /** A fixed threshold, as a fax or a cheap scanner's "text" mode does: thin grey strokes break up or vanish. */
    static BufferedImage blackAndWhite(BufferedImage gray) {
        BufferedImage out = new BufferedImage(gray.getWidth(), gray.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
        byte[] px = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
        int w = gray.getWidth();
        for (int y = 0; y < gray.getHeight(); y++) {
            for (int x = 0; x < w; x++) {
                out.getRaster().setSample(x, y, 0, (px[y * w + x] & 0xFF) < 150 ? 0 : 1);
            }
        }
        return out;
    }

    /** The top edge narrower than the bottom by {@code shrink} of the width: a page not flat under the camera. */
    static BufferedImage keystone(BufferedImage gray, double shrink) {
        int w = gray.getWidth();
        int h = gray.getHeight();
        byte[] src = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        Arrays.fill(dst, (byte) 0xFF);
        double cx = w / 2.0;
        for (int y = 0; y < h; y++) {
            double scale = 1 - shrink * (1 - (double) y / h);
            for (int x = 0; x < w; x++) {
                int sx = (int) Math.round(cx + (x - cx) / scale);
                if (sx >= 0 && sx < w) {
                    dst[y * w + x] = src[y * w + sx];
                }
            }
        }
        return out;
    }

    /** Light falling off across the page, a soft focus and a small turn: a page photographed on a desk. */
    static BufferedImage photo(BufferedImage gray, Random random) {
        BufferedImage turned = Images.rotate(gray, sign(random) * (0.5 + random.nextDouble()));
        float[] box = new float[25];
        Arrays.fill(box, 1f / 25);
        BufferedImage blurred = new ConvolveOp(new Kernel(5, 5, box), ConvolveOp.EDGE_NO_OP, null).filter(turned, null);
        int w = blurred.getWidth();
        int h = blurred.getHeight();
        byte[] px = ((DataBufferByte) blurred.getRaster().getDataBuffer()).getData();
        double lx = random.nextDouble() * w;
        double ly = random.nextDouble() * h;
        double diagonal = Math.hypot(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double d = Math.hypot(x - lx, y - ly) / diagonal;
                double light = 1 - 0.45 * d;
                int v = (int) Math.round((px[y * w + x] & 0xFF) * light + random.nextGaussian() * 6);
                px[y * w + x] = (byte) Math.max(0, Math.min(255, v));
            }
        }
        return blurred;
    }

    /**
     * Page 1's words drawn again at their places (300 dpi) in another font: serif, or monospace with the page cut in two
     * halves set side by side (a two-column page). Each word is squeezed to its original width so the layout holds.
     */
    static BufferedImage retypeset(byte[] pdfBytes, boolean twoColumns) throws IOException {
        List<TextLine> lines;
        PDRectangle size;
        try (PDDocument pdf = Loader.loadPDF(pdfBytes)) {
            lines = PdfTextReader.read(pdf, 1);
            size = pdf.getPage(0).getCropBox();
        }
        double pageW = size.getWidth() / 72.0 * 300;
        double pageH = size.getHeight() / 72.0 * 300;
        int width = (int) Math.ceil(twoColumns ? pageW * 2 : pageW);
        int height = (int) Math.ceil(twoColumns ? pageH / 2 + pageH * 0.05 : pageH);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            String family = twoColumns ? Font.MONOSPACED : Font.SERIF;
            FontRenderContext frc = g.getFontRenderContext();
            for (TextLine line : lines) {
                double offsetX = 0;
                double offsetY = 0;
                if (twoColumns && line.box().y() >= 0.5) {
                    // the lower half of the page goes to the right column
                    offsetX = pageW;
                    offsetY = -pageH / 2;
                }
                for (Word word : line.words()) {
                    Box b = word.box();
                    double h = Math.max(8, b.height() * pageH);
                    Font font = new Font(family, Font.PLAIN, 1).deriveFont((float) (h * 0.85));
                    double natural = font.getStringBounds(word.text(), frc).getWidth();
                    double target = b.width() * pageW;
                    double squeeze = natural <= 0 ? 1 : Math.min(1.3, Math.max(0.5, target / natural));
                    g.setFont(font.deriveFont(AffineTransform.getScaleInstance(squeeze, 1)));
                    g.drawString(word.text(), (float) (offsetX + b.x() * pageW),
                            (float) (offsetY + pageH * 0.025 * (twoColumns ? 1 : 0) + (b.y() + b.height()) * pageH - h * 0.18));
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    static byte[] jpeg(BufferedImage image, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(Images.toGray(image), null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
