package io.einvoice.gateway.dispatch.chorus;

/** A call to PISTE / Chorus Pro that did not give an answer the client can use, by kind of trouble. */
public final class ChorusCallException extends Exception {

    public enum Kind {
        /** nothing reached the server (connection refused, connect timeout, unknown host): safe to repeat */
        UNREACHABLE(true),
        /** the request left, no answer came: a deposit may or may not have been taken */
        TIMEOUT(true),
        /** 5xx or 429 from the gateway or Chorus Pro */
        SERVER_ERROR(true),
        /** 401 twice, or invalid_client from the token endpoint: the credentials need fixing */
        AUTH_REFUSED(false),
        /** 403: the route is not subscribed in the PISTE application (doc §1) */
        NOT_SUBSCRIBED(false),
        /** 400 or another 4xx: the request itself is wrong */
        BAD_REQUEST(false),
        /** 413: what was asked for is over Chorus Pro's 120 MB limit (a download group, doc §6) */
        TOO_LARGE(false),
        /** HTTP 200 with codeRetour other than 0 */
        BUSINESS(false);

        private final boolean transientFailure;

        Kind(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }

        public boolean isTransient() {
            return transientFailure;
        }
    }

    private final Kind kind;
    private final int httpStatus;

    public ChorusCallException(Kind kind, int httpStatus, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
    }

    public ChorusCallException(Kind kind, int httpStatus, String message) {
        this(kind, httpStatus, message, null);
    }

    public Kind kind() {
        return kind;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
