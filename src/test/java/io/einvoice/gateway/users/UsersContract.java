package io.einvoice.gateway.users;

import com.fasterxml.jackson.databind.JsonNode;
import io.einvoice.gateway.archive.Sha256;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.Role;
import io.einvoice.gateway.dossier.User;
import io.einvoice.gateway.system.Database;
import io.einvoice.gateway.system.GatewayContract;
import io.einvoice.gateway.system.MailsThroughRelay;
import io.einvoice.gateway.system.TestDatabase;
import io.einvoice.gateway.system.TestGateway;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.einvoice.gateway.system.TestGateway.ADMIN_EMAIL;
import static io.einvoice.gateway.system.TestGateway.PASSWORD;
import static io.einvoice.gateway.system.TestGateway.SIREN_A;
import static io.einvoice.gateway.system.TestGateway.SIREN_B;
import static io.einvoice.gateway.system.TestGateway.USER_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The users API over real HTTP, with a real mail server (GreenMail) as the gateway's outbound SMTP: invitations by
 * e-mail and their one-time, 7-day link, roles, dossiers, deactivation, who may do it, precise refusals, the events.
 */
@MailsThroughRelay("gateway@test.localhost")
abstract class UsersContract extends GatewayContract {

    private static final Pattern TOKEN = Pattern.compile("egi_[A-Za-z0-9_-]{43}");
    private static final String NEW_PASSWORD = "a brand new pass phrase";

    JdbcTemplate db;
    String admin;

    @BeforeAll
    void start() throws Exception {
        db = new JdbcTemplate(new DriverManagerDataSource(gw.database.url(), gw.database.user(), gw.database.password()));
        admin = gw.login(ADMIN_EMAIL, PASSWORD);
    }

    @Test
    void anInvitedPersonSetsTheirPasswordThroughTheMailedLinkOnceAndThenSeesTheirDossiers() throws Exception {
        JsonNode invited = body(gw.post("/api/users/invitations", admin,
                "{\"email\":\"Invited@Test.localhost\",\"displayName\":\"Invitée\",\"role\":\"USER\",\"dossiers\":[\"" + SIREN_A + "\"]}"), 201);
        assertThat(invited.get("status").asText()).isEqualTo("INVITED");
        assertThat(invited.get("email").asText()).isEqualTo("invited@test.localhost");

        String mail = mailTo("invited@test.localhost");
        Matcher link = Pattern.compile("http://localhost:" + gw.port + "/invitation\\?token=(" + TOKEN.pattern() + ")")
                .matcher(mail);
        assertThat(link.find()).as(mail).isTrue();
        String token = link.group(1);
        assertThat(mail).contains("Cabinet Test").contains("7");
        assertThat(db.queryForObject("SELECT COUNT(*) FROM user_invitation WHERE token_hash = ?", Integer.class,
                Sha256.of(token))).as("stored as its hash").isEqualTo(1);
        assertThat(db.queryForObject("SELECT COUNT(*) FROM user_invitation WHERE token_hash = ? OR created_by = ?",
                Integer.class, token, token)).as("never in clear").isZero();

        assertThat(gw.post("/api/auth/login", null, credentials("invited@test.localhost", NEW_PASSWORD)).statusCode())
                .as("no login before the link is used").isEqualTo(401);
        assertError(gw.post("/api/invitations/accept", null, accept(token, "too short")), 400,
                "a password has at least 12 characters and at most 72 bytes");
        JsonNode accepted = body(gw.post("/api/invitations/accept", null, accept(token, NEW_PASSWORD)), 200);
        assertThat(accepted.get("email").asText()).isEqualTo("invited@test.localhost");

        String session = gw.login("invited@test.localhost", NEW_PASSWORD);
        assertThat(sirens(gw.get("/api/dossiers", session))).containsExactly(SIREN_A);
        assertError(gw.post("/api/invitations/accept", null, accept(token, "another pass phrase")), 400,
                UserAdministration.INVALID_LINK);
        assertThat(user("invited@test.localhost").get("status").asText()).isEqualTo("ACTIVE");
        assertThat(events()).contains("USER_INVITED user:" + ADMIN_EMAIL + " invited@test.localhost as USER, dossiers " + SIREN_A,
                "INVITATION_ACCEPTED invited@test.localhost password set");
    }

    @Test
    void theMailedLinkOpensAPageWhereThePersonChoosesTheirPassword() throws Exception {
        body(gw.post("/api/users/invitations", admin,
                "{\"email\":\"web@test.localhost\",\"displayName\":\"Web\",\"role\":\"USER\"}"), 201);
        String link = "/invitation?token=" + tokenIn(mailTo("web@test.localhost"));
        HttpResponse<String> page = gw.get(link, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("name=\"token\" value=\"" + link.substring(link.indexOf('=') + 1) + "\"");

        String form = "token=" + link.substring(link.indexOf('=') + 1) + "&next=" + NEW_PASSWORD.replace(' ', '+');
        assertThat(gw.postBytes("/invitation", null, "application/x-www-form-urlencoded",
                (form + "&confirm=something+else+entirely").getBytes()).statusCode()).as("confirmation differs").isEqualTo(400);
        HttpResponse<String> done = gw.postBytes("/invitation", null, "application/x-www-form-urlencoded",
                (form + "&confirm=" + NEW_PASSWORD.replace(' ', '+')).getBytes());
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(done.headers().firstValue("Location")).hasValue("/login");
        gw.login("web@test.localhost", NEW_PASSWORD);
        assertThat(gw.postBytes("/invitation", null, "application/x-www-form-urlencoded",
                (form + "&confirm=" + NEW_PASSWORD.replace(' ', '+')).getBytes()).statusCode()).as("used once").isEqualTo(400);
    }

    @Test
    void anExpiredOrUnknownInvitationLinkIsRefusedAndTheAccountStaysClosed() throws Exception {
        body(gw.post("/api/users/invitations", admin,
                "{\"email\":\"late@test.localhost\",\"displayName\":\"Late\",\"role\":\"USER\"}"), 201);
        String token = tokenIn(mailTo("late@test.localhost"));
        db.update("UPDATE user_invitation SET expires_at = created_at - INTERVAL '1' SECOND WHERE token_hash = ?",
                Sha256.of(token));
        assertError(gw.post("/api/invitations/accept", null, accept(token, NEW_PASSWORD)), 400,
                UserAdministration.INVALID_LINK);
        assertError(gw.post("/api/invitations/accept", null, accept("egi_" + "x".repeat(43), NEW_PASSWORD)), 400,
                UserAdministration.INVALID_LINK);
        assertError(gw.post("/api/invitations/accept", null, accept("not-a-token", NEW_PASSWORD)), 400,
                UserAdministration.INVALID_LINK);
        assertThat(gw.post("/api/auth/login", null, credentials("late@test.localhost", NEW_PASSWORD)).statusCode())
                .isEqualTo(401);
        assertThat(user("late@test.localhost").get("status").asText()).isEqualTo("DEACTIVATED");
    }

    @Test
    void aDeactivatedInviteesLinkNoLongerWorks() throws Exception {
        JsonNode invited = body(gw.post("/api/users/invitations", admin,
                "{\"email\":\"cancelled@test.localhost\",\"displayName\":\"Cancelled\",\"role\":\"USER\"}"), 201);
        String token = tokenIn(mailTo("cancelled@test.localhost"));
        body(gw.post("/api/users/" + invited.get("id").asText() + "/deactivate", admin, ""), 200);
        assertError(gw.post("/api/invitations/accept", null, accept(token, NEW_PASSWORD)), 400,
                UserAdministration.INVALID_LINK);
    }

    @Test
    void anAdminCreatesAUserGivesDossiersChangesTheRoleAndDeactivatesThemAtOnce() throws Exception {
        JsonNode created = body(gw.post("/api/users", admin, "{\"email\":\"bob@test.localhost\",\"displayName\":\"Bob\","
                + "\"role\":\"USER\",\"password\":\"" + NEW_PASSWORD + "\",\"dossiers\":[\"" + SIREN_A + "\"]}"), 201);
        String id = created.get("id").asText();
        assertThat(created.get("dossiers")).hasSize(1);
        String bob = gw.login("bob@test.localhost", NEW_PASSWORD);
        assertThat(sirens(gw.get("/api/dossiers", bob))).containsExactly(SIREN_A);

        body(gw.put("/api/users/" + id + "/dossiers", admin, "{\"dossiers\":[\"" + SIREN_B + "\"]}"), 200);
        assertThat(sirens(gw.get("/api/dossiers", bob))).as("at once, same session").containsExactly(SIREN_B);

        JsonNode client = body(gw.put("/api/users/" + id + "/role", admin, "{\"role\":\"CLIENT\"}"), 200);
        assertThat(client.get("role").asText()).isEqualTo("CLIENT");
        assertThat(gw.get("/api/dossiers/" + SIREN_B + "/settings", bob).statusCode()).isEqualTo(403);
        assertError(gw.put("/api/users/" + id + "/dossiers", admin, "{\"dossiers\":[\"" + SIREN_A + "\",\"" + SIREN_B + "\"]}"),
                400, "a CLIENT is given exactly one of the firm's client dossiers (not its own)");

        body(gw.put("/api/users/" + id + "/role", admin, "{\"role\":\"ADMIN_EXCEPT_FIRM\"}"), 200);
        body(gw.put("/api/users/" + id + "/dossiers", admin, "{\"dossiers\":[\"" + SIREN_A + "\",\"" + SIREN_B + "\"]}"), 200);
        assertError(gw.put("/api/users/" + id + "/role", admin, "{\"role\":\"CLIENT\"}"), 400,
                "to become a CLIENT, the user must first be given exactly one client dossier (PUT /api/users/{id}/dossiers)");

        JsonNode off = body(gw.post("/api/users/" + id + "/deactivate", admin, ""), 200);
        assertThat(off.get("status").asText()).isEqualTo("DEACTIVATED");
        assertThat(gw.get("/api/dossiers", bob).statusCode()).as("the open session ends").isEqualTo(401);
        assertThat(gw.post("/api/auth/login", null, credentials("bob@test.localhost", NEW_PASSWORD)).statusCode()).isEqualTo(401);
        body(gw.post("/api/users/" + id + "/reactivate", admin, ""), 200);
        gw.login("bob@test.localhost", NEW_PASSWORD);

        assertThat(events()).contains(
                "USER_CREATED user:" + ADMIN_EMAIL + " bob@test.localhost as USER, dossiers " + SIREN_A,
                "DOSSIERS_ASSIGNED user:" + ADMIN_EMAIL + " bob@test.localhost: dossiers " + SIREN_B,
                "ROLE_CHANGED user:" + ADMIN_EMAIL + " bob@test.localhost: USER -> CLIENT",
                "ROLE_CHANGED user:" + ADMIN_EMAIL + " bob@test.localhost: CLIENT -> ADMIN_EXCEPT_FIRM",
                "USER_DEACTIVATED user:" + ADMIN_EMAIL + " bob@test.localhost",
                "USER_REACTIVATED user:" + ADMIN_EMAIL + " bob@test.localhost");
        JsonNode listed = body(gw.get("/api/users/events?limit=5", admin), 200);
        assertThat(listed).hasSize(5);
        JsonNode reactivated = null;
        for (JsonNode e : listed) {
            reactivated = reactivated == null && e.get("type").asText().equals("USER_REACTIVATED") ? e : reactivated;
        }
        assertThat(reactivated).as("the reactivation among the 5 newest events").isNotNull();
        assertThat(reactivated.get("at").asText()).isNotBlank();
        assertThat(reactivated.get("actor").asText()).isEqualTo("user:" + ADMIN_EMAIL);
        assertThat(reactivated.get("details").asText()).isEqualTo("bob@test.localhost");
    }

    @Test
    void theFirmKeepsAnActiveAdmin() throws Exception {
        String adminId = user(ADMIN_EMAIL).get("id").asText();
        assertError(gw.post("/api/users/" + adminId + "/deactivate", admin, ""), 409,
                ADMIN_EMAIL + " is the firm's last active ADMIN: make someone else ADMIN first");
        assertError(gw.put("/api/users/" + adminId + "/role", admin, "{\"role\":\"USER\"}"), 409,
                ADMIN_EMAIL + " is the firm's last active ADMIN: make someone else ADMIN first");
    }

    @Test
    void onlyAnAdminOfTheFirmManagesUsers() throws Exception {
        var s = gw.gateway.services();
        Dossier a = s.dossiers().findBySiren(SIREN_A).orElseThrow();
        s.users().create(a.firmId(), "almost@test.localhost", "Almost", PASSWORD, Role.ADMIN_EXCEPT_FIRM);
        User client = s.users().create(a.firmId(), "client-u@test.localhost", "Client", PASSWORD, Role.CLIENT);
        s.users().assign(client, a);
        String someone = user(USER_EMAIL).get("id").asText();
        for (String token : List.of(gw.login(USER_EMAIL, PASSWORD), gw.login("almost@test.localhost", PASSWORD),
                gw.login("client-u@test.localhost", PASSWORD), gw.keyA)) {
            assertThat(gw.get("/api/users", token).statusCode()).isEqualTo(403);
            assertThat(gw.get("/api/users/events", token).statusCode()).isEqualTo(403);
            assertThat(gw.post("/api/users", token, "{}").statusCode()).isEqualTo(403);
            assertThat(gw.post("/api/users/invitations", token, "{}").statusCode()).isEqualTo(403);
            assertThat(gw.put("/api/users/" + someone + "/role", token, "{\"role\":\"ADMIN\"}").statusCode()).isEqualTo(403);
            assertThat(gw.put("/api/users/" + someone + "/dossiers", token, "{\"dossiers\":[]}").statusCode()).isEqualTo(403);
            assertThat(gw.post("/api/users/" + someone + "/deactivate", token, "").statusCode()).isEqualTo(403);
        }
        assertThat(gw.get("/api/users", null).statusCode()).isEqualTo(401);
        assertThat(user(USER_EMAIL).get("role").asText()).isEqualTo("USER");
    }

    @Test
    void anotherFirmsUsersDoNotExistForAnAdmin() throws Exception {
        try (Database other = Database.open(gw.database.url(), gw.database.user(), gw.database.password())) {
            FirmOnboarding.of(other).createFirm("732829320", "Autre Cabinet",
                    "admin@other.localhost", PASSWORD, "test");
        }
        String otherAdmin = gw.login("admin@other.localhost", PASSWORD);
        String ours = user(USER_EMAIL).get("id").asText();
        assertThat(gw.put("/api/users/" + ours + "/role", otherAdmin, "{\"role\":\"ADMIN\"}").statusCode()).isEqualTo(404);
        assertThat(gw.post("/api/users/" + ours + "/deactivate", otherAdmin, "").statusCode()).isEqualTo(404);
        assertError(gw.put("/api/users/" + user("admin@other.localhost", otherAdmin).get("id").asText() + "/dossiers",
                otherAdmin, "{\"dossiers\":[\"" + SIREN_A + "\"]}"), 400, "dossiers: the firm has no dossier " + SIREN_A);
        assertThat(body(gw.get("/api/users", otherAdmin), 200)).hasSize(1);
    }

    @Test
    void badBodiesGetA400ThatSaysWhatIsWrong() throws Exception {
        String base = "\"displayName\":\"X\",\"password\":\"" + NEW_PASSWORD + "\"";
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("{" + base + ",\"role\":\"USER\"}", "email is required");
        cases.put("{\"email\":\"not-an-address\"," + base + ",\"role\":\"USER\"}", "email must be one address like name@example.fr");
        cases.put("{\"email\":\"x@test.localhost\",\"password\":\"" + NEW_PASSWORD + "\",\"role\":\"USER\"}", "displayName is required");
        cases.put("{\"email\":\"x@test.localhost\"," + base + "}", "role is required: one of ADMIN, ADMIN_EXCEPT_FIRM, USER, CLIENT");
        cases.put("{\"email\":\"x@test.localhost\"," + base + ",\"role\":\"KING\"}", "role must be one of ADMIN, ADMIN_EXCEPT_FIRM, USER, CLIENT");
        cases.put("{\"email\":\"x@test.localhost\",\"displayName\":\"X\",\"role\":\"USER\"}",
                "password is required (or invite the person: POST /api/users/invitations)");
        cases.put("{\"email\":\"x@test.localhost\",\"displayName\":\"X\",\"role\":\"USER\",\"password\":\"short\"}",
                "a password has at least 12 characters and at most 72 bytes");
        cases.put("{\"email\":\"x@test.localhost\"," + base + ",\"role\":\"CLIENT\"}",
                "a CLIENT is given exactly one of the firm's client dossiers (not its own): send \"dossiers\": [\"<SIREN>\"]");
        cases.put("{\"email\":\"x@test.localhost\"," + base + ",\"role\":\"USER\",\"dossiers\":[\"12\"]}",
                "dossiers must be SIRENs of 9 digits");
        cases.put("{\"email\":\"x@test.localhost\"," + base + ",\"role\":\"USER\",\"dossiers\":[\"732829320\"]}",
                "dossiers: the firm has no dossier 732829320");
        List<String> many = new ArrayList<>(Collections.nCopies(1001, "\"" + SIREN_A + "\""));
        cases.put("{\"email\":\"x@test.localhost\"," + base + ",\"role\":\"USER\",\"dossiers\":[" + String.join(",", many) + "]}",
                "dossiers holds at most 1000 SIRENs");
        for (var c : cases.entrySet()) {
            assertError(gw.post("/api/users", admin, c.getKey()), 400, c.getValue());
        }
        assertThat(body(gw.post("/api/users", admin, "{\"email\": oops"), 400).get("error").asText()).isEqualTo("invalid_request");
        assertThat(body(gw.post("/api/users", admin, "{\"email\":\"x@test.localhost\",\"admin\":true}"), 400)
                .get("message").asText()).contains("admin");
        assertThat(body(gw.post("/api/users", admin, "{\"email\":\"" + "x".repeat(300) + "@test.localhost\"," + base
                + ",\"role\":\"USER\"}"), 400).get("message").asText()).contains("email").doesNotContain("xxxxxxxx");
        assertError(gw.post("/api/users", admin, "{\"email\":\"" + USER_EMAIL + "\"," + base + ",\"role\":\"USER\"}"), 409,
                "a user with e-mail " + USER_EMAIL + " already exists");
        assertError(gw.put("/api/users/" + user(USER_EMAIL).get("id").asText() + "/dossiers", admin, "{}"), 400,
                "dossiers is required: a list of SIRENs, [] for none");
        assertError(gw.get("/api/users?limit=0", admin), 400, "limit must be a whole number from 1 to 1000");
        assertThat(gw.put("/api/users/no-such-user/role", admin, "{\"role\":\"USER\"}").statusCode()).isEqualTo(404);
        assertThat(db.queryForObject("SELECT COUNT(*) FROM app_user WHERE email = 'x@test.localhost'", Integer.class)).isZero();
        assertThat(relay.greenMail.getReceivedMessagesForDomain("nowhere.test")).isEmpty();
    }

    // helpers

    /** The invitation is handed to the mail server before the API answers: it is there, no waiting. */
    private String mailTo(String address) throws Exception {
        MimeMessage found = Arrays.stream(relay.greenMail.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address);
            } catch (Exception e) {
                return false;
            }
        }).findFirst().orElseThrow(() -> new AssertionError("no mail to " + address));
        return found.getContent().toString();
    }

    private static String tokenIn(String mail) {
        Matcher m = TOKEN.matcher(mail);
        assertThat(m.find()).as(mail).isTrue();
        return m.group();
    }

    private List<String> events() {
        return db.queryForList("SELECT type || ' ' || actor || ' ' || details FROM security_event"
                + " WHERE details IS NOT NULL ORDER BY id", String.class);
    }

    private JsonNode user(String email) throws Exception {
        return user(email, admin);
    }

    private JsonNode user(String email, String token) throws Exception {
        for (JsonNode u : body(gw.get("/api/users?limit=1000", token), 200)) {
            if (u.get("email").asText().equals(email)) {
                return u;
            }
        }
        throw new AssertionError("no user " + email);
    }

    private static String credentials(String email, String password) throws Exception {
        return JSON.writeValueAsString(Map.of("email", email, "password", password));
    }

    private static String accept(String token, String password) throws Exception {
        return JSON.writeValueAsString(Map.of("token", token, "password", password));
    }

    private static JsonNode body(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private static void assertError(HttpResponse<String> response, int status, String message) throws Exception {
        JsonNode body = body(response, status);
        assertThat(body.get("message").asText()).isEqualTo(message);
    }

    private static List<String> sirens(HttpResponse<String> response) throws Exception {
        List<String> sirens = new ArrayList<>();
        for (JsonNode d : body(response, 200)) {
            sirens.add(d.get("siren").asText());
        }
        return sirens;
    }
}
