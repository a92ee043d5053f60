package io.einvoice.gateway.refusal;

/**
 * The thing asked for does not exist or the caller may not see it: both answer alike, so a caller cannot learn
 * what exists in other dossiers.
 */
public final class NotVisibleException extends Refusal {

    public NotVisibleException(String what) {
        super("not_found", what + " does not exist or is not visible to you");
    }
}
