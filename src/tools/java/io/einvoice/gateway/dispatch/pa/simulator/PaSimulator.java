package io.einvoice.gateway.dispatch.pa.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.einvoice.gateway.dispatch.SimulatedFaults;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A local plateforme agréée for tests and the demo, on the JDK's HTTP server: an OAuth2 client-credentials token
 * endpoint ({@code /oauth/token}) and the XP Z12-013 Flow Service routes ({@code /v1/flows} multipart,
 * {@code /v1/flows/search}, {@code /v1/flows/{flowId}}, {@code /v1/webhooks} and {@code /v1/webhooks/{webhookUid}}
 * ({@link SimulatedWebhooks}: GET, POST, DELETE), {@code /v1/healthcheck}) and the Directory Service's
 * {@code /v1/directory-line/search}, with the spec's error bodies
 * ({@code errorCode}, {@code errorMessage}). Each client acts for the organizations (SIRENs) it was given, chosen by the
 * {@code Organization-Id} header. Test hooks: {@link #failNext}, {@link #delayNext}, {@link #revokeTokens}. A
 * separate component: a real PA's sandbox answers the same paths.
 */
public final class PaSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PaSimulator.class);
    /** The spec's limit on a flow file. */
    public static final long MAX_FILE_BYTES = 100L * 1024 * 1024;
    private static final int MAX_JSON_BYTES = 64 * 1024;

    private record Client(String secret, Set<String> organizations) {
    }

    private record Token(String clientId, Instant expires) {
    }

    private final SimulatedPa pa;
    private final HttpServer server;
    private final ExecutorService executor;
    private final SimulatedWebhooks webhooks;
    /** Moves the platform's clock-driven work on by itself, so webhooks fire without anybody asking. */
    private final ScheduledExecutorService ticker;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final SimulatedFaults faults = new SimulatedFaults();

    private PaSimulator(SimulatedPa pa, HttpServer server, ExecutorService executor, ScheduledExecutorService ticker) {
        this.pa = pa;
        this.server = server;
        this.executor = executor;
        this.ticker = ticker;
        this.webhooks = new SimulatedWebhooks(executor, Duration.ofSeconds(5), Duration.ofMillis(500));
        pa.onChange(webhooks::changed);
    }

    /** Starts on 127.0.0.1:{@code port} (0: any free port). */
    public static PaSimulator start(int port, SimulatedPa pa) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "pa-simulator");
            thread.setDaemon(true);
            return thread;
        });
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "pa-simulator-clock");
            thread.setDaemon(true);
            return thread;
        });
        PaSimulator simulator = new PaSimulator(pa, server, executor, ticker);
        server.createContext("/", simulator::handle);
        server.setExecutor(executor);
        server.start();
        ticker.scheduleWithFixedDelay(pa::advance, 500, 500, TimeUnit.MILLISECONDS);
        LOG.info("PA simulator (XP Z12-013 flow service) on {}", simulator.baseUrl());
        return simulator;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String tokenUrl() {
        return baseUrl() + "/oauth/token";
    }

    public SimulatedPa pa() {
        return pa;
    }

    /** Every webhook call tried so far, for tests and the demo to look at. */
    public List<SimulatedWebhooks.Delivery> webhookDeliveries() {
        return webhooks.deliveries();
    }

    /** An API client of the platform, acting for these organizations (SIRENs). */
    public PaSimulator addClient(String clientId, String secret, Set<String> organizations) {
        clients.put(clientId, new Client(secret, Set.copyOf(organizations)));
        return this;
    }

    public void revokeTokens() {
        tokens.clear();
    }

    /** The next {@code times} calls to {@code path} (e.g. {@code /v1/flows}) answer {@code status} without doing anything. */
    public void failNext(String path, int status, int times) {
        faults.failNext(path, status, times);
    }

    /** The next call to {@code path} is answered only after {@code delay} (the work itself is done). */
    public void delayNext(String path, Duration delay) {
        faults.delayNext(path, delay);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            SimulatedFaults.Fault fault = faults.take(path);
            if (fault != null && fault.refuses()) {
                exchange.getRequestBody().readAllBytes();
                answer(exchange, SimulatedPa.Answer.error(fault.status(), "SIMULATED_FAULT", "fault injected by the simulator"));
                return;
            }
            SimulatedPa.Answer answer = route(exchange, path);
            if (fault != null) {
                fault.holdBack();
            }
            answer(exchange, answer);
        } catch (RuntimeException e) {
            LOG.warn("PA simulator failed on {}: {}", exchange.getRequestURI().getPath(), e.toString());
        }
    }

    private SimulatedPa.Answer route(HttpExchange exchange, String path) throws IOException {
        String method = exchange.getRequestMethod();
        if (path.equals("/oauth/token") && method.equals("POST")) {
            return token(exchange);
        }
        if (path.equals("/v1/healthcheck") && method.equals("GET")) {
            return SimulatedPa.Answer.json(200, SimulatedPa.JSON.createObjectNode().put("status", "UP"));
        }
        if (!path.startsWith("/v1/flows") && !path.startsWith("/v1/webhooks") && !path.equals("/v1/directory-line/search")) {
            return SimulatedPa.Answer.error(404, "MISSING_RESOURCE", "Requested resource is Not Found");
        }
        String organization;
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return SimulatedPa.Answer.error(401, "MISSING_TOKEN", null);
        }
        Token token = tokens.get(authorization.substring("Bearer ".length()).strip());
        if (token == null || token.expires().isBefore(Instant.now())) {
            return SimulatedPa.Answer.error(401, "INVALID_TOKEN", "the access token is unknown or expired");
        }
        Set<String> allowed = clients.get(token.clientId()).organizations();
        String asked = exchange.getRequestHeaders().getFirst("Organization-Id");
        if (asked == null) {
            if (allowed.size() != 1) {
                return SimulatedPa.Answer.error(400, "MISSING_REQUIRED_FIELD", "Organization-Id is required for this client");
            }
            organization = allowed.iterator().next();
        } else if (!allowed.contains(asked.strip())) {
            return SimulatedPa.Answer.error(403, "FORBIDDEN", "this client does not act for that organization");
        } else {
            organization = asked.strip();
        }
        if (path.equals("/v1/flows") && method.equals("POST")) {
            return submit(exchange, organization);
        }
        if (path.equals("/v1/directory-line/search") && method.equals("POST")) {
            JsonNode params = json(exchange);
            return params == null ? SimulatedPa.Answer.error(400, "INVALID_REQUEST_FORMAT", "the body is not a JSON object")
                    : pa.searchDirectory(params);
        }
        if (path.equals("/v1/webhooks")) {
            return switch (method) {
                case "POST" -> webhooks.create(token.clientId(), organization, json(exchange));
                case "GET" -> webhooks.list(token.clientId(), organization);
                default -> SimulatedPa.Answer.error(405, "METHOD_NOT_ALLOWED", "no such operation");
            };
        }
        if (path.startsWith("/v1/webhooks/")) {
            String id = path.substring("/v1/webhooks/".length());
            return switch (method) {
                case "GET" -> webhooks.get(token.clientId(), organization, id);
                case "DELETE" -> webhooks.delete(token.clientId(), organization, id);
                default -> SimulatedPa.Answer.error(405, "METHOD_NOT_ALLOWED", "no such operation");
            };
        }
        if (path.equals("/v1/flows/search") && method.equals("POST")) {
            JsonNode params = json(exchange);
            return params == null ? SimulatedPa.Answer.error(400, "INVALID_REQUEST_FORMAT", "the body is not a JSON object")
                    : pa.search(organization, params);
        }
        if (path.startsWith("/v1/flows/") && method.equals("GET")) {
            return pa.get(organization, path.substring("/v1/flows/".length()), query(exchange).get("docType"));
        }
        return SimulatedPa.Answer.error(405, "METHOD_NOT_ALLOWED", "no such operation");
    }

    private SimulatedPa.Answer submit(HttpExchange exchange, String organization) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase().startsWith("multipart/form-data")) {
            return SimulatedPa.Answer.error(400, "INVALID_REQUEST_FORMAT", "a flow is posted as multipart/form-data");
        }
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && (!length.strip().matches("\\d{1,18}") || Long.parseLong(length.strip()) > MAX_FILE_BYTES + MAX_JSON_BYTES + 4096)) {
            return SimulatedPa.Answer.error(413, "PAYLOAD_TOO_LARGE", "a flow file is at most 100 MB");
        }
        byte[] body = exchange.getRequestBody().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_FILE_BYTES + MAX_JSON_BYTES + 4096 + 1));
        if (body.length > MAX_FILE_BYTES + MAX_JSON_BYTES + 4096) {
            return SimulatedPa.Answer.error(413, "PAYLOAD_TOO_LARGE", "a flow file is at most 100 MB");
        }
        byte[] info = null;
        byte[] file = null;
        try {
            MimeMultipart parts = new MimeMultipart(new ByteArrayDataSource(body, type));
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart part = parts.getBodyPart(i);
                String disposition = part.getHeader("Content-Disposition") == null ? null : part.getHeader("Content-Disposition")[0];
                String name = disposition == null ? null : new ContentDisposition(disposition).getParameter("name");
                if ("flowInfo".equals(name)) {
                    info = part.getInputStream().readNBytes(MAX_JSON_BYTES + 1);
                } else if ("file".equals(name)) {
                    file = part.getInputStream().readAllBytes();
                }
            }
        } catch (MessagingException e) {
            return SimulatedPa.Answer.error(400, "INVALID_REQUEST_FORMAT", "the multipart body cannot be read");
        }
        if (info == null || file == null) {
            return SimulatedPa.Answer.error(400, "MISSING_REQUIRED_FIELD", "parts flowInfo and file are both required");
        }
        if (info.length > MAX_JSON_BYTES || file.length > MAX_FILE_BYTES) {
            return SimulatedPa.Answer.error(413, "PAYLOAD_TOO_LARGE", "a flow file is at most 100 MB");
        }
        JsonNode flowInfo;
        try {
            flowInfo = SimulatedPa.JSON.readTree(info);
        } catch (IOException e) {
            flowInfo = null;
        }
        if (flowInfo == null || !flowInfo.isObject()) {
            return SimulatedPa.Answer.error(400, "INVALID_REQUEST_FORMAT", "flowInfo is not a JSON object");
        }
        return pa.submit(organization, flowInfo, file);
    }

    /** Client credentials in the form body or as HTTP Basic; 401 invalid_client for an unknown id or a wrong secret alike. */
    private SimulatedPa.Answer token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readNBytes(MAX_JSON_BYTES), StandardCharsets.UTF_8));
        String id = form.get("client_id");
        String secret = form.get("client_secret");
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        if (basic != null && basic.startsWith("Basic ")) {
            try {
                String[] pair = new String(Base64.getDecoder().decode(basic.substring(6).strip()), StandardCharsets.UTF_8).split(":", 2);
                id = URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
                secret = pair.length == 2 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : null;
            } catch (IllegalArgumentException e) {
                id = null;
            }
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return SimulatedPa.Answer.json(400, SimulatedPa.JSON.createObjectNode().put("error", "unsupported_grant_type"));
        }
        Client client = id == null ? null : clients.get(id);
        if (client == null || !client.secret().equals(secret)) {
            return SimulatedPa.Answer.json(401, SimulatedPa.JSON.createObjectNode().put("error", "invalid_client"));
        }
        String token = UUID.randomUUID().toString();
        tokens.put(token, new Token(id, Instant.now().plus(Duration.ofHours(1))));
        return SimulatedPa.Answer.json(200, SimulatedPa.JSON.createObjectNode().put("access_token", token)
                .put("token_type", "Bearer").put("expires_in", 3600));
    }

    private static JsonNode json(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(MAX_JSON_BYTES + 1);
        if (body.length > MAX_JSON_BYTES) {
            return null;
        }
        try {
            JsonNode node = SimulatedPa.JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        String raw = exchange.getRequestURI().getRawQuery();
        return raw == null ? Map.of() : form(raw);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> values = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void answer(HttpExchange exchange, SimulatedPa.Answer answer) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        if (answer.fileName() != null) {
            exchange.getResponseHeaders().set("Content-Disposition", "attachment;filename=\""
                    + answer.fileName().replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
        }
        exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        exchange.getResponseBody().write(answer.body());
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        server.stop(0);
        executor.shutdownNow();
    }
}
