package io.einvoice.gateway.connector.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A supplier's invoice portal on this machine, for tests and the demo (never on a product path): an OAuth2
 * client-credentials token endpoint (RFC 6749 §4.4; a wrong secret gets 401 {@code invalid_client}, §5.2) whose tokens
 * expire after a few calls (401 {@code invalid_token}, RFC 6750 §3.1), a JSON invoice list in pages of
 * {@link #PAGE_SIZE} ({@code GET /api/v1/invoices?page=N}, an empty page after the last), each invoice's file at
 * {@code /files/<id>.pdf}, 429 with Retry-After on demand (RFC 6585 §4), and an address that redirects to
 * the cloud metadata service (169.254.169.254). It is also the same supplier's web portal for people: a login form
 * at {@link #PORTAL_LOGIN} with a CSRF token in a hidden input (a post without the token it gave gets 403), the
 * password being the client secret; a session cookie; the listing at {@link #PORTAL_LIST} in pages of
 * {@link #PAGE_SIZE} with a {@code rel="next"} link; each file at {@code /portal/download/<id>.pdf}; sessions that
 * expire after a number of pages (then every page redirects to the login form), and the same 429 on demand.
 * Answers as a real portal would; it records the calls it got.
 */
public final class MockSupplierPortal implements AutoCloseable {

    public static final int PAGE_SIZE = 2;
    public static final String CLIENT_ID = "cabinet-demo";
    public static final String LIST_PATH = "/api/v1/invoices";
    public static final String TOKEN_PATH = "/oauth/token";
    public static final String REDIRECT_PATH = "/api/v1/moved";
    public static final String PORTAL_LOGIN = "/portal/login";
    public static final String PORTAL_LIST = "/portal/invoices";
    public static final String PORTAL_FILES = "/portal/download/";
    public static final String PORTAL_USER = "compta@cabinet-demo.fr";
    /** The links to the invoice files on the listing page; the id is the group. */
    public static final String PORTAL_LINK_PATTERN = "/portal/download/([A-Za-z0-9_-]{1,64})\\.pdf$";
    static final String SESSION_COOKIE = "PORTALSESSION";
    private static final Logger LOG = LoggerFactory.getLogger(MockSupplierPortal.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One call as the portal saw it. */
    public record Call(String method, String path, long atNanos) {
    }

    private record Published(String id, String date, byte[] content) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final String clientSecret;
    private final int tokenUses;
    private final List<Published> invoices = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> tokens = new HashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger throttled = new AtomicInteger();
    private volatile int retryAfterSeconds;
    private volatile int listPadding;
    private final Set<String> csrfTokens = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger logins = new AtomicInteger();
    private volatile int sessionUses = Integer.MAX_VALUE;

    private MockSupplierPortal(HttpServer server, String clientSecret, int tokenUses) {
        this.server = server;
        this.clientSecret = clientSecret;
        this.tokenUses = tokenUses;
    }

    /**
     * Listening on 127.0.0.1:{@code port} (0: any free port).
     *
     * @param tokenUses how many calls a token serves before it expires
     */
    public static MockSupplierPortal start(int port, String clientSecret, int tokenUses) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        MockSupplierPortal portal = new MockSupplierPortal(server, clientSecret, tokenUses);
        server.setExecutor(portal.threads);
        server.createContext("/", portal::handle);
        server.start();
        return portal;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * The body of {@code POST /api/dossiers/<siren>/connectors} for a PORTAL connector named {@code name} that signs in
     * to this portal as {@link #PORTAL_USER} and takes the links {@code linkPattern} matches, as a user would set it up.
     */
    public String portalConnectorJson(String name, String linkPattern) {
        ObjectNode body = JSON.createObjectNode().put("name", name).put("kind", "PORTAL").put("secret", clientSecret);
        body.putObject("portal").put("loginUrl", baseUrl() + PORTAL_LOGIN).put("username", PORTAL_USER)
                .put("listUrl", baseUrl() + PORTAL_LIST).put("linkPattern", linkPattern);
        return body.toString();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Publishes an invoice: listed from now on, newest last. */
    public void publish(String id, String date, byte[] content) {
        invoices.add(new Published(id, date, content));
    }

    /** The next {@code count} calls to the list get 429 with Retry-After: {@code seconds}. */
    public void throttle(int count, int seconds) {
        retryAfterSeconds = seconds;
        throttled.set(count);
    }

    /** Every list page carries {@code bytes} of filler: a portal answering far more than a list needs. */
    public void padLists(int bytes) {
        listPadding = bytes;
    }

    /** Portal sessions opened from now on serve {@code pages} pages or files, then expire. */
    public void expireSessionsAfter(int pages) {
        sessionUses = pages;
    }

    /** Every open portal session expires now (as after a night). */
    public void expireSessions() {
        sessions.clear();
    }

    /** How many logins to the portal succeeded. */
    public int logins() {
        return logins.get();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public long callsTo(String path) {
        return calls.stream().filter(c -> c.path().equals(path)).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            calls.add(new Call(exchange.getRequestMethod(), path, System.nanoTime()));
            if (path.equals(TOKEN_PATH) && exchange.getRequestMethod().equals("POST")) {
                token(exchange);
            } else if (path.equals(REDIRECT_PATH)) {
                exchange.getResponseHeaders().set("Location", "http://169.254.169.254/latest/meta-data/");
                send(exchange, 302, "text/plain", new byte[0]);
            } else if (path.startsWith("/portal/")) {
                portal(exchange, path);
            } else if (!authorised(exchange)) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                send(exchange, 401, "application/json", "{\"error\":\"invalid_token\"}".getBytes(StandardCharsets.UTF_8));
            } else if (path.equals(LIST_PATH)) {
                list(exchange);
            } else if (path.startsWith("/files/") && path.endsWith(".pdf")) {
                String id = path.substring("/files/".length(), path.length() - 4);
                Published found = invoices.stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
                if (found == null) {
                    send(exchange, 404, "application/json", "{\"error\":\"not_found\"}".getBytes(StandardCharsets.UTF_8));
                } else {
                    send(exchange, 200, "application/pdf", found.content());
                }
            } else {
                send(exchange, 404, "application/json", "{\"error\":\"not_found\"}".getBytes(StandardCharsets.UTF_8));
            }
        } catch (RuntimeException e) {
            LOG.error("mock supplier portal: request failed", e);
        }
    }

    private void portal(HttpExchange exchange, String path) throws IOException {
        if (path.equals(PORTAL_LOGIN)) {
            if (exchange.getRequestMethod().equals("POST")) {
                login(exchange);
            } else {
                send(exchange, 200, "text/html; charset=UTF-8", loginPage(null));
            }
            return;
        }
        if (!inSession(exchange)) {
            exchange.getResponseHeaders().set("Location", PORTAL_LOGIN);
            send(exchange, 302, "text/html; charset=UTF-8", new byte[0]);
            return;
        }
        if (path.equals(PORTAL_LIST)) {
            if (throttled.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.getResponseHeaders().set("Retry-After", String.valueOf(retryAfterSeconds));
                send(exchange, 429, "text/html; charset=UTF-8",
                        "<html><body>Trop de requêtes</body></html>".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            int page;
            try {
                page = Integer.parseInt(form(query == null ? "" : query).getOrDefault("page", "1"));
            } catch (NumberFormatException e) {
                send(exchange, 400, "text/html", new byte[0]);
                return;
            }
            List<Published> all = new ArrayList<>(invoices);
            StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><title>Mes factures</title></head><body>"
                    + "<nav><a href=\"/portal/account\">Mon compte</a> <a href=\"/portal/help.pdf\">Aide (PDF)</a>"
                    + " <a href=\"/portal/logout\">Déconnexion</a></nav><table>");
            for (int i = (page - 1) * PAGE_SIZE; i >= 0 && i < Math.min(all.size(), page * PAGE_SIZE); i++) {
                Published p = all.get(i);
                html.append("<tr><td>").append(p.id()).append("</td><td>").append(p.date())
                        .append("</td><td><a href=\"download/").append(p.id()).append(".pdf\">Télécharger</a></td></tr>");
            }
            html.append("</table>");
            if (page * PAGE_SIZE < all.size()) {
                html.append("<a rel=\"next\" href=\"?page=").append(page + 1).append("\">Page suivante</a>");
            }
            html.append("</body></html>");
            send(exchange, 200, "text/html; charset=UTF-8", html.toString().getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (path.startsWith(PORTAL_FILES) && path.endsWith(".pdf")) {
            String id = path.substring(PORTAL_FILES.length(), path.length() - 4);
            Published found = invoices.stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
            if (found != null) {
                send(exchange, 200, "application/pdf", found.content());
                return;
            }
        }
        send(exchange, 404, "text/html; charset=UTF-8", "<html><body>Page introuvable</body></html>"
                .getBytes(StandardCharsets.UTF_8));
    }

    private void login(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(exchange.getRequestBody());
        String csrf = form.get("_csrf");
        if (csrf == null || !csrfTokens.remove(csrf)) {
            send(exchange, 403, "text/html; charset=UTF-8", "<html><body>Session expirée, rechargez la page</body></html>"
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (!PORTAL_USER.equals(form.get("username")) || !clientSecret.equals(form.get("password"))) {
            send(exchange, 200, "text/html; charset=UTF-8", loginPage("Identifiant ou mot de passe incorrect"));
            return;
        }
        String session = UUID.randomUUID().toString();
        sessions.put(session, new AtomicInteger(sessionUses));
        logins.incrementAndGet();
        exchange.getResponseHeaders().add("Set-Cookie", SESSION_COOKIE + "=" + session + "; Path=/portal; HttpOnly");
        exchange.getResponseHeaders().add("Set-Cookie", "lang=fr; Path=/");
        exchange.getResponseHeaders().set("Location", PORTAL_LIST);
        send(exchange, 302, "text/html; charset=UTF-8", new byte[0]);
    }

    private byte[] loginPage(String error) {
        String csrf = UUID.randomUUID().toString();
        if (csrfTokens.size() > 1000) {
            csrfTokens.clear();
        }
        csrfTokens.add(csrf);
        return ("<!DOCTYPE html><html><head><title>Espace client</title></head><body>"
                + (error == null ? "" : "<p class=\"error\">" + error + "</p>")
                + "<form method=\"post\" action=\"/portal/login\"><input type=\"hidden\" name=\"_csrf\" value=\"" + csrf
                + "\"><input type=\"text\" name=\"username\"><input type=\"password\" name=\"password\">"
                + "<button type=\"submit\">Se connecter</button></form></body></html>").getBytes(StandardCharsets.UTF_8);
    }

    private boolean inSession(HttpExchange exchange) {
        String cookies = exchange.getRequestHeaders().getFirst("Cookie");
        if (cookies == null) {
            return false;
        }
        for (String cookie : cookies.split(";")) {
            String c = cookie.trim();
            if (c.startsWith(SESSION_COOKIE + "=")) {
                AtomicInteger left = sessions.get(c.substring(SESSION_COOKIE.length() + 1));
                return left != null && left.getAndDecrement() > 0;
            }
        }
        return false;
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(exchange.getRequestBody());
        if (!"client_credentials".equals(form.get("grant_type"))) {
            send(exchange, 400, "application/json", "{\"error\":\"unsupported_grant_type\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (!CLIENT_ID.equals(form.get("client_id")) || !clientSecret.equals(form.get("client_secret"))) {
            send(exchange, 401, "application/json", "{\"error\":\"invalid_client\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String token = UUID.randomUUID().toString();
        synchronized (tokens) {
            tokens.put(token, new AtomicInteger(tokenUses));
        }
        send(exchange, 200, "application/json", ("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\","
                + "\"expires_in\":3600}").getBytes(StandardCharsets.UTF_8));
    }

    private boolean authorised(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        synchronized (tokens) {
            AtomicInteger left = tokens.get(header.substring(7));
            return left != null && left.getAndDecrement() > 0;
        }
    }

    private void list(HttpExchange exchange) throws IOException {
        if (throttled.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            exchange.getResponseHeaders().set("Retry-After", String.valueOf(retryAfterSeconds));
            send(exchange, 429, "application/json", "{\"error\":\"rate_limited\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String query = exchange.getRequestURI().getRawQuery();
        Map<String, String> parameters = form(query == null ? "" : query);
        int page;
        try {
            page = Integer.parseInt(parameters.getOrDefault("page", "1"));
        } catch (NumberFormatException e) {
            send(exchange, 400, "application/json", "{\"error\":\"bad_page\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        List<Published> all = new ArrayList<>(invoices);
        StringBuilder json = new StringBuilder("{\"data\":{\"invoices\":[");
        for (int i = (page - 1) * PAGE_SIZE; i >= 0 && i < Math.min(all.size(), page * PAGE_SIZE); i++) {
            Published p = all.get(i);
            json.append(i > (page - 1) * PAGE_SIZE ? "," : "").append("{\"ref\":\"").append(p.id())
                    .append("\",\"issued\":\"").append(p.date()).append("\",\"links\":{\"pdf\":\"/files/")
                    .append(p.id()).append(".pdf\"}}");
        }
        json.append("]},\"page\":").append(page);
        if (listPadding > 0) {
            json.append(",\"filler\":\"").append("x".repeat(listPadding)).append('"');
        }
        json.append('}');
        send(exchange, 200, "application/json", json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> form(InputStream body) throws IOException {
        return form(new String(body.readNBytes(8192), StandardCharsets.UTF_8));
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new HashMap<>();
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
