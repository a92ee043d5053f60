package io.einvoice.gateway.lifecycle;

/** A CDAR message that cannot be read; the message is ours, it never quotes the input. */
public class UnreadableCdarException extends Exception {

    public UnreadableCdarException(String reason) {
        super(reason);
    }

    public UnreadableCdarException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
