package io.einvoice.gateway.dossier;

import java.time.Duration;

/** Too many failed logins for this account or from this address: no password is checked until the wait is over. */
public class LoginThrottledException extends RuntimeException {

    private final Duration retryAfter;

    public LoginThrottledException(Duration retryAfter) {
        super("too many failed logins; try again in " + retryAfter.toSeconds() + " seconds");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
