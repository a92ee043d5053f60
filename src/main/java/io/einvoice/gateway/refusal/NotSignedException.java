package io.einvoice.gateway.refusal;

/** A call that must prove who sent it (a signature, credentials) did not; nothing was read from it. */
public final class NotSignedException extends Refusal {

    public NotSignedException(String message) {
        super("unauthorized", message);
    }
}
