package io.einvoice.gateway.recognition;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Finds the skew of a scanned page by projection profiles: text lines give the sharpest row profile (highest variance
 * of dark pixels per row) when the page is straight. Done in Java on a downscaled copy because Debian 12's Leptonica
 * cannot be used from tess4j.
 */
final class Deskew {

    private static final double MAX_ANGLE = 6;
    private static final double STEP = 0.2;
    private static final int WORK_WIDTH = 1000;

    private Deskew() {
    }

    /** @return the angle (degrees, clockwise positive) the page's text lines are tilted by; 0 when there is no text */
    static double angle(BufferedImage gray) {
        BufferedImage small = gray.getWidth() > WORK_WIDTH ? Images.scale(gray, (double) WORK_WIDTH / gray.getWidth()) : gray;
        int w = small.getWidth();
        int h = small.getHeight();
        byte[] px = ((DataBufferByte) small.getRaster().getDataBuffer()).getData();
        int count = 0;
        for (byte b : px) {
            if ((b & 0xFF) < 128) {
                count++;
            }
        }
        if (count < 50 || count > px.length / 2) {
            return 0;
        }
        int[] xs = new int[count];
        int[] ys = new int[count];
        int n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if ((px[y * w + x] & 0xFF) < 128) {
                    xs[n] = x;
                    ys[n] = y;
                    n++;
                }
            }
        }
        double best = 0;
        double bestScore = -1;
        int margin = (int) Math.ceil(w * Math.tan(Math.toRadians(MAX_ANGLE))) + 1;
        int[] rows = new int[h + 2 * margin];
        for (double a = -MAX_ANGLE; a <= MAX_ANGLE + 1e-9; a += STEP) {
            double tan = Math.tan(Math.toRadians(a));
            java.util.Arrays.fill(rows, 0);
            for (int i = 0; i < n; i++) {
                // a line tilted clockwise by a goes down to the right: y - x·tan(a) is constant along it
                int row = (int) Math.round(ys[i] - xs[i] * tan) + margin;
                if (row >= 0 && row < rows.length) {
                    rows[row]++;
                }
            }
            double score = 0;
            for (int r : rows) {
                score += (double) r * r;
            }
            if (score > bestScore) {
                bestScore = score;
                best = a;
            }
        }
        return Math.round(best * 10) / 10.0;
    }
}
