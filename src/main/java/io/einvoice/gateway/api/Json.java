package io.einvoice.gateway.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.einvoice.gateway.invoice.InputLimitException;
import io.einvoice.gateway.refusal.InvalidInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Request bodies: parsed strictly and within limits (numbers, texts, nesting, names are bounded before memory is
 * spent; every decimal goes through the one bounded parser, every text through its field's length limit); a
 * malformed or unexpected one is a 400 that names the field, in our words, never echoing the input.
 */
public final class Json {

    /** Longer than any decimal, integer or long we accept: what is longer is refused while parsing, unread. */
    static final int MAX_NUMBER_CHARACTERS = 40;
    /** Far above any field's own limit (TextLimits): only bounds what one token can take before that check. */
    static final int MAX_STRING_CHARACTERS = 1_000_000;
    static final int MAX_NESTING = 32;
    static final int MAX_NAME_CHARACTERS = 200;

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");

    /**
     * The gateway's own JSON: what it stores (recognition lines, reports, settings), writes to files (archive bundles)
     * and reads from the platforms it calls. Jackson's defaults, without the request limits below: a Chorus answer
     * carries a whole PDF in base64.
     */
    public static final ObjectMapper DATA = JsonMapper.builder().build();
    /** {@link #DATA}, indented, for files people read. */
    public static final ObjectWriter PRETTY = DATA.writer(SerializationFeature.INDENT_OUTPUT);

    /** Callers' request bodies: {@link #DATA}'s settings plus the limits and bounded readers of this class. */
    static final ObjectMapper MAPPER = JsonMapper.builder(new com.fasterxml.jackson.core.JsonFactoryBuilder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNumberLength(MAX_NUMBER_CHARACTERS)
                            .maxStringLength(MAX_STRING_CHARACTERS)
                            .maxNestingDepth(MAX_NESTING)
                            .maxNameLength(MAX_NAME_CHARACTERS)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // trees keep a number's digits as written (120.10 stays 120.10, 1e5 stays an exponent the parser refuses)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .addModule(BoundedInput.module())
            .build();

    private Json() {
    }

    public static <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw new InvalidInputException("a JSON body is required");
        }
        try (JsonParser parser = MAPPER.createParser(body)) {
            try {
                return MAPPER.readValue(parser, type);
            } catch (JsonProcessingException e) {
                throw refused(e, parser);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String cannot fail to be read
        }
    }

    /** A value as JSON text, as the API writes it (the web pages send their forms to the API's beans this way). */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a value of the gateway's own could not be written as JSON", e);
        }
    }

    /** A JSON object as a tree (corrections, whose field names are data); texts are not length-checked here. */
    public static JsonNode readTree(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidInputException("a JSON body is required");
        }
        try (JsonParser parser = MAPPER.createParser(body)) {
            try {
                return MAPPER.readTree(parser);
            } catch (JsonProcessingException e) {
                throw refused(e, parser);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Our sentence for what Jackson refused: its own messages quote the input. */
    static InvalidInputException refused(JsonProcessingException e, JsonParser parser) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InputLimitException limit) {
                return new InvalidInputException(limit.getMessage());
            }
        }
        String field = field(e, parser);
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new InvalidInputException((field.isEmpty() ? "a field" : "field " + field) + " is not known here"
                    + known(unknown.getKnownPropertyIds()));
        }
        if (e instanceof StreamConstraintsException) {
            return new InvalidInputException((field.isEmpty() ? "the JSON body" : "field " + field) + " goes beyond the"
                    + " limits of a request: numbers of at most " + MAX_NUMBER_CHARACTERS + " characters, texts of at most "
                    + MAX_STRING_CHARACTERS + ", names of at most " + MAX_NAME_CHARACTERS + ", " + MAX_NESTING
                    + " levels of nesting");
        }
        if (e instanceof MismatchedInputException mismatch && !field.isEmpty()) {
            return new InvalidInputException("field " + field + " must be " + expected(mismatch.getTargetType()));
        }
        if (e instanceof JsonParseException && e.getLocation() != null) {
            return new InvalidInputException("the body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + "); send a JSON object such as {\"name\": \"value\"}");
        }
        return new InvalidInputException("the JSON body is not acceptable" + (field.isEmpty() ? "" : " at field " + field)
                + "; send a JSON object with the fields this endpoint describes (GET /api/openapi.json)");
    }

    private static String known(Collection<Object> names) {
        return names == null || names.isEmpty() ? "" : "; fields: " + String.join(", ", names.stream().map(String::valueOf).sorted().toList());
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class || type.isEnum()) {
            return "a text";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list [...]";
        }
        return "an object {...}";
    }

    /** "mailboxes[0].port": which value was wrong, with only the names we know how to spell (never a caller's bytes). */
    private static String field(JsonProcessingException e, JsonParser parser) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference r : mapping.getPath()) {
                append(path, r.getFieldName(), r.getIndex());
            }
            return path.toString();
        }
        // a limit found while reading: where the parser stands is the field
        return parser.getParsingContext() == null ? "" : path(parser.getParsingContext());
    }

    /** The same spelling from where a parser stands (limits found while reading, before any object is made). */
    static String path(JsonStreamContext context) {
        java.util.ArrayDeque<JsonStreamContext> chain = new java.util.ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            chain.push(c);
        }
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c : chain) {
            if (c.inObject()) {
                append(path, c.getCurrentName(), -1);
            } else if (c.inArray()) {
                append(path, null, Math.max(0, c.getCurrentIndex()));
            }
        }
        return path.toString();
    }

    private static void append(StringBuilder path, String name, int index) {
        if (name != null) {
            path.append(path.isEmpty() ? "" : ".").append(PLAIN_NAME.matcher(name).matches() ? name : "?");
        } else if (index >= 0) {
            path.append('[').append(index).append(']');
        }
    }
}
