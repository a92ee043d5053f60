package io.einvoice.gateway.dispatch.pa.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

/**
 * The webhooks of the simulated PA (XP Z12-013 {@code /v1/webhooks}): subscriptions per API client and organization,
 * filtered on the spec's {@code WebhookMetadata} (flowDirection and flowType required, processingRule and ackStatus
 * optional). When a flow changes, each matching subscription gets the Flow as JSON at its callback URL, with its
 * extra headers and, when it holds a signature block, {@code Signature}: base64 of the HMAC-SHA256 of the body with
 * the key given (HS256 is the one algorithm the simulator signs with). A delivery is tried at most
 * {@link #ATTEMPTS} times, again only after a 5xx or no answer; every attempt is kept for tests to look at.
 */
public final class SimulatedWebhooks {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedWebhooks.class);
    static final int ATTEMPTS = 3;
    private static final Set<String> DIRECTIONS = Set.of("In", "Out");
    private static final Set<String> FLOW_TYPES = Set.of("CustomerInvoice", "SupplierInvoice", "StateInvoice",
            "CustomerInvoiceLC", "SupplierInvoiceLC", "StateCustomerInvoiceLC", "StateSupplierInvoiceLC",
            "AggregatedCustomerTransactionReport", "UnitaryCustomerTransactionReport", "AggregatedCustomerPaymentReport",
            "UnitaryCustomerPaymentReport", "UnitarySupplierTransactionReport", "MultiFlowReport");
    private static final Set<String> ACK = Set.of("Pending", "Ok", "Error");

    /** One delivery attempt: the HTTP status the callback answered, 0 when it did not answer. */
    public record Delivery(String webhookId, String flowId, int status) {
    }

    private record Subscription(String clientId, String organization, ObjectNode params, byte[] key) {
    }

    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private final List<Delivery> deliveries = new ArrayList<>();
    private final ExecutorService executor;
    private final HttpClient http;
    private final Duration backoff;

    SimulatedWebhooks(ExecutorService executor, Duration timeout, Duration backoff) {
        this.executor = executor;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).executor(executor).build();
        this.backoff = backoff;
    }

    synchronized SimulatedPa.Answer create(String clientId, String organization, JsonNode params) {
        if (params == null) {
            return SimulatedPa.Answer.error(400, "INVALID_REQUEST_FORMAT", "the body is not a JSON object");
        }
        JsonNode callback = params.get("callback");
        JsonNode metadata = params.get("metadata");
        if (callback == null || !callback.isObject() || !callback.hasNonNull("url") || metadata == null
                || !metadata.isObject() || !metadata.hasNonNull("flowDirection") || !metadata.hasNonNull("flowType")) {
            return SimulatedPa.Answer.error(400, "MISSING_REQUIRED_FIELD", "callback.url, metadata.flowDirection and"
                    + " metadata.flowType are required");
        }
        URI url;
        try {
            url = URI.create(callback.get("url").asText());
        } catch (IllegalArgumentException e) {
            url = null;
        }
        byte[] key = null;
        JsonNode signature = callback.get("signature");
        if (signature != null && !signature.isNull()) {
            if (!"HS256".equals(signature.path("algo").asText())) {
                return SimulatedPa.Answer.error(400, "INVALID_FIELD_VALUE", "this platform signs callbacks with HS256 only");
            }
            try {
                key = Base64.getDecoder().decode(signature.path("key").asText(""));
            } catch (IllegalArgumentException e) {
                key = new byte[0];
            }
            if (key.length < 16) {
                return SimulatedPa.Answer.error(400, "INVALID_FIELD_VALUE", "signature.key is a base64 key of 16 bytes or more");
            }
        }
        if (url == null || url.getHost() == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
                || !DIRECTIONS.contains(metadata.get("flowDirection").asText())
                || !FLOW_TYPES.contains(metadata.get("flowType").asText())
                || (metadata.hasNonNull("processingRule") && !SimulatedPa.RULES.contains(metadata.get("processingRule").asText()))
                || (metadata.hasNonNull("ackStatus") && !ACK.contains(metadata.get("ackStatus").asText()))) {
            return SimulatedPa.Answer.error(400, "INVALID_FIELD_VALUE", "a webhook field is outside what the API allows");
        }
        String id = UUID.randomUUID().toString();
        subscriptions.put(id, new Subscription(clientId, organization, params.deepCopy(), key));
        return SimulatedPa.Answer.json(201, SimulatedPa.JSON.createObjectNode().put("webhookId", id));
    }

    synchronized SimulatedPa.Answer list(String clientId, String organization) {
        ObjectNode answer = SimulatedPa.JSON.createObjectNode();
        ArrayNode ids = answer.putArray("webhookIds");
        subscriptions.forEach((id, s) -> {
            if (s.clientId().equals(clientId) && s.organization().equals(organization)) {
                ids.add(id);
            }
        });
        return SimulatedPa.Answer.json(200, answer);
    }

    /** GET: the subscription without its key, which the owner has and nobody needs to read back. */
    synchronized SimulatedPa.Answer get(String clientId, String organization, String id) {
        Subscription s = owned(clientId, organization, id);
        if (s == null) {
            return SimulatedPa.Answer.error(404, "MISSING_RESOURCE", "Requested resource is Not Found");
        }
        ObjectNode view = SimulatedPa.JSON.createObjectNode().put("webhookId", id);
        view.setAll(s.params().deepCopy());
        if (view.path("callback").path("signature").isObject()) {
            ((ObjectNode) view.get("callback").get("signature")).remove("key");
        }
        return SimulatedPa.Answer.json(200, view);
    }

    synchronized SimulatedPa.Answer delete(String clientId, String organization, String id) {
        if (owned(clientId, organization, id) == null) {
            return SimulatedPa.Answer.error(404, "MISSING_RESOURCE", "Requested resource is Not Found");
        }
        subscriptions.remove(id);
        return new SimulatedPa.Answer(204, "application/json", new byte[0], null);
    }

    private Subscription owned(String clientId, String organization, String id) {
        Subscription s = subscriptions.get(id);
        return s != null && s.clientId().equals(clientId) && s.organization().equals(organization) ? s : null;
    }

    /** A flow of {@code organization} changed: each matching subscription is called, in the background. */
    synchronized void changed(String organization, ObjectNode flow) {
        subscriptions.forEach((id, s) -> {
            JsonNode m = s.params().get("metadata");
            if (s.organization().equals(organization)
                    && m.get("flowDirection").asText().equals(flow.path("flowDirection").asText())
                    && m.get("flowType").asText().equals(flow.path("flowType").asText())
                    && (!m.hasNonNull("processingRule") || m.get("processingRule").asText().equals(flow.path("processingRule").asText()))
                    && (!m.hasNonNull("ackStatus") || m.get("ackStatus").asText().equals(flow.at("/acknowledgement/status").asText()))) {
                byte[] body = flow.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                executor.execute(() -> deliver(id, s, flow.path("flowId").asText(), body));
            }
        });
    }

    public synchronized List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    private void deliver(String id, Subscription s, String flowId, byte[] body) {
        JsonNode callback = s.params().get("callback");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(callback.get("url").asText()))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (JsonNode h : callback.path("headers")) {
            request.header(h.path("headerName").asText(), h.path("headerValue").asText());
        }
        if (s.key() != null) {
            request.header("Signature", sign(s.key(), body));
        }
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            int status;
            try {
                status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                status = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            synchronized (this) {
                deliveries.add(new Delivery(id, flowId, status));
            }
            if (status > 0 && status < 500) {
                if (status >= 300) {
                    LOG.info("PA simulator: webhook {} refused flow {} (HTTP {}), not sent again", id, flowId, status);
                }
                return;
            }
            try {
                Thread.sleep(backoff.multipliedBy(attempt).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOG.info("PA simulator: webhook {} did not take flow {} after {} attempts", id, flowId, ATTEMPTS);
    }

    static String sign(byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
