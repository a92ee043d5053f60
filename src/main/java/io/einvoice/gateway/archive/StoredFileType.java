package io.einvoice.gateway.archive;

import java.nio.charset.StandardCharsets;

/** What a stored file without a name is (validation reports), told by its first bytes. */
public enum StoredFileType {
    XML("xml", "application/xml"),
    JSON("json", "application/json"),
    PDF("pdf", "application/pdf"),
    TEXT("txt", "text/plain; charset=UTF-8");

    private final String extension;
    private final String mediaType;

    StoredFileType(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public static StoredFileType sniff(byte[] head) {
        String start = new String(head, StandardCharsets.ISO_8859_1).stripLeading();
        if (start.startsWith("%PDF")) {
            return PDF;
        }
        if (start.startsWith("<")) {
            return XML;
        }
        return start.startsWith("{") || start.startsWith("[") ? JSON : TEXT;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }
}
