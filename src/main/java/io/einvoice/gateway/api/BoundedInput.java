package io.einvoice.gateway.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.einvoice.gateway.invoice.Decimals;
import io.einvoice.gateway.invoice.InputLimitException;
import io.einvoice.gateway.invoice.TextLimits;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * How request bodies read decimals and texts: every BigDecimal through {@link Decimals} (from a JSON number or a
 * string, the text as written, never through Jackson's own BigDecimal), every String within its field's
 * {@link TextLimits}. The failure names the field by its path in the body.
 */
final class BoundedInput {

    private BoundedInput() {
    }

    static SimpleModule module() {
        return new SimpleModule("bounded-input")
                .addDeserializer(BigDecimal.class, new DecimalDeserializer())
                .addDeserializer(String.class, new TextDeserializer());
    }

    private static final class DecimalDeserializer extends StdScalarDeserializer<BigDecimal> {

        DecimalDeserializer() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT && token != JsonToken.VALUE_STRING) {
                return (BigDecimal) ctxt.handleUnexpectedToken(BigDecimal.class, p);
            }
            String text = p.getText();
            if (token == JsonToken.VALUE_STRING && text.isBlank()) {
                return null;
            }
            try {
                return Decimals.parse(Json.path(p.getParsingContext()), text);
            } catch (InputLimitException e) {
                throw JsonMappingException.from(p, e.getMessage(), e);
            }
        }
    }

    private static final class TextDeserializer extends StdScalarDeserializer<String> {

        TextDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            if (token != JsonToken.VALUE_STRING && !token.isScalarValue()) {
                return (String) ctxt.handleUnexpectedToken(String.class, p);
            }
            String text = p.getText();
            try {
                return TextLimits.check(Json.path(p.getParsingContext()), text);
            } catch (InputLimitException e) {
                throw JsonMappingException.from(p, e.getMessage(), e);
            }
        }
    }
}
