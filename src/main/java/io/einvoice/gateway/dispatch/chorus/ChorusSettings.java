package io.einvoice.gateway.dispatch.chorus;

import java.time.Duration;
import java.util.Map;

/**
 * Where Chorus Pro is and how patiently the client talks to it.
 *
 * @param apiUrl          base of the {@code /cpro/...} paths ({@code GATEWAY_CHORUS_API_URL})
 * @param tokenUrl        PISTE OAuth2 token URL ({@code GATEWAY_CHORUS_TOKEN_URL})
 * @param requestTimeout  per call; clients in production use 20–30 s (doc §2)
 * @param tokenMargin     a token is renewed this long before it expires (OCA keeps 240 s)
 * @param retryInitial    first backoff delay after a transient failure, doubled each time
 * @param retryAttempts   calls in all, the first included, before a transient failure is given up
 * @param pollInterval    pause between two flux report reads during a send
 * @param pollsPerSend    flux report reads within one send; the flux is then left to {@link ChorusDispatcher#followUp}
 * @param uncertainGrace  how long an unacknowledged deposit stays unresolved before, still not found on Chorus Pro by
 *                        its number, it counts as never deposited (the search only shows integrated invoices, and
 *                        integration takes minutes to hours: doc §6)
 */
public record ChorusSettings(String apiUrl, String tokenUrl, Duration requestTimeout, Duration tokenMargin,
                             Duration retryInitial, int retryAttempts, Duration pollInterval, int pollsPerSend,
                             Duration uncertainGrace) {

    public static final String SANDBOX_API_URL = "https://sandbox-api.piste.gouv.fr";
    public static final String SANDBOX_TOKEN_URL = "https://sandbox-oauth.piste.gouv.fr/api/oauth/token";

    public static ChorusSettings fromEnvironment(Map<String, String> env) {
        return defaults(value(env, "GATEWAY_CHORUS_API_URL", SANDBOX_API_URL), value(env, "GATEWAY_CHORUS_TOKEN_URL", SANDBOX_TOKEN_URL));
    }

    public static ChorusSettings defaults(String apiUrl, String tokenUrl) {
        return new ChorusSettings(trimSlash(apiUrl), tokenUrl, Duration.ofSeconds(30), Duration.ofSeconds(240),
                Duration.ofSeconds(2), 4, Duration.ofSeconds(20), 6, Duration.ofHours(24));
    }

    public ChorusSettings withTimeouts(Duration request, Duration retry, Duration poll) {
        return new ChorusSettings(apiUrl, tokenUrl, request, tokenMargin, retry, retryAttempts, poll, pollsPerSend, uncertainGrace);
    }

    public ChorusSettings withUncertainGrace(Duration grace) {
        return new ChorusSettings(apiUrl, tokenUrl, requestTimeout, tokenMargin, retryInitial, retryAttempts, pollInterval,
                pollsPerSend, grace);
    }

    private static String value(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
