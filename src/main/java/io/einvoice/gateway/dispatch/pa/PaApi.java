package io.einvoice.gateway.dispatch.pa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.einvoice.gateway.api.Json;
import io.einvoice.gateway.connector.ConnectorException;
import io.einvoice.gateway.connector.SupplierHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The client of a PA's XP Z12-013 Flow Service (v1.2.0): an OAuth2 client-credentials token per account, cached until
 * shortly before it expires and renewed once on a 401; {@code POST /v1/flows} (multipart flowInfo + file with its
 * sha256), {@code POST /v1/flows/search}, {@code GET /v1/flows/{flowId}}, {@code POST /v1/webhooks} and
 * {@code DELETE /v1/webhooks/{webhookUid}}. Calls go through {@link SupplierHttp}: the
 * outbound guard at each connection, timeouts, answers read within a limit. Reads are retried on 5xx, 429 and
 * timeouts with exponential backoff; a flow is posted again only after a search by its trackingId found nothing, so
 * one invoice is one flow even when an answer was lost.
 */
public class PaApi {

    private static final Logger LOG = LoggerFactory.getLogger(PaApi.class);
    static final ObjectMapper JSON = Json.DATA;
    /** A search page of 100 flows is a few tens of KB; metadata and tokens less. */
    static final int MAX_JSON_BYTES = 1024 * 1024;
    private static final Duration TOKEN_MARGIN = Duration.ofSeconds(30);
    /** Codes of the spec's error model and of RFC 6749 §5.2: a fixed vocabulary, ours to repeat. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z_]{1,40}");
    private static final Pattern WEBHOOK_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final Set<String> OAUTH_ERRORS = Set.of("invalid_request", "invalid_client", "invalid_grant",
            "unauthorized_client", "unsupported_grant_type", "invalid_scope");

    /** What a call needs to know of the account, the secret decrypted. */
    public record Credentials(String baseUrl, String tokenUrl, String clientId, String clientSecret, String organizationId) {

        String identity() {
            return tokenUrl + "|" + clientId + "|" + Integer.toHexString(clientSecret.hashCode());
        }

        @Override
        public String toString() {
            return "Credentials[" + baseUrl + ", " + clientId + ", " + organizationId + "]";
        }
    }

    /** flowInfo of a flow to post. */
    public record FlowInfo(String name, String flowSyntax, String flowProfile, String processingRule, String trackingId,
                           String sha256) {
    }

    private record Token(String value, Instant renewAfter) {
    }

    private final SupplierHttp http;
    private final SupplierHttp.Sleeper sleeper;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration backoff;
    private final int maxFileBytes;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final String directoryUrl;

    public PaApi(SupplierHttp http, SupplierHttp.Sleeper sleeper, Clock clock, int maxAttempts, Duration backoff,
                 int maxFileBytes) {
        this(http, sleeper, clock, maxAttempts, backoff, maxFileBytes, null);
    }

    /**
     * @param directoryUrl where the Directory Service is (GATEWAY_PA_DIRECTORY_URL), asked with each account's token;
     *                     null: at each account's flow API URL
     */
    public PaApi(SupplierHttp http, SupplierHttp.Sleeper sleeper, Clock clock, int maxAttempts, Duration backoff,
                 int maxFileBytes, String directoryUrl) {
        this.directoryUrl = directoryUrl;
        this.http = http;
        this.sleeper = sleeper;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.maxFileBytes = maxFileBytes;
    }

    /**
     * Posts a flow once: the PA is first asked for a flow with this trackingId (a send cut off after the PA took it),
     * and asked again before each new post after a 5xx or a timeout.
     *
     * @return the flow as the PA describes it (flowId...)
     */
    public JsonNode submitOnce(Credentials c, FlowInfo info, byte[] file) throws PaException {
        for (int attempt = 1; ; attempt++) {
            Optional<JsonNode> known = byTrackingId(c, info.trackingId());
            if (known.isPresent()) {
                LOG.info("PA {}: flow {} with trackingId {} is there already, not posted again", c.baseUrl(),
                        known.get().path("flowId").asText(), info.trackingId());
                return known.get();
            }
            try {
                return submit(c, info, file);
            } catch (PaException e) {
                if (!e.passing() || attempt >= maxAttempts) {
                    throw attempt > 1 && e.passing() ? new PaException(e.kind(), e.getMessage() + " (gave up after "
                            + attempt + " attempts)", e) : e;
                }
                pause(attempt);
            }
        }
    }

    /** One POST /v1/flows, not repeated here. */
    public JsonNode submit(Credentials c, FlowInfo info, byte[] file) throws PaException {
        ObjectNode flowInfo = JSON.createObjectNode().put("name", info.name()).put("flowSyntax", info.flowSyntax());
        if (info.flowProfile() != null) {
            flowInfo.put("flowProfile", info.flowProfile());
        }
        if (info.processingRule() != null) {
            flowInfo.put("processingRule", info.processingRule());
        }
        if (info.trackingId() != null) {
            flowInfo.put("trackingId", info.trackingId());
        }
        flowInfo.put("sha256", info.sha256());
        String boundary = "----pa" + UUID.randomUUID().toString().replace("-", "");
        byte[] body = multipart(boundary, flowInfo.toString().getBytes(StandardCharsets.UTF_8), info.name(), file);
        SupplierHttp.Answer answer = authorized(c, token -> http.post(c.baseUrl() + "/v1/flows", headers(c, token), body,
                "multipart/form-data; boundary=" + boundary, MAX_JSON_BYTES, "posting a flow to the PA"));
        return json(answer, "posting a flow");
    }

    /** POST /v1/flows/search, retried. */
    public JsonNode search(Credentials c, ObjectNode where, int limit) throws PaException {
        ObjectNode params = JSON.createObjectNode().put("limit", limit);
        params.set("where", where);
        byte[] body = params.toString().getBytes(StandardCharsets.UTF_8);
        return retried(() -> json(authorized(c, token -> http.post(c.baseUrl() + "/v1/flows/search", headers(c, token), body,
                "application/json", MAX_JSON_BYTES, "searching flows at the PA")), "searching flows"));
    }

    /** GET /v1/flows/{flowId} metadata, retried. */
    public JsonNode flow(Credentials c, String flowId) throws PaException {
        String url = c.baseUrl() + "/v1/flows/" + URLEncoder.encode(flowId, StandardCharsets.UTF_8) + "?docType=Metadata";
        return retried(() -> json(authorized(c, token -> http.get(url, headers(c, token), MAX_JSON_BYTES,
                "reading a flow at the PA")), "reading a flow"));
    }

    /** GET /v1/flows/{flowId}?docType=Original: the file of a flow, at most the gateway's file limit; retried. */
    public byte[] download(Credentials c, String flowId) throws PaException {
        String url = c.baseUrl() + "/v1/flows/" + URLEncoder.encode(flowId, StandardCharsets.UTF_8) + "?docType=Original";
        return retried(() -> {
            SupplierHttp.Answer answer = authorized(c, token -> http.get(url, headers(c, token), maxFileBytes,
                    "downloading a flow from the PA"));
            check(answer, "downloading a flow");
            return answer.body();
        });
    }

    /**
     * The SIREN's directory lines (XP Z12-013 Directory Service, {@code POST /v1/directory-line/search} at the PA, or
     * at the directory URL when one is set),
     * retried: the raw results (204 and 404 answer none), at most {@link PaDirectory#MAX_LINES}.
     *
     * @return empty when the PA serves no directory (405, 501)
     */
    public Optional<JsonNode> directoryLines(Credentials c, String siren) throws PaException {
        ObjectNode search = JSON.createObjectNode().put("limit", PaDirectory.MAX_LINES);
        search.putObject("filters").putObject("siren").put("op", "strict").put("value", siren);
        byte[] body = search.toString().getBytes(StandardCharsets.UTF_8);
        return retried(() -> {
            SupplierHttp.Answer answer = authorized(c, token -> http.post((directoryUrl != null ? directoryUrl : c.baseUrl())
                    + "/v1/directory-line/search",
                    headers(c, token), body, "application/json", MAX_JSON_BYTES, "searching the directory at the PA"));
            return switch (answer.status()) {
                case 204, 404 -> Optional.of(JSON.createArrayNode());
                case 405, 501 -> Optional.empty();
                default -> Optional.of(json(answer, "searching the directory").path("results"));
            };
        });
    }

    /** POST /v1/webhooks (WebhookParams), retried; @return the webhookId the PA gave. */
    public String createWebhook(Credentials c, ObjectNode params) throws PaException {
        byte[] body = params.toString().getBytes(StandardCharsets.UTF_8);
        JsonNode answer = retried(() -> json(authorized(c, token -> http.post(c.baseUrl() + "/v1/webhooks", headers(c, token),
                body, "application/json", MAX_JSON_BYTES, "subscribing a webhook at the PA")), "subscribing a webhook"));
        String id = answer.path("webhookId").asText("");
        if (!WEBHOOK_ID.matcher(id).matches()) {
            throw new PaException(PaException.Kind.UNAVAILABLE, "the PA's answer to subscribing a webhook has no usable"
                    + " webhookId");
        }
        return id;
    }

    /** DELETE /v1/webhooks/{webhookUid}, retried; one the PA no longer knows (404) is gone already. */
    public void deleteWebhook(Credentials c, String webhookId) throws PaException {
        String url = c.baseUrl() + "/v1/webhooks/" + URLEncoder.encode(webhookId, StandardCharsets.UTF_8);
        retried(() -> {
            SupplierHttp.Answer answer = authorized(c, token -> http.delete(url, headers(c, token), MAX_JSON_BYTES,
                    "unsubscribing a webhook at the PA"));
            if (answer.status() != 404) {
                check(answer, "unsubscribing a webhook");
            }
            return answer;
        });
    }

    private Optional<JsonNode> byTrackingId(Credentials c, String trackingId) throws PaException {
        if (trackingId == null) {
            return Optional.empty();
        }
        JsonNode results = search(c, JSON.createObjectNode().put("trackingId", trackingId), 1).path("results");
        return results.isArray() && !results.isEmpty() ? Optional.of(results.get(0)) : Optional.empty();
    }

    private interface Call<T> {
        T run() throws PaException;
    }

    private interface HttpCall {
        SupplierHttp.Answer run(String token) throws ConnectorException;
    }

    private <T> T retried(Call<T> call) throws PaException {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (PaException e) {
                if (!e.passing() || attempt >= maxAttempts) {
                    throw attempt > 1 && e.passing() ? new PaException(e.kind(), e.getMessage() + " (gave up after "
                            + attempt + " attempts)", e) : e;
                }
                pause(attempt);
            }
        }
    }

    private void pause(int attempt) throws PaException {
        Duration wait = backoff.multipliedBy(1L << Math.min(attempt - 1, 10));
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PaException(PaException.Kind.UNAVAILABLE, "the gateway stopped while waiting to call the PA again");
        }
    }

    /** The call with a token; a 401 drops the token and tries once more with a fresh one. */
    private SupplierHttp.Answer authorized(Credentials c, HttpCall call) throws PaException {
        SupplierHttp.Answer answer = unguarded(() -> call.run(token(c)));
        if (answer.status() == 401) {
            tokens.remove(c.identity());
            answer = unguarded(() -> call.run(token(c)));
            if (answer.status() == 401) {
                throw new PaException(PaException.Kind.AUTH, "the PA refused the access token of client " + c.clientId()
                        + code(answer) + ": check the PA account");
            }
        }
        if (answer.status() == 403) {
            throw new PaException(PaException.Kind.AUTH, "the PA does not let client " + c.clientId() + " act for"
                    + " organization " + c.organizationId() + code(answer) + ": check the Organization-Id of the PA account");
        }
        return answer;
    }

    private interface Unguarded {
        SupplierHttp.Answer run() throws ConnectorException, PaException;
    }

    private static SupplierHttp.Answer unguarded(Unguarded call) throws PaException {
        try {
            return call.run();
        } catch (ConnectorException e) {
            throw new PaException(e.stops() ? PaException.Kind.HOST_REFUSED : PaException.Kind.UNAVAILABLE, e.getMessage(), e);
        }
    }

    private String token(Credentials c) throws PaException {
        Token token = tokens.get(c.identity());
        if (token != null && clock.instant().isBefore(token.renewAfter())) {
            return token.value();
        }
        String form = "grant_type=client_credentials&client_id=" + encode(c.clientId()) + "&client_secret="
                + encode(c.clientSecret());
        SupplierHttp.Answer answer = retried(() -> {
            SupplierHttp.Answer a = unguarded(() -> http.postForm(c.tokenUrl(), Map.of(), form, MAX_JSON_BYTES,
                    "asking the PA for a token"));
            if (a.status() == 429 || a.status() >= 500) {
                throw new PaException(PaException.Kind.UNAVAILABLE, "the PA's token endpoint answered HTTP " + a.status());
            }
            return a;
        });
        JsonNode json = parse(answer.body());
        String value = json == null ? "" : json.path("access_token").asText("");
        if (answer.status() != 200 || value.isEmpty()) {
            String error = json == null ? "" : json.path("error").asText("");
            throw new PaException(PaException.Kind.AUTH, "the PA refused the OAuth2 client " + c.clientId() + " (HTTP "
                    + answer.status() + (OAUTH_ERRORS.contains(error) ? ", " + error : "")
                    + "): check the client id and secret of the dossier's PA account");
        }
        long seconds = Math.max(1, json.path("expires_in").asLong(300));
        Instant renewAfter = clock.instant().plusSeconds(seconds).minus(TOKEN_MARGIN);
        tokens.put(c.identity(), new Token(value, renewAfter));
        return value;
    }

    private static Map<String, String> headers(Credentials c, String token) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token);
        headers.put("Organization-Id", c.organizationId());
        return headers;
    }

    private static JsonNode json(SupplierHttp.Answer answer, String what) throws PaException {
        check(answer, what);
        JsonNode json = parse(answer.body());
        if (json == null || !json.isObject()) {
            throw new PaException(PaException.Kind.UNAVAILABLE, "the PA's answer to " + what + " is not the JSON the API"
                    + " describes");
        }
        return json;
    }

    private static void check(SupplierHttp.Answer answer, String what) throws PaException {
        int status = answer.status();
        if (status == 429 || status >= 500) {
            throw new PaException(PaException.Kind.UNAVAILABLE, "the PA answered HTTP " + status + " to " + what);
        }
        if (status < 200 || status > 299) {
            throw new PaException(PaException.Kind.REFUSED, "the PA refused " + what + " (HTTP " + status + code(answer) + ")");
        }
    }

    /** The spec's errorCode, when it is a code and not text. */
    private static String code(SupplierHttp.Answer answer) {
        JsonNode json = parse(answer.body());
        String code = json == null ? "" : json.path("errorCode").asText("");
        return CODE.matcher(code).matches() ? ", " + code : "";
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body == null || body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] multipart(String boundary, byte[] flowInfo, String fileName, byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(file.length + flowInfo.length + 512);
        String safeName = fileName.replaceAll("[^A-Za-z0-9._-]", "_");
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"flowInfo\"\r\n"
                + "Content-Type: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(flowInfo);
        out.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + safeName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
