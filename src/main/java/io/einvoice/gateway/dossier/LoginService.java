package io.einvoice.gateway.dossier;

import io.einvoice.gateway.dossier.SecurityEvents.Type;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Logging in and out: the throttle first (a locked account or address gets no password check), then the password,
 * then the audit event. Wrong e-mail and wrong password are one answer.
 */
public class LoginService {

    private static final Logger LOG = LoggerFactory.getLogger(LoginService.class);

    private final UserService users;
    private final LoginThrottle throttle;
    private final SecurityEvents events;

    public LoginService(UserService users, LoginThrottle throttle, SecurityEvents events) {
        this.users = users;
        this.throttle = throttle;
        this.events = events;
    }

    /**
     * @param email as typed, at most 254 characters (checked by the caller)
     * @param clientAddress the peer's IP address, null when unknown (then only the account is counted)
     * @return a login token, or empty for a wrong e-mail or password
     * @throws LoginThrottledException while the account or the address is locked
     */
    public Optional<String> login(String email, String password, String clientAddress) {
        String account = email.trim().toLowerCase();
        LoginThrottle.Charge charge = throttle.charge(account, clientAddress);
        if (charge.refused()) {
            events.record(Type.LOGIN_REFUSED_LOCKED, account, clientAddress, null, null,
                    "retry after " + charge.retryAfter().toSeconds() + " s");
            throw new LoginThrottledException(charge.retryAfter());
        }
        Optional<User> user = users.checkPassword(account, password);
        if (user.isEmpty()) {
            events.record(Type.LOGIN_FAILED, account, clientAddress, null, null, null);
            if (charge.locksOnFailure()) {
                events.record(Type.LOGIN_LOCKED, account, clientAddress, null, null, "too many failed logins in a row");
                LOG.warn("login locked after repeated failures from {}", clientAddress);
            }
            return Optional.empty();
        }
        throttle.succeeded(account, clientAddress);
        events.record(Type.LOGIN_SUCCEEDED, account, clientAddress, user.get().firmId(), null, null);
        return Optional.of(users.openSession(user.get().id()));
    }

    /** @return whether the token was an open session (it no longer is either way) */
    public boolean logout(Caller.Person person, String token, String clientAddress) {
        boolean closed = users.closeSession(token);
        if (closed) {
            events.record(Type.LOGOUT, person.user().email(), clientAddress, person.user().firmId(), null, null);
        }
        return closed;
    }

    /** A password nobody guesses in a few tries, and that BCrypt can hash whole. */
    public static final int MIN_PASSWORD = 12;

    /**
     * A person changes their own password: the current one first (a session left open on a shared screen is not
     * enough, and wrong guesses count as failed logins), then the new one replaces it; the other sessions stay open.
     * The change is a security event.
     *
     * @throws IllegalArgumentException with the reason, when the current password is wrong or the new one unfit
     * @throws LoginThrottledException while the account or the address is locked
     */
    public void changePassword(Caller.Person person, String current, String next, String clientAddress) {
        String account = person.user().email();
        LoginThrottle.Charge charge = throttle.charge(account, clientAddress);
        if (charge.refused()) {
            throw new LoginThrottledException(charge.retryAfter());
        }
        if (current == null || users.checkPassword(account, current).isEmpty()) {
            events.record(Type.LOGIN_FAILED, account, clientAddress, person.user().firmId(), null, "password change");
            throw new IllegalArgumentException("the current password is wrong");
        }
        throttle.succeeded(account, clientAddress);
        if (next == null || next.length() < MIN_PASSWORD
                || next.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > UserService.MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("a password has at least " + MIN_PASSWORD + " characters and at most "
                    + UserService.MAX_PASSWORD_BYTES + " bytes");
        }
        users.setPassword(person.user().email(), next);
        events.record(Type.PASSWORD_CHANGED, person.user().email(), clientAddress, person.user().firmId(), null, null);
    }
}
