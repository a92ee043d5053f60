package io.einvoice.gateway.refusal;

/** Something the request needs (a lock, the validator, a platform) is busy or down now: trying again later may work. */
public final class UnavailableException extends Refusal {

    public UnavailableException(String reason, String message) {
        super(reason, message);
    }
}
