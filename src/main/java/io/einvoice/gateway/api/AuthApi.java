package io.einvoice.gateway.api;

import io.einvoice.gateway.dossier.UserService;

import java.util.Map;

/** POST /api/auth/login {"email","password"} -> {"token"}. */
public class AuthApi {

    private final UserService users;

    public AuthApi(UserService users) {
        this.users = users;
    }

    public Map<String, String> login(String body) {
        Credentials credentials = Json.read(body, Credentials.class);
        if (credentials.email() == null || credentials.password() == null) {
            throw ApiException.badRequest("email and password are required");
        }
        return users.login(credentials.email(), credentials.password())
                .map(token -> Map.of("token", token))
                .orElseThrow(() -> new ApiException(401, "invalid_credentials", "wrong email or password"));
    }

    record Credentials(String email, String password) {
    }
}
