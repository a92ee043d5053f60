package io.einvoice.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.einvoice.gateway.dossier.Role;
import io.einvoice.gateway.system.GatewayContract;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.einvoice.gateway.system.TestGateway.ADMIN_EMAIL;
import static io.einvoice.gateway.system.TestGateway.PASSWORD;
import static io.einvoice.gateway.system.TestGateway.SIREN_A;
import static io.einvoice.gateway.system.TestGateway.SIREN_B;
import static io.einvoice.gateway.system.TestGateway.USER_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authentication over real HTTP against the running gateway: login throttling per account and per client address,
 * the token in the header only, logout, a dossier's API keys, and who may change where customers pay.
 * Failed logins are sent from addresses of their own (127.0.0.x) so that one test's lockout is not another's.
 */
abstract class AuthContract extends GatewayContract {

    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(10);

    JdbcTemplate db;

    @BeforeAll
    void start() throws Exception {
        db = new JdbcTemplate(new DriverManagerDataSource(gw.database.url(), gw.database.user(), gw.database.password()));
    }

    // item 6: throttling, constant-time answer, audit

    @Test
    void anAccountIsLockedAfterFiveFailuresEvenForTheRightPasswordAndFromAnotherAddress() throws Exception {
        String email = newUser();
        String address = newAddress();
        for (int i = 0; i < 5; i++) {
            assertThat(loginFrom(address, email, "wrong " + i).status()).isEqualTo(401);
        }
        Raw refused = loginFrom(address, email, PASSWORD);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 30));
        assertThat(JSON.readTree(refused.body()).get("error").asText()).isEqualTo("too_many_requests");
        assertThat(loginFrom(newAddress(), email, PASSWORD).status()).as("the account, wherever from").isEqualTo(429);
        assertThat(loginFrom(address, ADMIN_EMAIL, PASSWORD).status()).as("other accounts from that address").isEqualTo(200);

        assertThat(eventTypes(email)).containsExactly("LOGIN_FAILED", "LOGIN_FAILED", "LOGIN_FAILED", "LOGIN_FAILED",
                "LOGIN_FAILED", "LOGIN_LOCKED", "LOGIN_REFUSED_LOCKED", "LOGIN_REFUSED_LOCKED");
        assertThat(db.queryForList("SELECT DISTINCT client_address FROM security_event WHERE actor = ? AND type = 'LOGIN_FAILED'",
                String.class, email)).containsExactly(address);
    }

    @Test
    void anUnknownEmailIsThrottledExactlyLikeAnExistingOne() throws Exception {
        String nobody = "nobody-" + UUID.randomUUID() + "@test.localhost";
        String address = newAddress();
        for (int i = 0; i < 5; i++) {
            Raw failed = loginFrom(address, nobody, "guess " + i);
            assertThat(failed.status()).isEqualTo(401);
            assertThat(JSON.readTree(failed.body()).get("message").asText()).isEqualTo("wrong email or password");
        }
        assertThat(loginFrom(address, nobody, "guess 6").status()).isEqualTo(429);
    }

    @Test
    void aSuccessfulLoginStartsTheAccountsCountAfresh() throws Exception {
        String email = newUser();
        String address = newAddress();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 4; i++) {
                assertThat(loginFrom(address, email, "wrong").status()).isEqualTo(401);
            }
            assertThat(loginFrom(address, email, PASSWORD).status()).as("round " + round).isEqualTo(200);
        }
    }

    @Test
    void anAddressIsLockedAfterTwentyFailuresWhateverTheAccounts() throws Exception {
        String address = newAddress();
        for (int i = 0; i < 20; i++) {
            assertThat(loginFrom(address, "sprayed-" + i + "@test.localhost", "Password1").status()).isEqualTo(401);
        }
        Raw refused = loginFrom(address, ADMIN_EMAIL, PASSWORD);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isPresent();
        assertThat(loginFrom(newAddress(), ADMIN_EMAIL, PASSWORD).status()).as("other addresses").isEqualTo(200);
    }

    @Test
    void aPasswordLongerThanBcryptReadsIsAWrongPasswordNotAnError() throws Exception {
        String email = newUser();
        assertThat(loginFrom(newAddress(), email, PASSWORD + "x".repeat(100)).status()).isEqualTo(401);
        assertThat(loginFrom(newAddress(), "x".repeat(300) + "@test.localhost", PASSWORD).status()).isEqualTo(400);
    }

    @Test
    void loginsAreAuditedWithoutThePassword() throws Exception {
        String email = newUser();
        String address = newAddress();
        assertThat(loginFrom(address, email, "my-secret-typo").status()).isEqualTo(401);
        assertThat(loginFrom(address, email, PASSWORD).status()).isEqualTo(200);
        List<Map<String, Object>> events = db.queryForList(
                "SELECT type, client_address, firm_id FROM security_event WHERE actor = ? ORDER BY id", email);
        assertThat(events).extracting(e -> e.get("type")).containsExactly("LOGIN_FAILED", "LOGIN_SUCCEEDED");
        assertThat(events).extracting(e -> e.get("client_address")).containsOnly(address);
        assertThat(events.get(1).get("firm_id")).isNotNull();
        assertThat(db.queryForObject("SELECT COUNT(*) FROM security_event WHERE details LIKE ? OR actor LIKE ?"
                + " OR details LIKE ? OR actor LIKE ?", Integer.class,
                "%my-secret-typo%", "%my-secret-typo%", "%" + PASSWORD + "%", "%" + PASSWORD + "%")).isZero();
    }

    // item 7: the token in the Authorization header only

    @Test
    void aTokenInTheQueryStringIsNotAccepted() throws Exception {
        String inQuery = "?Authorization=" + URLEncoder.encode("Bearer " + gw.keyA, StandardCharsets.UTF_8);
        HttpResponse<String> answer = gw.get("/api/dossiers" + inQuery, null);
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(answer.body()).get("error").asText()).isEqualTo("unauthorized");
        assertThat(gw.get("/api/dossiers/" + SIREN_A + "/documents" + inQuery, null).statusCode()).isEqualTo(401);
        assertThat(gw.get("/api/dossiers/" + SIREN_A + "/documents?authorization="
                + URLEncoder.encode("Bearer " + gw.keyA, StandardCharsets.UTF_8), null).statusCode()).isEqualTo(401);
        // the header decides, whatever the query says
        String keyBInQuery = "?Authorization=" + URLEncoder.encode("Bearer " + gw.keyB, StandardCharsets.UTF_8);
        assertThat(sirens(gw.get("/api/dossiers" + keyBInQuery, gw.keyA))).containsExactly(SIREN_A);
        assertThat(gw.get("/api/dossiers/" + SIREN_B + keyBInQuery, gw.keyA).statusCode()).isEqualTo(404);
    }

    // item 8: logout, a dossier's keys

    @Test
    void logoutRevokesTheSessionTokenAtOnce() throws Exception {
        String token = gw.login(USER_EMAIL);
        String other = gw.login(USER_EMAIL);
        assertThat(gw.get("/api/dossiers", token).statusCode()).isEqualTo(200);
        HttpResponse<String> out = gw.post("/api/auth/logout", token, "");
        assertThat(out.statusCode()).as(out.body()).isEqualTo(200);
        assertThat(gw.get("/api/dossiers", token).statusCode()).isEqualTo(401);
        assertThat(gw.post("/api/auth/logout", token, "").statusCode()).isEqualTo(401);
        assertThat(gw.get("/api/dossiers", other).statusCode()).as("the user's other session").isEqualTo(200);
        assertThat(gw.post("/api/auth/logout", gw.keyA, "").statusCode()).isEqualTo(403);
        assertThat(gw.get("/api/dossiers", gw.keyA).statusCode()).as("a key is not logged out").isEqualTo(200);
        assertThat(eventTypes(USER_EMAIL)).contains("LOGOUT");
    }

    @Test
    void usersListAndRevokeADossiersKeysAndKeysStopWorkingAtOnce() throws Exception {
        String admin = gw.login(ADMIN_EMAIL);
        JsonNode issued = JSON.readTree(gw.post("/api/dossiers/" + SIREN_A + "/api-keys", admin, "{\"label\":\"erp\"}").body());
        String id = issued.get("id").asText();
        String key = issued.get("key").asText();
        assertThat(gw.get("/api/dossiers", key).statusCode()).isEqualTo(200);

        HttpResponse<String> list = gw.get("/api/dossiers/" + SIREN_A + "/api-keys", gw.login(USER_EMAIL));
        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode listed = JSON.readTree(list.body());
        assertThat(listed.findValuesAsText("prefix")).contains(issued.get("prefix").asText(), gw.keyA.substring(0, 12));
        assertThat(list.body()).doesNotContain(key).doesNotContain(gw.keyA).doesNotContain("hash");

        HttpResponse<String> revoked = gw.delete("/api/dossiers/" + SIREN_A + "/api-keys/" + id, admin);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(JSON.readTree(revoked.body()).get("revokedAt").isNull()).isFalse();
        assertThat(gw.get("/api/dossiers", key).statusCode()).isEqualTo(401);
        assertThat(gw.delete("/api/dossiers/" + SIREN_A + "/api-keys/" + id, admin).statusCode()).as("again").isEqualTo(200);
        assertThat(gw.get("/api/dossiers", gw.keyA).statusCode()).as("the dossier's other key").isEqualTo(200);

        List<String> types = db.queryForList("SELECT e.type FROM security_event e JOIN dossier d ON d.id = e.dossier_id"
                + " WHERE d.siren = ? AND e.details LIKE ? ORDER BY e.id", String.class, SIREN_A, "%" + issued.get("prefix").asText() + "%");
        assertThat(types).containsExactly("API_KEY_CREATED", "API_KEY_REVOKED");
    }

    @Test
    void apiKeysCannotListOrRevokeKeysAndNobodyReachesAnotherDossiersKeys() throws Exception {
        String idOfB = JSON.readTree(gw.get("/api/dossiers/" + SIREN_B + "/api-keys", gw.login(ADMIN_EMAIL)).body())
                .get(0).get("id").asText();
        assertThat(gw.get("/api/dossiers/" + SIREN_A + "/api-keys", gw.keyA).statusCode()).isEqualTo(403);
        assertThat(gw.delete("/api/dossiers/" + SIREN_A + "/api-keys/" + idOfB, gw.keyA).statusCode()).isEqualTo(403);
        assertThat(gw.get("/api/dossiers/" + SIREN_B + "/api-keys", gw.keyA).statusCode()).isEqualTo(404);
        String userOfA = gw.login(USER_EMAIL);
        assertThat(gw.get("/api/dossiers/" + SIREN_B + "/api-keys", userOfA).statusCode()).isEqualTo(404);
        assertThat(gw.delete("/api/dossiers/" + SIREN_B + "/api-keys/" + idOfB, userOfA).statusCode()).isEqualTo(404);
        assertThat(gw.delete("/api/dossiers/" + SIREN_A + "/api-keys/" + idOfB, userOfA).statusCode())
                .as("B's key through A's path").isEqualTo(404);
        assertThat(gw.get("/api/dossiers", gw.keyB).statusCode()).as("B's key still works").isEqualTo(200);
    }

    @Test
    void logoutAndKeyManagementAreInTheOpenApiDescription() throws Exception {
        JsonNode paths = JSON.readTree(gw.get("/api/openapi.json", null).body()).get("paths");
        assertThat(paths.at("/~1api~1auth~1logout/post").isMissingNode()).isFalse();
        assertThat(paths.at("/~1api~1dossiers~1{siren}~1api-keys/get").isMissingNode()).isFalse();
        assertThat(paths.at("/~1api~1dossiers~1{siren}~1api-keys~1{keyId}/delete").isMissingNode()).isFalse();
    }

    // item 15: who may change where customers pay

    @Test
    void anApiKeyCannotChangeTheSalesIbanAndEveryChangeByAUserIsAnEvent() throws Exception {
        String path = "/api/dossiers/" + SIREN_A + "/sales-settings";
        String user = gw.login(USER_EMAIL);
        assertThat(gw.put(path, user, "{\"iban\":\"FR76 3000 6000 0112 3456 7890 189\",\"bic\":\"AGRIFRPPXXX\"}").statusCode())
                .isEqualTo(200);

        HttpResponse<String> byKey = gw.put(path, gw.keyA, "{\"iban\":\"DE89370400440532013000\"}");
        assertThat(byKey.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(byKey.body()).get("error").asText()).isEqualTo("forbidden");
        assertThat(JSON.readTree(gw.get(path, gw.keyA).body()).get("iban").asText()).isEqualTo("FR7630006000011234567890189");

        assertThat(gw.put(path, user, "{\"iban\":\"DE89370400440532013000\",\"bic\":\"COBADEFFXXX\"}").statusCode()).isEqualTo(200);
        assertThat(gw.put(path, user, "{\"iban\":\"DE89370400440532013000\",\"bic\":\"COBADEFFXXX\",\"paymentDays\":45}")
                .statusCode()).isEqualTo(200);

        List<Map<String, Object>> changes = db.queryForList("SELECT e.actor, e.details FROM security_event e"
                + " JOIN dossier d ON d.id = e.dossier_id WHERE d.siren = ? AND e.type = 'SALES_IBAN_CHANGED' ORDER BY e.id", SIREN_A);
        assertThat(changes).extracting(c -> c.get("details")).containsExactly(
                "IBAN (none) -> FR7630006000011234567890189; BIC (none) -> AGRIFRPPXXX",
                "IBAN FR7630006000011234567890189 -> DE89370400440532013000; BIC AGRIFRPPXXX -> COBADEFFXXX");
        assertThat(changes).extracting(c -> c.get("actor")).containsOnly("user:" + USER_EMAIL);
    }

    private String newUser() {
        String email = "u-" + UUID.randomUUID() + "@test.localhost";
        var services = gw.gateway.services();
        String firmId = services.dossiers().findBySiren(SIREN_A).orElseThrow().firmId();
        services.users().create(firmId, email, "Someone", PASSWORD, Role.USER);
        return email;
    }

    private static String newAddress() {
        return "127.0.0." + NEXT_ADDRESS.getAndIncrement();
    }

    private List<String> eventTypes(String actor) {
        return db.queryForList("SELECT type FROM security_event WHERE actor = ? ORDER BY id", String.class, actor);
    }

    private static List<String> sirens(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).findValuesAsText("siren");
    }

    /** POST /api/auth/login from a chosen loopback address: java.net.http cannot pick the address it connects from. */
    private Raw loginFrom(String localAddress, String email, String password) throws IOException {
        byte[] body = JSON.writeValueAsBytes(Map.of("email", email, "password", password));
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", gw.port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            return Raw.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    record Raw(int status, Map<String, String> headers, String body) {
        static Raw parse(String response) {
            int end = response.indexOf("\r\n\r\n");
            String[] lines = response.substring(0, end).split("\r\n");
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
            }
            String body = response.substring(end + 4);
            return new Raw(Integer.parseInt(lines[0].split(" ")[1]), headers,
                    "chunked".equalsIgnoreCase(headers.get("Transfer-Encoding")) ? dechunk(body) : body);
        }

        private static String dechunk(String chunked) {
            StringBuilder body = new StringBuilder();
            int at = 0;
            for (int size; (size = Integer.parseInt(chunked.substring(at, chunked.indexOf("\r\n", at)).trim(), 16)) > 0; ) {
                int start = chunked.indexOf("\r\n", at) + 2;
                body.append(chunked, start, start + size);
                at = start + size + 2;
            }
            return body.toString();
        }

        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }
    }
}
