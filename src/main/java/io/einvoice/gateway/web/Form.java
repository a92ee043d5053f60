package io.einvoice.gateway.web;

import io.netty.handler.codec.http.QueryStringDecoder;

import java.util.List;
import java.util.Map;

/**
 * The fields of a form a browser posted (application/x-www-form-urlencoded). The HTTP guard keeps such bodies as
 * sent (the API takes none), so they are decoded here, with Netty's decoder, after their size was bounded.
 */
final class Form {

    static final int MAX_BODY = 64 * 1024;
    private static final int MAX_FIELDS = 100;

    private final Map<String, List<String>> fields;

    private Form(Map<String, List<String>> fields) {
        this.fields = fields;
    }

    static Form parse(String body) {
        if (body != null && body.length() > MAX_BODY) {
            throw new BadInput("form.tooLarge");
        }
        return new Form(new QueryStringDecoder(body == null ? "" : body, java.nio.charset.StandardCharsets.UTF_8, false,
                MAX_FIELDS).parameters());
    }

    /** The field's value (the first if sent twice), stripped, or null when absent or blank. */
    String get(String name) {
        List<String> values = fields.get(name);
        if (values == null || values.isEmpty() || values.get(0).isBlank()) {
            return null;
        }
        return values.get(0).strip();
    }

    /** As {@link #get} but at most {@code max} characters, or the form is refused with a message of the bundle. */
    String get(String name, int max) {
        String value = get(name);
        if (value != null && value.length() > max) {
            throw new BadInput("form.fieldTooLong");
        }
        return value;
    }

    /** Every non-blank value of a field sent several times (checkboxes of one name), stripped, each of 100 at most. */
    List<String> all(String name) {
        List<String> values = fields.getOrDefault(name, List.of());
        for (String value : values) {
            if (value.length() > 100) {
                throw new BadInput("form.fieldTooLong");
            }
        }
        return values.stream().filter(v -> !v.isBlank()).map(String::strip).toList();
    }

    boolean has(String name) {
        return fields.containsKey(name);
    }

    /** Input the page refuses with a sentence of the bundle (the key), shown to the person as the page's error. */
    static final class BadInput extends RuntimeException {
        BadInput(String messageKey) {
            super(messageKey);
        }
    }
}
