package io.einvoice.gateway.recognition;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/** The few image operations OCR needs, on 8-bit gray images (what Tesseract's raw-pixel path takes). */
final class Images {

    private Images() {
    }

    static BufferedImage toGray(BufferedImage image) {
        return image.getType() == BufferedImage.TYPE_BYTE_GRAY ? image : onWhite(image, BufferedImage.TYPE_BYTE_GRAY);
    }

    /** The image drawn on white paper in the given type: transparent pixels become white, not black. */
    static BufferedImage onWhite(BufferedImage image, int type) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), type);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Turns the image clockwise by 90, 180 or 270 degrees. */
    static BufferedImage rotateQuadrants(BufferedImage image, int degrees) {
        boolean swap = degrees == 90 || degrees == 270;
        int w = image.getWidth();
        int h = image.getHeight();
        int type = image.getType() == BufferedImage.TYPE_BYTE_GRAY ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB;
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, type);
        AffineTransform t = new AffineTransform();
        t.translate(out.getWidth() / 2.0, out.getHeight() / 2.0);
        t.rotate(Math.toRadians(degrees));
        t.translate(-w / 2.0, -h / 2.0);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(image, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Turns the image by a small angle (degrees, clockwise positive) around its centre, on a white background. */
    static BufferedImage rotate(BufferedImage gray, double degrees) {
        BufferedImage out = new BufferedImage(gray.getWidth(), gray.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.rotate(Math.toRadians(degrees), gray.getWidth() / 2.0, gray.getHeight() / 2.0);
            g.drawImage(gray, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Height of an A4 page in inches: the longer side of the pages this gateway reads (Letter's is 11). */
    private static final double PAGE_INCHES = 11.69;
    /** Tesseract's own range of credible resolutions ends at 70 dpi; a smaller image is a thumbnail, not a scan. */
    private static final int MIN_CREDIBLE_DPI = 70;
    private static final int MAX_CREDIBLE_DPI = 1200;

    /** The resolution a page image was scanned at, from its longer side taken as an A4 page's height. */
    static double estimatedDpi(BufferedImage image) {
        return Math.max(image.getWidth(), image.getHeight()) / PAGE_INCHES;
    }

    /**
     * Below this estimated resolution the page is enlarged to 300 dpi before OCR: on the hard scan bench's aside part, a
     * 150-dpi page lost its totals' digits read at its own size (and was right enlarged), while 200-dpi pages read as
     * well at their own size, at two thirds of the OCR time.
     */
    static final int ENLARGE_BELOW_DPI = 175;

    /** A page scanned below {@link #ENLARGE_BELOW_DPI} enlarged to 300 dpi, others unchanged. */
    static BufferedImage atLeastOcrResolution(BufferedImage gray) {
        return ocrDpi(gray) < ENLARGE_BELOW_DPI ? scale(gray, TesseractOcr.DPI / estimatedDpi(gray)) : gray;
    }

    /** The resolution Tesseract is told a page image has: the estimate, within Tesseract's credible range. */
    static int ocrDpi(BufferedImage image) {
        return (int) Math.max(MIN_CREDIBLE_DPI, Math.min(MAX_CREDIBLE_DPI, Math.round(estimatedDpi(image))));
    }

    static BufferedImage scale(BufferedImage gray, double factor) {
        int w = Math.max(1, (int) Math.round(gray.getWidth() * factor));
        int h = Math.max(1, (int) Math.round(gray.getHeight() * factor));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(gray, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
