package io.einvoice.gateway.recognition;

/** Bounds on what recognition accepts, so one hostile or absurd file cannot exhaust memory or time. */
public record RecognitionLimits(int maxPages, long maxPixels) {

    /** 100 pages; 100 megapixels (an A4 page at 300 dpi is 8.7 Mpx, an A0 at 300 dpi 140 Mpx). */
    public static final RecognitionLimits DEFAULT = new RecognitionLimits(100, 100_000_000L);
}
