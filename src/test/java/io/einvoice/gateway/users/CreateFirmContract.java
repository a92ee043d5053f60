package io.einvoice.gateway.users;

import io.einvoice.gateway.dossier.UserService;
import io.einvoice.gateway.system.Database;
import io.einvoice.gateway.system.GatewayApp;
import io.einvoice.gateway.system.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code ./gateway admin create-firm} as the README writes it, run in a JVM of its own on an empty database (with
 * {@code ./gateway} standing for {@code java -cp <the test's class path> GatewayApp}: the launcher would only build
 * the jar first), and the same from the GATEWAY_ADMIN_* variables on a first start.
 */
abstract class CreateFirmContract {

    private static final String PASSWORD = "une phrase de passe assez longue";

    @TempDir
    Path dir;

    TestDatabase database;

    abstract TestDatabase database(Path home) throws Exception;

    @BeforeEach
    void open() throws Exception {
        database = database(dir.resolve("home"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    record Run(int exit, String output) {
    }

    @Test
    void theReadmeCommandCreatesTheFirmItsOwnDossierAndItsAdminWithoutShowingThePassword() throws Exception {
        Run run = readmeCommand(Map.of("GATEWAY_ADMIN_PASSWORD", PASSWORD));
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("firm 443322110 (Cabinet Dupont) created").doesNotContain(PASSWORD);

        try (Database db = Database.open(database.url(), database.user(), database.password())) {
            assertThat(db.jdbc().queryForList("SELECT name FROM firm WHERE siren = '443322110'", String.class))
                    .containsExactly("Cabinet Dupont");
            assertThat(db.jdbc().queryForObject("SELECT firm_own FROM dossier WHERE siren = '443322110'", Boolean.class))
                    .isTrue();
            assertThat(db.jdbc().queryForList("SELECT role FROM app_user WHERE email = 'admin@cabinet-dupont.fr'",
                    String.class)).containsExactly("ADMIN");
            assertThat(new UserService(db.jdbc()).checkPassword("admin@cabinet-dupont.fr", PASSWORD)).isPresent();
            assertThat(db.jdbc().queryForList("SELECT type FROM security_event ORDER BY id", String.class))
                    .containsExactly("FIRM_CREATED", "USER_CREATED");
            assertThat(db.jdbc().queryForList("SELECT details FROM security_event", String.class))
                    .noneMatch(d -> d.contains(PASSWORD));
        }

        Run again = readmeCommand(Map.of("GATEWAY_ADMIN_PASSWORD", PASSWORD));
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.output()).contains("a firm or dossier with SIREN 443322110 already exists");
    }

    @Test
    void withoutAPasswordOrATerminalNothingIsCreated() throws Exception {
        Run run = readmeCommand(Map.of());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.output()).contains("no password: set GATEWAY_ADMIN_PASSWORD or run the command in a terminal");
        try (Database db = Database.open(database.url(), database.user(), database.password())) {
            assertThat(db.jdbc().queryForObject("SELECT COUNT(*) FROM firm", Integer.class)).isZero();
        }
    }

    @Test
    void unacceptableFieldsAreRefusedWithTheReasonAndTheShortPasswordIsNotRepeated() {
        try (Database db = Database.open(database.url(), database.user(), database.password())) {
            FirmOnboarding onboarding = FirmOnboarding.of(db);
            assertThatThrownBy(() -> onboarding.createFirm("443322111", "Cabinet", "a@b.fr", PASSWORD, "test"))
                    .hasMessageContaining("fails its check digit");
            assertThatThrownBy(() -> onboarding.createFirm("443322110", " ", "a@b.fr", PASSWORD, "test"))
                    .hasMessage("name is required");
            assertThatThrownBy(() -> onboarding.createFirm("443322110", "Cabinet", "not an address", PASSWORD, "test"))
                    .hasMessage("email must be one address like name@example.fr");
            assertThatThrownBy(() -> onboarding.createFirm("443322110", "Cabinet", "a@b.fr", "short-pw", "test"))
                    .hasMessage("a password has at least 12 characters and at most 72 bytes")
                    .hasMessageNotContaining("short-pw");
            assertThat(db.jdbc().queryForObject("SELECT COUNT(*) FROM firm", Integer.class)).isZero();
        }
    }

    @Test
    void aFirstStartWithTheAdminVariablesCreatesTheFirmOnceAndOnlyWhenNoUserExists() {
        Map<String, String> env = Map.of("GATEWAY_ADMIN_EMAIL", "Admin@Cabinet-Dupont.fr", "GATEWAY_ADMIN_PASSWORD", PASSWORD,
                "GATEWAY_FIRM_SIREN", "443322110", "GATEWAY_FIRM_NAME", "Cabinet Dupont");
        try (Database db = Database.open(database.url(), database.user(), database.password())) {
            FirmOnboarding onboarding = FirmOnboarding.of(db);
            assertThat(FirstStartAdmin.createIfAsked(Map.of(), onboarding)).isEmpty();
            assertThatThrownBy(() -> FirstStartAdmin.createIfAsked(Map.of("GATEWAY_ADMIN_EMAIL", "a@b.fr",
                    "GATEWAY_ADMIN_PASSWORD", PASSWORD), onboarding))
                    .hasMessageContaining("GATEWAY_FIRM_SIREN").hasMessageNotContaining(PASSWORD);

            assertThat(FirstStartAdmin.createIfAsked(env, onboarding)).hasValueSatisfying(done -> {
                assertThat(done.admin().email()).isEqualTo("admin@cabinet-dupont.fr");
                assertThat(done.ownDossier().firmOwn()).isTrue();
            });
            Map<String, String> changed = new HashMap<>(env);
            changed.put("GATEWAY_ADMIN_PASSWORD", "another long password");
            assertThat(FirstStartAdmin.createIfAsked(changed, onboarding)).as("users exist: nothing").isEmpty();
            assertThat(new UserService(db.jdbc()).checkPassword("admin@cabinet-dupont.fr", PASSWORD)).isPresent();
            assertThat(db.jdbc().queryForList("SELECT actor FROM security_event", String.class))
                    .containsOnly("env:GATEWAY_ADMIN_EMAIL");
        }
    }

    /** The README's create-firm line, as written, with ./gateway standing for the entry point on this class path. */
    private Run readmeCommand(Map<String, String> extraEnv) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("README.md")).stream()
                .filter(l -> l.startsWith("./gateway admin create-firm ")).toList();
        assertThat(lines).as("the README's create-firm command").hasSize(1);
        String command = lines.get(0).replaceFirst("^\\./gateway ", "\"\\$GATEWAY_JAVA\" -cp \"\\$GATEWAY_CP\" "
                + GatewayApp.class.getName() + " ");
        ProcessBuilder process = new ProcessBuilder("bash", "-c", command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = process.environment();
        env.keySet().removeIf(k -> k.startsWith("GATEWAY_"));
        env.put("GATEWAY_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        env.put("GATEWAY_CP", System.getProperty("java.class.path"));
        env.put("GATEWAY_HOME", dir.resolve("home").toString());
        env.put("GATEWAY_DB_URL", database.url());
        env.put("GATEWAY_DB_USER", database.user());
        env.put("GATEWAY_DB_PASSWORD", database.password());
        env.putAll(extraEnv);
        Process started = process.start();
        String output = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(started.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(started.exitValue(), output);
    }
}
