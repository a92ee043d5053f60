package io.einvoice.gateway.ingest;

import java.text.Normalizer;

/**
 * File names that come from outside (uploads, attachments) are kept for display only: reduced to their last path
 * segment, without control characters or characters that are unsafe on common file systems, never empty.
 */
public final class FileNames {

    static final int MAX_LENGTH = 200;

    private FileNames() {
    }

    public static String sanitize(String name) {
        if (name == null) {
            return "unnamed";
        }
        String lastSegment = name.replace('\\', '/');
        lastSegment = lastSegment.substring(lastSegment.lastIndexOf('/') + 1);
        String cleaned = Normalizer.normalize(lastSegment, Normalizer.Form.NFC)
                .replaceAll("[\\p{Cntrl}<>:\"|?*]", "_")
                .strip();
        while (cleaned.startsWith(".")) {
            cleaned = cleaned.substring(1);
        }
        if (cleaned.isBlank()) {
            return "unnamed";
        }
        return cleaned.length() <= MAX_LENGTH ? cleaned : cleaned.substring(cleaned.length() - MAX_LENGTH);
    }
}
