package io.einvoice.gateway.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.einvoice.gateway.api.Json;

import java.util.Map;
import java.util.TreeMap;

/**
 * The one JSON form that is hashed: keys sorted at every level, no whitespace, UTF-8, and only strings, integers,
 * booleans, null, arrays and objects as values (amounts and dates are strings, so no number formatting can differ).
 * This is the subset of RFC 8785 (JCS) that these values need; the hash covers the stored bytes, so a reader checks
 * it with sha256sum without re-serialising anything.
 */
public final class CanonicalJson {

    private static final ObjectWriter WRITER = Json.DATA.writer(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private CanonicalJson() {
    }

    public static String write(Map<String, ?> value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not representable as canonical JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static TreeMap<String, Object> read(String json) {
        try {
            return Json.DATA.readValue(json, new TypeReference<TreeMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored archive metadata is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
