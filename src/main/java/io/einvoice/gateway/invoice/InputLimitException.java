package io.einvoice.gateway.invoice;

/**
 * A value from outside (an API body, a query parameter, an imported cell) broke one of the input limits. The message
 * names the field and the rule, never the value: it goes back to callers and into logs as it is.
 */
public class InputLimitException extends IllegalArgumentException {

    private final String field;

    public InputLimitException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
