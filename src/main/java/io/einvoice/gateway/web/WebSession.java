package io.einvoice.gateway.web;

import io.einvoice.gateway.archive.Sha256;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.Caller;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The browser's session: the login token of {@code LoginService} in an HttpOnly, SameSite=Strict cookie (Secure when
 * the request came over TLS, directly or through a proxy that says so), and the CSRF token of every form, derived from
 * the session token (or, before login, from a cookie of its own) so that nothing more is stored.
 */
public final class WebSession {

    static final String SESSION_COOKIE = "gw_session";
    static final String LOGIN_COOKIE = "gw_login";
    /** Tokens are short; a longer cookie is not ours and is not looked up. */
    private static final int MAX_TOKEN = 200;

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final AccessService access;

    public WebSession(AccessService access) {
        this.access = access;
    }

    /** The person whose session the cookie carries; API keys open no browser session. */
    Optional<Session> current(HttpServerRequest request) {
        String token = cookie(request, SESSION_COOKIE);
        if (token == null) {
            return Optional.empty();
        }
        return access.authenticate("Bearer " + token)
                .filter(Caller.Person.class::isInstance)
                .map(caller -> new Session((Caller.Person) caller, token, csrfOf(token)));
    }

    static Cookie sessionCookie(String token, boolean secure) {
        return cookie(SESSION_COOKIE, token, secure);
    }

    static Cookie loginCookie(String value, boolean secure) {
        return cookie(LOGIN_COOKIE, value, secure);
    }

    static Cookie expired(String name, boolean secure) {
        return cookie(name, "", secure).setMaxAge(0);
    }

    static String newLoginValue() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The CSRF token forms carry for this session (or login cookie): not guessable without the cookie's value. */
    static String csrfOf(String secret) {
        return Sha256.of("einvoice-web-csrf|" + secret);
    }

    static boolean csrfMatches(String secret, String sent) {
        return secret != null && sent != null && MessageDigest.isEqual(csrfOf(secret).getBytes(StandardCharsets.UTF_8),
                sent.getBytes(StandardCharsets.UTF_8));
    }

    static boolean overTls(HttpServerRequest request) {
        return request.isSSL() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
    }

    static String cookie(HttpServerRequest request, String name) {
        Cookie cookie = request.getCookie(name);
        if (cookie == null || cookie.getValue().isEmpty() || cookie.getValue().length() > MAX_TOKEN) {
            return null;
        }
        return cookie.getValue();
    }

    private static Cookie cookie(String name, String value, boolean secure) {
        return Cookie.cookie(name, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT).setSecure(secure);
    }

    /** A logged-in person, the token of their session and the CSRF token of their forms. */
    record Session(Caller.Person person, String token, String csrf) {
    }
}
