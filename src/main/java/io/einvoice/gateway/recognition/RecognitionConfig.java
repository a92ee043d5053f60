package io.einvoice.gateway.recognition;

import java.util.Map;

/**
 * Recognition settings from the environment: GATEWAY_OCR_THREADS (Tesseract instances working at once, default 1 —
 * each takes a core), GATEWAY_RECOGNITION_MAX_PAGES (100) and GATEWAY_RECOGNITION_MAX_PIXELS (100000000).
 */
public record RecognitionConfig(int ocrThreads, RecognitionLimits limits) {

    public static RecognitionConfig fromEnvironment(Map<String, String> env) {
        return new RecognitionConfig(
                Integer.parseInt(env.getOrDefault("GATEWAY_OCR_THREADS", "1")),
                new RecognitionLimits(
                        Integer.parseInt(env.getOrDefault("GATEWAY_RECOGNITION_MAX_PAGES", String.valueOf(RecognitionLimits.DEFAULT.maxPages()))),
                        Long.parseLong(env.getOrDefault("GATEWAY_RECOGNITION_MAX_PIXELS", String.valueOf(RecognitionLimits.DEFAULT.maxPixels())))));
    }
}
