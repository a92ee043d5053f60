package io.einvoice.gateway.refusal;

/** What the caller sent is over the size the gateway takes for it; the sentence gives the limit. */
public final class TooLargeException extends Refusal {

    public TooLargeException(String message) {
        super("too_large", message);
    }
}
