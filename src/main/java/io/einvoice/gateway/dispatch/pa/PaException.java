package io.einvoice.gateway.dispatch.pa;

/** A PA call that did not succeed; the message is our sentence (a spec error code at most), never the PA's words. */
public class PaException extends Exception {

    public enum Kind {
        /** the PA refused the client id or secret, or the token: nothing works until the account is fixed */
        AUTH,
        /** the host of the account is not one the gateway connects to */
        HOST_REFUSED,
        /** no answer in time, or a 5xx/429 after the retries: later may work */
        UNAVAILABLE,
        /** the PA refused the request itself (4xx): sending it again as it is will not help */
        REFUSED
    }

    private final Kind kind;

    public PaException(Kind kind, String sentence) {
        super(sentence);
        this.kind = kind;
    }

    public PaException(Kind kind, String sentence, Throwable cause) {
        super(sentence, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether an identical call later may succeed without a person changing something. */
    public boolean passing() {
        return kind == Kind.UNAVAILABLE;
    }
}
