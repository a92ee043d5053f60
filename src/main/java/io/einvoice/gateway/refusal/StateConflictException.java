package io.einvoice.gateway.refusal;

/** The request is well formed but the record's current state refuses it (already finalised, changed meanwhile). */
public non-sealed class StateConflictException extends Refusal {

    public StateConflictException(String reason, String message) {
        super(reason, message);
    }
}
