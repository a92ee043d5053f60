package io.einvoice.gateway.refusal;

/** The caller is known but their role or account may not do this; the sentence says who may. */
public final class NotAllowedException extends Refusal {

    public NotAllowedException(String message) {
        super("forbidden", message);
    }
}
