package io.einvoice.gateway.refusal;

/** The request is well formed and allowed, but what it asks cannot be made from the data as it is (not ready yet). */
public non-sealed class NotPossibleException extends Refusal {

    public NotPossibleException(String reason, String message) {
        super(reason, message);
    }
}
