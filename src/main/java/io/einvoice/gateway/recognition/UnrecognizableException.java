package io.einvoice.gateway.recognition;

/** The document cannot be read at all (damaged, too big, too many pages, no text); the message says which. */
public class UnrecognizableException extends Exception {

    public UnrecognizableException(String message) {
        super(message);
    }

    public UnrecognizableException(String message, Throwable cause) {
        super(message, cause);
    }
}
