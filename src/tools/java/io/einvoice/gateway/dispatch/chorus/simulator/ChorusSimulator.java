package io.einvoice.gateway.dispatch.chorus.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.einvoice.gateway.dispatch.SimulatedFaults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;

/**
 * A local Chorus Pro behind a local PISTE, for tests and demo mode, on the JDK's HTTP server: the OAuth2 token endpoint
 * ({@code /api/oauth/token}), the {@code /cpro/...} routes the supplier flow uses (doc chorus-pro-and-reform §2–§5) with
 * their JSON fields, PISTE's 400/401/403 behaviour (§1), asynchronous flux processing and the content checks of §3.1/§5
 * ({@link SimulatedChorus}). Test hooks: {@link #failNext}, {@link #delayAnswer}, {@link #revokeTokens}; admin routes
 * under {@code /simulator/} play the public recipient (the demo uses them).
 */
public final class ChorusSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChorusSimulator.class);

    /** API name (first path segment) → its routes; every route of doc §2's table is declared, the implemented ones answer. */
    private final Map<String, BiFunction<String, JsonNode, SimulatedChorus.Answer>> routes = new HashMap<>();
    private final Set<String> declaredRoutes = Set.of(
            "factures/v1/deposer/flux", "factures/v1/soumettre", "factures/v1/deposer/pdf", "factures/v1/rechercher/fournisseur",
            "factures/v1/consulter/fournisseur", "factures/v1/consulter/historique", "factures/v1/completer",
            "factures/v1/rechercher/recipiendaire", "factures/v1/telecharger/groupe", "factures/v1/traiter/recue",
            "factures/v1/recycler", "factures/v1/corriger/valideur/facture", "transverses/v1/consulterCRDetaille",
            "transverses/v1/consulterCR", "transverses/v1/ajouter/fichier", "transverses/v1/recuperer/formatflux",
            "transverses/v1/telecharger/annuaire/destinataire", "structures/v1/rechercher", "structures/v1/consulter",
            "structures/v1/rechercher/services", "structures/v1/consulter/service", "engagementsJuridiques/v1/rechercher",
            "utilisateurs/v1/monCompte/recuperer/rattachements");

    private record Client(String secret, Set<String> apis) {
    }

    private record Token(String clientId, Instant expires) {
    }

    private final SimulatedChorus chorus;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final SimulatedFaults faults = new SimulatedFaults();
    private volatile Duration tokenLifetime = Duration.ofHours(1);
    private final java.util.concurrent.atomic.AtomicInteger tokensIssued = new java.util.concurrent.atomic.AtomicInteger();

    private ChorusSimulator(SimulatedChorus chorus, HttpServer server, ExecutorService executor) {
        this.chorus = chorus;
        this.server = server;
        this.executor = executor;
        routes.put("factures/v1/deposer/flux", chorus::deposit);
        routes.put("transverses/v1/consulterCRDetaille", chorus::fluxReport);
        routes.put("factures/v1/rechercher/fournisseur", chorus::searchSupplierInvoices);
        routes.put("factures/v1/consulter/historique", chorus::history);
        routes.put("factures/v1/rechercher/recipiendaire", chorus::searchReceivedInvoices);
        routes.put("factures/v1/telecharger/groupe", chorus::downloadGroup);
        routes.put("structures/v1/rechercher", (login, body) -> chorus.searchStructures(body));
        routes.put("structures/v1/consulter", (login, body) -> chorus.consultStructure(body));
        routes.put("structures/v1/rechercher/services", (login, body) -> chorus.searchServices(body));
    }

    /** Starts on 127.0.0.1:{@code port} (0: any free port). */
    public static ChorusSimulator start(int port, SimulatedChorus chorus) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "chorus-simulator");
            thread.setDaemon(true);
            return thread;
        });
        ChorusSimulator simulator = new ChorusSimulator(chorus, server, executor);
        server.createContext("/", simulator::handle);
        server.setExecutor(executor);
        server.start();
        LOG.info("Chorus Pro simulator on {}", simulator.baseUrl());
        return simulator;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String tokenUrl() {
        return baseUrl() + "/api/oauth/token";
    }

    public SimulatedChorus chorus() {
        return chorus;
    }

    /** A PISTE application subscribed to these APIs ({@code factures}, {@code structures}, {@code transverses}…). */
    public ChorusSimulator addClient(String clientId, String secret, Set<String> apis) {
        clients.put(clientId, new Client(secret, Set.copyOf(apis)));
        return this;
    }

    public void setTokenLifetime(Duration lifetime) {
        tokenLifetime = lifetime;
    }

    /** Tokens issued so far, to see a client's cache at work. */
    public int tokensIssued() {
        return tokensIssued.get();
    }

    /** Every issued token stops working, as after a revocation: the next API call gets 401. */
    public void revokeTokens() {
        tokens.clear();
    }

    /** The next {@code times} calls to {@code route} ("factures/v1/deposer/flux", "oauth") answer {@code status}, unprocessed. */
    public void failNext(String route, int status, int times) {
        faults.failNext(route, status, times);
    }

    /** The next call to {@code route} is processed, then its answer held back {@code delay}: the client times out. */
    public void delayAnswer(String route, Duration delay) {
        faults.delayNext(route, delay);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] request = readAll(exchange.getRequestBody());
            if (path.equals("/api/oauth/token")) {
                answer(exchange, withFault("oauth", () -> token(exchange, request)));
            } else if (path.equals("/cpro/transverses/v1/health-check") && exchange.getRequestMethod().equals("GET")) {
                answer(exchange, new SimulatedChorus.Answer(200, SimulatedChorus.ok()));
            } else if (path.startsWith("/cpro/")) {
                String route = path.substring("/cpro/".length());
                answer(exchange, withFault(route, () -> api(exchange, route, request)));
            } else if (path.startsWith("/simulator/")) {
                answer(exchange, admin(path.substring("/simulator/".length()), request));
            } else {
                answer(exchange, SimulatedChorus.error(404, 404, "no such path"));
            }
        } catch (RuntimeException e) {
            LOG.warn("Chorus simulator failed on {}: {}", exchange.getRequestURI(), e.toString());
        }
    }

    private interface Work {
        SimulatedChorus.Answer run() throws IOException;
    }

    private SimulatedChorus.Answer withFault(String route, Work work) throws IOException {
        SimulatedFaults.Fault fault = faults.take(route);
        if (fault != null && fault.refuses()) {
            return SimulatedChorus.error(fault.status(), fault.status(), "fault injected by the simulator");
        }
        SimulatedChorus.Answer answer = work.run();
        if (fault != null) {
            fault.holdBack();
        }
        return answer;
    }

    /** PISTE's token endpoint: form body, client credentials in it; the same 400 invalid_client for both wrong id and secret. */
    private SimulatedChorus.Answer token(HttpExchange exchange, byte[] request) {
        Map<String, String> form = form(new String(request, StandardCharsets.UTF_8));
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return oauthError(400, "unsupported_grant_type");
        }
        Client client = clients.get(form.getOrDefault("client_id", ""));
        if (client == null || !client.secret().equals(form.get("client_secret"))) {
            return oauthError(400, "invalid_client");
        }
        String token = UUID.randomUUID().toString();
        tokensIssued.incrementAndGet();
        tokens.put(token, new Token(form.get("client_id"), Instant.now().plus(tokenLifetime)));
        return new SimulatedChorus.Answer(200, SimulatedChorus.JSON.createObjectNode().put("access_token", token)
                .put("token_type", "Bearer").put("expires_in", tokenLifetime.toSeconds()).put("scope", "openid"));
    }

    private SimulatedChorus.Answer api(HttpExchange exchange, String route, byte[] request) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"DefaultRealm\", error=\"invalid_request\","
                    + " error_description=\"Unable to find token in the message\"");
            return oauthError(400, "invalid_request");
        }
        Token token = tokens.get(authorization.substring("Bearer ".length()).strip());
        if (token == null || token.expires().isBefore(Instant.now())) {
            // PISTE's body for a refused token is not in the doc; 401 with an OAuth-style error
            return oauthError(401, "invalid_token");
        }
        String api = route.substring(0, Math.max(0, route.indexOf('/')));
        if (!declaredRoutes.contains(route) || !clients.get(token.clientId()).apis().contains(api)) {
            return oauthError(403, "route not declared on the subscription");
        }
        String login = technicalLogin(exchange.getRequestHeaders().getFirst("cpro-account"));
        if (login == null) {
            return oauthError(401, "cpro-account refused");
        }
        BiFunction<String, JsonNode, SimulatedChorus.Answer> operation = routes.get(route);
        if (operation == null) {
            return SimulatedChorus.error(200, 20001, "Operation " + route + " non simulee");
        }
        JsonNode body;
        try {
            body = SimulatedChorus.JSON.readTree(request);
        } catch (IOException e) {
            return SimulatedChorus.error(400, 20001, "Corps JSON illisible");
        }
        return operation.apply(login, body == null ? SimulatedChorus.JSON.createObjectNode() : body);
    }

    /** The login when the header is Base64 of a known {@code login:password}, else null. */
    private String technicalLogin(String header) {
        if (header == null) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String login = decoded.substring(0, colon);
        return chorus.accountValid(login, decoded.substring(colon + 1)) ? login : null;
    }

    /** The recipient's side for the demo: POST simulator/flux/traiter, POST simulator/factures/statut, GET simulator/factures. */
    private SimulatedChorus.Answer admin(String action, byte[] request) {
        try {
            switch (action) {
                case "flux/traiter" -> chorus.processPendingFlux();
                case "factures" -> {
                    return new SimulatedChorus.Answer(200, chorus.invoicesView());
                }
                case "factures/statut" -> {
                    JsonNode body = SimulatedChorus.JSON.readTree(request);
                    long id = body.has("identifiantFactureCPP") ? body.path("identifiantFactureCPP").asLong()
                            : chorus.invoiceId(body.path("numeroFacture").asText()).orElse(-1L);
                    chorus.moveInvoice(id, body.path("statut").asText(), body.path("motif").asText(null));
                }
                default -> {
                    return SimulatedChorus.error(404, 404, "no such admin action " + action);
                }
            }
            return new SimulatedChorus.Answer(200, SimulatedChorus.ok());
        } catch (IOException | IllegalArgumentException e) {
            return SimulatedChorus.error(400, 20001, e.getMessage());
        }
    }

    private static SimulatedChorus.Answer oauthError(int status, String error) {
        ObjectNode body = SimulatedChorus.JSON.createObjectNode().put("error", error);
        return new SimulatedChorus.Answer(status, body);
    }

    private static void answer(HttpExchange exchange, SimulatedChorus.Answer answer) throws IOException {
        byte[] body = answer.body().toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
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

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
