package io.einvoice.gateway.api;

import io.einvoice.gateway.dossier.Caller;
import io.einvoice.gateway.dossier.LoginService;
import io.einvoice.gateway.dossier.LoginThrottledException;
import io.einvoice.gateway.refusal.InvalidInputException;
import io.einvoice.gateway.refusal.NotAllowedException;

import java.util.Map;

/** POST /api/auth/login {"email","password"} -> {"token"}; POST /api/auth/logout closes the session of the token sent. */
public class AuthApi {

    /** An e-mail address has at most 254 characters (RFC 5321); a login body has no reason to be larger than this. */
    static final int MAX_EMAIL = 254;
    static final int MAX_BODY = 4096;

    private final LoginService logins;

    public AuthApi(LoginService logins) {
        this.logins = logins;
    }

    public Map<String, String> login(String body, String clientAddress) {
        if (body != null && body.length() > MAX_BODY) {
            throw new InvalidInputException("a login request is at most " + MAX_BODY + " characters");
        }
        Credentials credentials = Json.read(body, Credentials.class);
        if (credentials.email() == null || credentials.password() == null) {
            throw new InvalidInputException("email and password are required");
        }
        if (credentials.email().length() > MAX_EMAIL) {
            throw new InvalidInputException("email is at most " + MAX_EMAIL + " characters");
        }
        try {
            return logins.login(credentials.email(), credentials.password(), clientAddress)
                    .map(token -> Map.of("token", token))
                    .orElseThrow(() -> new ApiException(401, "invalid_credentials", "wrong email or password"));
        } catch (LoginThrottledException e) {
            throw ApiException.tooManyRequests("too many failed logins for this account or from this address; try again in "
                    + e.retryAfter().toSeconds() + " seconds", e.retryAfter().toSeconds());
        }
    }

    public Map<String, Object> logout(Caller caller, String token, String clientAddress) {
        if (!(caller instanceof Caller.Person person)) {
            throw new NotAllowedException("an API key has no session to log out of; a user revokes it with"
                    + " DELETE /api/dossiers/{siren}/api-keys/{id}");
        }
        logins.logout(person, token, clientAddress);
        return Map.of("loggedOut", true);
    }

    record Credentials(String email, String password) {
    }
}
