package io.einvoice.gateway.facturx;

/** A document could not be converted; the message says why, in words a user can act on. */
public class ConversionException extends Exception {

    public ConversionException(String message) {
        super(message);
    }

    public ConversionException(String message, Throwable cause) {
        super(message, cause);
    }
}
