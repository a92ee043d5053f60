package io.einvoice.gateway.refusal;

/** What the caller sent cannot be used as it is (a missing field, a malformed value); the sentence says which. */
public final class InvalidInputException extends Refusal {

    public InvalidInputException(String message) {
        super("invalid_request", message);
    }
}
