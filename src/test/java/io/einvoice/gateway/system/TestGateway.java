package io.einvoice.gateway.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.einvoice.gateway.dispatch.DispatchSettings;
import io.einvoice.gateway.dispatch.chorus.ChorusSettings;
import io.einvoice.gateway.dispatch.pa.PaBeans;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.Firm;
import io.einvoice.gateway.dossier.Role;
import io.einvoice.gateway.dossier.User;
import io.einvoice.gateway.outbound.OutboundGuard;
import org.apache.camel.Endpoint;
import org.apache.camel.component.seda.SedaEndpoint;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * The whole gateway, started for a test on a free port with its own home folder and database, with a tenant
 * fixture: one firm, dossier A (123456782) and dossier B (552100554), an admin, a user who sees A only, a key each.
 */
public final class TestGateway implements AutoCloseable {

    public static final String SIREN_A = "123456782";
    public static final String SIREN_B = "552100554";
    public static final String ADMIN_EMAIL = "admin@test.localhost";
    public static final String USER_EMAIL = "user@test.localhost";
    public static final String PASSWORD = "correct horse battery staple";

    private static final ObjectMapper JSON = new ObjectMapper();

    public final Path home;
    public final Gateway gateway;
    public final TestDatabase database;
    public final int port;
    public final String keyA;
    public final String keyB;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestGateway(Path home, Gateway gateway, TestDatabase database, int port, String keyA, String keyB) {
        this.home = home;
        this.gateway = gateway;
        this.database = database;
        this.port = port;
        this.keyA = keyA;
        this.keyB = keyB;
    }

    public static TestGateway start(Path home, TestDatabase database) throws Exception {
        return start(home, database, ChorusSettings.fromEnvironment(System.getenv()),
                DispatchSettings.fromEnvironment(System.getenv()), null);
    }

    /** @param smtp the gateway's own outbound mail server (receipts); null: none, whatever the environment says */
    public static TestGateway start(Path home, TestDatabase database, OutboundSmtp smtp) throws Exception {
        return start(home, database, ChorusSettings.fromEnvironment(System.getenv()),
                DispatchSettings.fromEnvironment(System.getenv()), smtp);
    }

    /** With a Chorus Pro simulator's address and short dispatch timings. */
    public static TestGateway start(Path home, TestDatabase database, ChorusSettings chorus, DispatchSettings dispatch)
            throws Exception {
        return start(home, database, chorus, dispatch, null);
    }

    /** With the operators' port (metrics, probes) on {@code managementPort}. */
    public static TestGateway startWithManagement(Path home, TestDatabase database, int managementPort) throws Exception {
        return start(home, database, ChorusSettings.fromEnvironment(System.getenv()),
                DispatchSettings.fromEnvironment(System.getenv()), null,
                new GatewayConfig.Management("127.0.0.1", managementPort));
    }

    private static TestGateway start(Path home, TestDatabase database, ChorusSettings chorus, DispatchSettings dispatch,
                                     OutboundSmtp smtp) throws Exception {
        return start(home, database, chorus, dispatch, smtp, GatewayConfig.Management.OFF);
    }

    /**
     * With its stages on the RabbitMQ broker at {@code brokerUrl}, under queues of their own ({@code prefix}.validation...),
     * whatever the environment says.
     */
    public static TestGateway startWithBroker(Path home, TestDatabase database, String brokerUrl, String prefix)
            throws Exception {
        return start(home, database, ChorusSettings.fromEnvironment(System.getenv()),
                DispatchSettings.fromEnvironment(System.getenv()), null, GatewayConfig.Management.OFF,
                Cluster.fromEnvironment(java.util.Map.of(Cluster.BROKER_ENV, brokerUrl, Cluster.PREFIX_ENV, prefix), home));
    }

    private static TestGateway start(Path home, TestDatabase database, ChorusSettings chorus, DispatchSettings dispatch,
                                     OutboundSmtp smtp, GatewayConfig.Management management) throws Exception {
        return start(home, database, chorus, dispatch, smtp, management, Cluster.fromEnvironment(System.getenv(), home));
    }

    private static TestGateway start(Path home, TestDatabase database, ChorusSettings chorus, DispatchSettings dispatch,
                                     OutboundSmtp smtp, GatewayConfig.Management management, Cluster cluster)
            throws Exception {
        return start(home, database, chorus, dispatch, smtp, management, cluster, GatewayConfig.DEFAULT_MAX_FILE_BYTES);
    }

    /** With a smaller GATEWAY_MAX_FILE_BYTES, so a test reaches the size limits (of a file, of a mail) cheaply. */
    public static TestGateway startWithMaxFileBytes(Path home, TestDatabase database, long maxFileBytes) throws Exception {
        return start(home, database, ChorusSettings.fromEnvironment(System.getenv()),
                DispatchSettings.fromEnvironment(System.getenv()), null, GatewayConfig.Management.OFF,
                Cluster.fromEnvironment(System.getenv(), home), maxFileBytes);
    }

    private static TestGateway start(Path home, TestDatabase database, ChorusSettings chorus, DispatchSettings dispatch,
                                     OutboundSmtp smtp, GatewayConfig.Management management, Cluster cluster,
                                     long maxFileBytes) throws Exception {
        int port = freePort();
        GatewayConfig config = new GatewayConfig(home, port, database.url(), database.user(), database.password(),
                maxFileBytes, Path.of("routes").toAbsolutePath(), 200, management);
        // the tests' mail servers (GreenMail) listen on this machine: allowed, as an operator would allow a local relay
        Gateway gateway = Gateway.create(config, chorus, dispatch, smtp, OutboundGuard.strict(InetAddress::getAllByName)
                .allowing("127.0.0.1"), PaBeans.Settings.fromEnvironment(System.getenv()), cluster);
        var s = gateway.services();
        Firm firm = new Firm(UUID.randomUUID().toString(), "Cabinet Test", "443322110");
        s.dossiers().insertFirm(firm);
        Dossier a = new Dossier(UUID.randomUUID().toString(), firm.id(), SIREN_A, null, "Dossier A", null, 12, "ACTIVE", false);
        Dossier b = new Dossier(UUID.randomUUID().toString(), firm.id(), SIREN_B, null, "Dossier B", null, 12, "ACTIVE", false);
        s.dossiers().insert(a);
        s.dossiers().insert(b);
        s.users().create(firm.id(), ADMIN_EMAIL, "Admin", PASSWORD, Role.ADMIN);
        User user = s.users().create(firm.id(), USER_EMAIL, "User", PASSWORD, Role.USER);
        s.users().assign(user, a);
        s.folders().createFolders(SIREN_A);
        s.folders().createFolders(SIREN_B);
        String keyA = s.apiKeys().issue(a, "test").key();
        String keyB = s.apiKeys().issue(b, "test").key();
        gateway.start();
        return new TestGateway(home, gateway, database, port, keyA, keyB);
    }

    /**
     * The gateway on an empty database, as an operator first starts it: no firm, no user, no dossier, no key
     * ({@link #keyA} and {@link #keyB} are null); the test creates what it needs, e.g. through {@link Gateway#firstStart}.
     */
    public static TestGateway startEmpty(Path home, TestDatabase database, OutboundSmtp smtp) throws Exception {
        int port = freePort();
        GatewayConfig config = new GatewayConfig(home, port, database.url(), database.user(), database.password(),
                GatewayConfig.DEFAULT_MAX_FILE_BYTES, Path.of("routes").toAbsolutePath(), 200, GatewayConfig.Management.OFF);
        Gateway gateway = Gateway.create(config, ChorusSettings.fromEnvironment(System.getenv()),
                DispatchSettings.fromEnvironment(System.getenv()), smtp,
                OutboundGuard.strict(InetAddress::getAllByName).allowing("127.0.0.1"));
        gateway.start();
        return new TestGateway(home, gateway, database, port, null, null);
    }

    public Path salesFolder(String siren) {
        return home.resolve("inbox").resolve(siren).resolve("sales");
    }

    public Path purchaseFolder(String siren) {
        return home.resolve("inbox").resolve(siren).resolve("purchase");
    }

    /** A file dropped in the purchase folder of {@code siren} as software does it: written aside, then moved in at once. */
    public void drop(String siren, String fileName, byte[] content) throws IOException {
        Path folder = purchaseFolder(siren);
        Path temporary = folder.resolve("." + fileName + ".tmp");
        Files.write(temporary, content);
        Files.move(temporary, folder.resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The first document of the list of {@code siren} (500 at most), as {@code token} reads it, that {@code which} accepts. */
    public JsonNode awaitListed(String siren, String token, Duration patience, Predicate<JsonNode> which) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(patience).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<String> list = get("/api/dossiers/" + siren + "/documents?limit=500", token);
            if (list.statusCode() != 200) {
                throw new AssertionError("the documents of " + siren + " were answered " + list.statusCode() + ": " + list.body());
            }
            for (JsonNode d : JSON.readTree(list.body())) {
                if (which.test(d)) {
                    found[0] = d;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** What {@code path} answers once it answers 200 (a journal entry, written a moment after its document changed). */
    public JsonNode awaitFound(String path, String token, Duration patience) throws IOException {
        String[] body = new String[1];
        await().atMost(patience).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<String> answer = get(path, token);
            body[0] = answer.body();
            return answer.statusCode() == 200;
        });
        return JSON.readTree(body[0]);
    }

    /**
     * A clean verdict recorded for the document's original, as the validation step records it: for the contracts that
     * stop that step to decide the verdicts themselves.
     */
    public void recordCleanValidation(String id) {
        var documents = gateway.services().documents();
        documents.recordValidation(id, true, 0, documents.findById(id).orElseThrow().originalSha256());
    }

    /**
     * The session token {@code POST /api/auth/login} gives the person of {@code email} with the test password; a login
     * refused fails the test with the answer.
     */
    public String login(String email) throws IOException, InterruptedException {
        return login(email, PASSWORD);
    }

    public String login(String email, String password) throws IOException, InterruptedException {
        HttpResponse<String> answer = post("/api/auth/login", null,
                JSON.writeValueAsString(Map.of("email", email, "password", password)));
        if (answer.statusCode() != 200) {
            throw new AssertionError("the login of " + email + " was answered " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body()).get("token").asText();
    }

    public HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return http.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> getBytes(String path, String token) throws IOException, InterruptedException {
        return http.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> delete(String path, String token) throws IOException, InterruptedException {
        return http.send(request(path, token).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String token, String json) throws IOException, InterruptedException {
        return http.send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postBytes(String path, String token, String contentType, byte[] body)
            throws IOException, InterruptedException {
        return http.send(request(path, token).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> put(String path, String token, String json) throws IOException, InterruptedException {
        return http.send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> patch(String path, String token, String json) throws IOException, InterruptedException {
        return http.send(request(path, token).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** multipart/form-data with one part named {@code field}, as a browser or curl -F sends it. */
    public HttpResponse<String> upload(String path, String token, String field, String fileName, byte[] content)
            throws IOException, InterruptedException {
        String boundary = "----gateway" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return http.send(request(path, token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    /**
     * The in-memory stage queues whose route a test stopped (the validation step of {@link RecordsItsOwnVerdicts}...)
     * still hold what was sent to them, and a stop counts those as pending: it would wait its whole shutdown timeout
     * (15 s) for exchanges no consumer will take.
     */
    private void dropWhatStoppedStagesWereSent() {
        for (Endpoint endpoint : gateway.camel().getEndpoints()) {
            if (endpoint instanceof SedaEndpoint queue && queue.getConsumers().isEmpty()) {
                queue.purgeQueue();
            }
        }
    }

    /** A port nothing listens on right now, for the tests' own servers. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        try {
            dropWhatStoppedStagesWereSent();
            gateway.close();
        } finally {
            database.close();
        }
    }
}
