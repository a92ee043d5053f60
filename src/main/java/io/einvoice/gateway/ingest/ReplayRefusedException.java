package io.einvoice.gateway.ingest;

/** A document that cannot be replayed (not quarantined, or replayed already); the message says why. */
public class ReplayRefusedException extends RuntimeException {

    public ReplayRefusedException(String message) {
        super(message);
    }
}
