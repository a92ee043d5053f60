package io.einvoice.gateway.dispatch.chorus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One HTTP call to Chorus Pro through PISTE (doc §1–§2): a cached OAuth2 client-credentials token, renewed before it
 * expires and once more on a 401, the {@code cpro-account} header, POST + JSON, and the answer sorted into success or a
 * {@link ChorusCallException} of the right kind. No retries here: the caller knows which calls are safe to repeat.
 */
public final class ChorusApi {

    private static final Logger LOG = LoggerFactory.getLogger(ChorusApi.class);
    static final ObjectMapper JSON = new ObjectMapper();

    private final ChorusSettings settings;
    private final HttpClient http;
    private final Clock clock;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    private record Token(String value, Instant renewAfter) {
    }

    public ChorusApi(ChorusSettings settings, HttpClient http, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.clock = clock;
    }

    public ChorusApi(ChorusSettings settings) {
        this(settings, HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).build(), Clock.systemUTC());
    }

    public ChorusSettings settings() {
        return settings;
    }

    /** POSTs {@code body} to {@code /cpro/<path>} and returns the JSON answer, whose codeRetour was 0. */
    public JsonNode post(ChorusCredentials credentials, String path, ObjectNode body) throws ChorusCallException {
        HttpResponse<String> response = send(credentials, path, body);
        if (response.statusCode() == 401) {
            // a token revoked or expired early; the doc's clients drop it and try once more
            tokens.remove(credentials.identity());
            response = send(credentials, path, body);
        }
        int status = response.statusCode();
        JsonNode answer = parse(response.body());
        if (status == 401) {
            throw new ChorusCallException(ChorusCallException.Kind.AUTH_REFUSED, status,
                    "Chorus Pro refused the PISTE token or the technical account (cpro-account) for " + path
                            + ": check the technical login and password" + detail(answer));
        }
        if (status == 403) {
            throw new ChorusCallException(ChorusCallException.Kind.NOT_SUBSCRIBED, status, "route /cpro/" + path
                    + " is not subscribed by the PISTE application: accept the API's terms (CGU) on piste.gouv.fr" + detail(answer));
        }
        if (status == 429 || status >= 500) {
            throw new ChorusCallException(ChorusCallException.Kind.SERVER_ERROR, status,
                    "Chorus Pro answered HTTP " + status + " to " + path + detail(answer));
        }
        if (status != 200) {
            throw new ChorusCallException(ChorusCallException.Kind.BAD_REQUEST, status,
                    "Chorus Pro refused the request to " + path + " (HTTP " + status + ")" + detail(answer));
        }
        if (answer == null || answer.path("codeRetour").asInt(-1) != 0) {
            throw new ChorusCallException(ChorusCallException.Kind.BUSINESS, status,
                    "Chorus Pro answered " + path + " with an error" + detail(answer));
        }
        return answer;
    }

    private HttpResponse<String> send(ChorusCredentials credentials, String path, ObjectNode body) throws ChorusCallException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.apiUrl() + "/cpro/" + path))
                .timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + token(credentials))
                .header("cpro-account", credentials.cproAccount())
                .header("Content-Type", "application/json;charset=utf-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
        return exchange(request, path);
    }

    private String token(ChorusCredentials credentials) throws ChorusCallException {
        Token token = tokens.get(credentials.identity());
        if (token != null && clock.instant().isBefore(token.renewAfter())) {
            return token.value();
        }
        String form = "grant_type=client_credentials&client_id=" + encode(credentials.pisteClientId())
                + "&client_secret=" + encode(credentials.pisteClientSecret()) + "&scope=openid";
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.tokenUrl()))
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response = exchange(request, "PISTE token");
        JsonNode answer = parse(response.body());
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            throw new ChorusCallException(ChorusCallException.Kind.SERVER_ERROR, status, "PISTE token endpoint answered HTTP " + status);
        }
        if (status != 200 || answer == null || answer.path("access_token").asText("").isEmpty()) {
            String error = answer == null ? "" : answer.path("error").asText("");
            throw new ChorusCallException(ChorusCallException.Kind.AUTH_REFUSED, status,
                    "PISTE refused the OAuth client " + credentials.pisteClientId() + " (HTTP " + status
                            + (error.isEmpty() ? "" : ", " + error) + "): check the client id and secret");
        }
        long seconds = answer.path("expires_in").asLong(3600);
        Instant renewAfter = clock.instant().plusSeconds(seconds).minus(settings.tokenMargin());
        tokens.put(credentials.identity(), new Token(answer.get("access_token").asText(), renewAfter));
        LOG.debug("PISTE token for {} valid {} s", credentials.pisteClientId(), seconds);
        return answer.get("access_token").asText();
    }

    private HttpResponse<String> exchange(HttpRequest request, String what) throws ChorusCallException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException | ConnectException | UnknownHostException e) {
            throw new ChorusCallException(ChorusCallException.Kind.UNREACHABLE, 0, "Chorus Pro unreachable for " + what + ": " + e, e);
        } catch (HttpTimeoutException e) {
            throw new ChorusCallException(ChorusCallException.Kind.TIMEOUT, 0,
                    "no answer from Chorus Pro to " + what + " within " + settings.requestTimeout().toMillis() + " ms", e);
        } catch (IOException e) {
            // connection reset or closed mid-exchange: the request may have arrived
            throw new ChorusCallException(ChorusCallException.Kind.TIMEOUT, 0, "connection to Chorus Pro lost during " + what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChorusCallException(ChorusCallException.Kind.TIMEOUT, 0, "interrupted during " + what, e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String detail(JsonNode answer) {
        if (answer == null) {
            return "";
        }
        String libelle = answer.path("libelle").asText("");
        String code = answer.path("codeRetour").asText("");
        if (!libelle.isEmpty()) {
            return ": " + (code.isEmpty() ? "" : code + " ") + libelle;
        }
        String error = answer.path("error_description").asText(answer.path("error").asText(""));
        return error.isEmpty() ? "" : ": " + error;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
