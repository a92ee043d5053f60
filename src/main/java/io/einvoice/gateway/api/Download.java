package io.einvoice.gateway.api;

import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Bytes to send back with their type and the name the browser should save them under. */
public record Download(String fileName, String mediaType, InputStream content) {

    /** RFC 6266: an ASCII fallback and the exact UTF-8 name, so accented supplier file names survive. */
    public String contentDisposition() {
        String ascii = fileName.replaceAll("[^\\x20-\\x7E]", "_").replace("\"", "_");
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
