package io.einvoice.gateway.archive;

/** A document that cannot be archived as it stands (wrong status, already archived); nothing was changed. */
public class NotArchivableException extends RuntimeException {

    public NotArchivableException(String message) {
        super(message);
    }
}
