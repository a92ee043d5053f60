package io.einvoice.gateway.accounting;

/** A document that cannot have a journal entry (nothing to book, not approved or sent): its reason is logged. */
public class NotJournalisableException extends RuntimeException {

    public NotJournalisableException(String message) {
        super(message);
    }
}
