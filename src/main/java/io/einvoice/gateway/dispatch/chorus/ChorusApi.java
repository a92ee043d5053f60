package io.einvoice.gateway.dispatch.chorus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.einvoice.gateway.api.Json;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpComponent;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One HTTP call to Chorus Pro through PISTE (doc §1–§2): a cached OAuth2 client-credentials token, renewed before it
 * expires and once more on a 401, the {@code cpro-account} header, POST + JSON, and the answer sorted into success or a
 * {@link ChorusCallException} of the right kind. The calls go out through Camel's {@code http}/{@code https} endpoints
 * (camel-http), whose timeouts are set from {@link ChorusSettings}, so they show in Camel's metrics like every other
 * endpoint. No retries here: the caller knows which calls are safe to repeat. Messages are our own sentences: nothing
 * Chorus Pro wrote is copied into them but its numeric return code.
 */
public final class ChorusApi {

    private static final Logger LOG = LoggerFactory.getLogger(ChorusApi.class);
    static final ObjectMapper JSON = Json.DATA;
    /** The largest answer read: a structure's service list asked 10000 at a time stays well below it. */
    public static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;
    /** RFC 6749 §5.2 error codes: ours to repeat, unlike a free-text description. */
    private static final Set<String> OAUTH_ERRORS = Set.of("invalid_request", "invalid_client", "invalid_grant",
            "unauthorized_client", "unsupported_grant_type", "invalid_scope");

    private final ChorusSettings settings;
    private final Supplier<CamelContext> camel;
    private final Clock clock;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private volatile ProducerTemplate producer;

    private record Token(String value, Instant renewAfter) {
    }

    private record Answer(int status, JsonNode json) {
    }

    /** @param camel the running Camel context, asked for at the first call (the gateway's exists only once started) */
    public ChorusApi(ChorusSettings settings, Supplier<CamelContext> camel, Clock clock) {
        this.settings = settings;
        this.camel = camel;
        this.clock = clock;
    }

    public ChorusApi(ChorusSettings settings, Supplier<CamelContext> camel) {
        this(settings, camel, Clock.systemUTC());
    }

    public ChorusSettings settings() {
        return settings;
    }

    /** POSTs {@code body} to {@code /cpro/<path>} and returns the JSON answer, whose codeRetour was 0. */
    public JsonNode post(ChorusCredentials credentials, String path, ObjectNode body) throws ChorusCallException {
        return post(credentials, path, body, MAX_ANSWER_BYTES, Set.of());
    }

    /**
     * As {@link #post(ChorusCredentials, String, ObjectNode)}, reading at most {@code maxAnswerBytes} (a downloaded
     * invoice comes base64 inside the JSON answer) and taking the codeRetour values in {@code alsoFine} as answers
     * too (a search that found nothing is codeRetour 20000).
     */
    public JsonNode post(ChorusCredentials credentials, String path, ObjectNode body, int maxAnswerBytes,
                         Set<Integer> alsoFine) throws ChorusCallException {
        Answer response = send(credentials, path, body, maxAnswerBytes);
        if (response.status() == 401) {
            // a token revoked or expired early; the doc's clients drop it and try once more
            tokens.remove(credentials.identity());
            response = send(credentials, path, body, maxAnswerBytes);
        }
        int status = response.status();
        JsonNode answer = response.json();
        if (status == 401) {
            throw new ChorusCallException(ChorusCallException.Kind.AUTH_REFUSED, status,
                    "Chorus Pro refused the PISTE token or the technical account (cpro-account) for " + path
                            + ": check the technical login and password" + code(answer));
        }
        if (status == 403) {
            throw new ChorusCallException(ChorusCallException.Kind.NOT_SUBSCRIBED, status, "route /cpro/" + path
                    + " is not subscribed by the PISTE application: accept the API's terms (CGU) on piste.gouv.fr" + code(answer));
        }
        if (status == 413) {
            throw new ChorusCallException(ChorusCallException.Kind.TOO_LARGE, status,
                    "Chorus Pro will not send what " + path + " asked for: over its 120 MB limit (HTTP 413)");
        }
        if (status == 429 || status >= 500) {
            throw new ChorusCallException(ChorusCallException.Kind.SERVER_ERROR, status,
                    "Chorus Pro answered HTTP " + status + " to " + path + code(answer));
        }
        if (status != 200) {
            throw new ChorusCallException(ChorusCallException.Kind.BAD_REQUEST, status,
                    "Chorus Pro refused the request to " + path + " (HTTP " + status + ")" + code(answer));
        }
        int returned = answer == null ? -1 : answer.path("codeRetour").asInt(-1);
        if (returned != 0 && !alsoFine.contains(returned)) {
            throw new ChorusCallException(ChorusCallException.Kind.BUSINESS, status,
                    "Chorus Pro answered " + path + " with an error" + code(answer));
        }
        return answer;
    }

    private Answer send(ChorusCredentials credentials, String path, ObjectNode body, int maxAnswerBytes)
            throws ChorusCallException {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token(credentials));
        headers.put("cpro-account", credentials.cproAccount());
        headers.put(Exchange.CONTENT_TYPE, "application/json;charset=utf-8");
        return exchange(settings.apiUrl() + "/cpro/" + path, headers, body.toString(), path, maxAnswerBytes);
    }

    private String token(ChorusCredentials credentials) throws ChorusCallException {
        Token token = tokens.get(credentials.identity());
        if (token != null && clock.instant().isBefore(token.renewAfter())) {
            return token.value();
        }
        String form = "grant_type=client_credentials&client_id=" + encode(credentials.pisteClientId())
                + "&client_secret=" + encode(credentials.pisteClientSecret()) + "&scope=openid";
        Answer response = exchange(settings.tokenUrl(), Map.of(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded"),
                form, "PISTE token", MAX_ANSWER_BYTES);
        JsonNode answer = response.json();
        int status = response.status();
        if (status == 429 || status >= 500) {
            throw new ChorusCallException(ChorusCallException.Kind.SERVER_ERROR, status, "PISTE token endpoint answered HTTP " + status);
        }
        if (status != 200 || answer == null || answer.path("access_token").asText("").isEmpty()) {
            String error = answer == null ? "" : answer.path("error").asText("");
            throw new ChorusCallException(ChorusCallException.Kind.AUTH_REFUSED, status,
                    "PISTE refused the OAuth client " + credentials.pisteClientId() + " (HTTP " + status
                            + (OAUTH_ERRORS.contains(error) ? ", " + error : "") + "): check the client id and secret");
        }
        long seconds = answer.path("expires_in").asLong(3600);
        Instant renewAfter = clock.instant().plusSeconds(seconds).minus(settings.tokenMargin());
        tokens.put(credentials.identity(), new Token(answer.get("access_token").asText(), renewAfter));
        LOG.debug("PISTE token for {} valid {} s", credentials.pisteClientId(), seconds);
        return answer.get("access_token").asText();
    }

    /** One POST through camel-http; the status and the JSON answer (null when there is none or it is not JSON). */
    private Answer exchange(String url, Map<String, Object> headers, String body, String what, int maxAnswerBytes)
            throws ChorusCallException {
        Exchange exchange = producer().send(url + "?throwExceptionOnFailure=false", ex -> {
            Message message = ex.getMessage();
            message.setHeader(Exchange.HTTP_METHOD, "POST");
            message.setHeader("Accept", "application/json");
            headers.forEach(message::setHeader);
            message.setBody(body);
        });
        Exception failure = exchange.getException();
        if (failure != null) {
            throw unanswered(failure, what);
        }
        Message message = exchange.getMessage();
        Integer status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        Long announced = message.getHeader(Exchange.CONTENT_LENGTH, Long.class);
        try (InputStream in = message.getBody(InputStream.class)) {
            byte[] bytes = announced != null && announced > maxAnswerBytes ? null
                    : in == null ? new byte[0] : in.readNBytes(maxAnswerBytes + 1);
            if (bytes == null || bytes.length > maxAnswerBytes) {
                // unusable, and the request may have been taken: handled like an answer that never came
                throw new ChorusCallException(ChorusCallException.Kind.TIMEOUT, status == null ? 0 : status,
                        "the answer of Chorus Pro to " + what + " is larger than " + maxAnswerBytes + " bytes and was not read");
            }
            return new Answer(status == null ? 0 : status, parse(bytes));
        } catch (IOException e) {
            throw unanswered(e, what);
        }
    }

    private ChorusCallException unanswered(Exception failure, String what) {
        if (failure instanceof ConnectException || failure instanceof ConnectTimeoutException
                || failure instanceof UnknownHostException) {
            return new ChorusCallException(ChorusCallException.Kind.UNREACHABLE, 0, "Chorus Pro unreachable for " + what
                    + " (no connection to " + settings.apiUrl() + ")", failure);
        }
        if (failure instanceof SocketTimeoutException) {
            return new ChorusCallException(ChorusCallException.Kind.TIMEOUT, 0,
                    "no answer from Chorus Pro to " + what + " within " + settings.requestTimeout().toMillis() + " ms", failure);
        }
        // connection reset or closed mid-exchange: the request may have arrived
        LOG.debug("chorus call {} lost", what, failure);
        return new ChorusCallException(ChorusCallException.Kind.TIMEOUT, 0, "connection to Chorus Pro lost during " + what, failure);
    }

    /** The template, made at the first call, with the http and https components' timeouts set from the settings. */
    private ProducerTemplate producer() {
        ProducerTemplate current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    CamelContext context = camel.get();
                    long timeout = settings.requestTimeout().toMillis();
                    for (String scheme : new String[] {"http", "https"}) {
                        HttpComponent http = context.getComponent(scheme, HttpComponent.class);
                        http.setConnectTimeout(timeout);
                        http.setConnectionRequestTimeout(timeout);
                        http.setResponseTimeout(timeout);
                        http.setSoTimeout(timeout);
                    }
                    producer = context.createProducerTemplate();
                }
                current = producer;
            }
        }
        return current;
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** Chorus Pro's return code, when it gave a number: the code is ours to show, its wording is not. */
    private static String code(JsonNode answer) {
        String code = answer == null ? "" : answer.path("codeRetour").asText("");
        return code.matches("-?\\d{1,9}") ? " (codeRetour " + code + ")" : "";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
