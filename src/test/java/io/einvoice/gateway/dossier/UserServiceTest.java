package io.einvoice.gateway.dossier;

import io.einvoice.gateway.system.DatabaseOfEachTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Password checks on the embedded database: the hash runs for every attempt, so timing tells nothing. */
class UserServiceTest {

    private static final String PASSWORD = "correct horse battery staple";

    @RegisterExtension
    final DatabaseOfEachTest database = DatabaseOfEachTest.h2();

    private CountingEncoder encoder;
    private UserService users;
    private Firm firm;

    @BeforeEach
    void open() {
        encoder = new CountingEncoder();
        users = new UserService(database.jdbc(), encoder);
        firm = new Firm(UUID.randomUUID().toString(), "F", "443322110");
        new DossierRepository(database.jdbc()).insertFirm(firm);
        users.create(firm.id(), "known@cabinet.fr", "Known", PASSWORD, Role.USER);
        encoder.checks = 0;
    }

    @Test
    void theRightPasswordOfAnActiveUserIsAccepted() {
        assertThat(users.checkPassword(" Known@Cabinet.fr ", PASSWORD)).hasValueSatisfying(u ->
                assertThat(u.email()).isEqualTo("known@cabinet.fr"));
        assertThat(users.checkPassword("known@cabinet.fr", "wrong")).isEmpty();
    }

    @Test
    void anUnknownEmailStillRunsOneBcryptCheckLikeAKnownOne() {
        assertThat(users.checkPassword("known@cabinet.fr", "wrong")).isEmpty();
        assertThat(encoder.checks).isEqualTo(1);
        assertThat(users.checkPassword("unknown@cabinet.fr", PASSWORD)).isEmpty();
        assertThat(encoder.checks).as("a stand-in hash was checked").isEqualTo(2);
        assertThat(encoder.lastHash).startsWith("$2a$10$");
    }

    @Test
    void aDeactivatedUserIsRefusedAfterTheSameCheck() {
        database.jdbc().update("UPDATE app_user SET active = FALSE WHERE email = 'known@cabinet.fr'");
        assertThat(users.checkPassword("known@cabinet.fr", PASSWORD)).isEmpty();
        assertThat(encoder.checks).isEqualTo(1);
    }

    @Test
    void aPasswordLongerThanBcryptReadsIsWrongAndStillChecked() {
        assertThat(users.checkPassword("known@cabinet.fr", PASSWORD + "é".repeat(40))).isEmpty();
        assertThat(encoder.checks).isEqualTo(1);
    }

    @Test
    void aClosedSessionNoLongerResolves() {
        String userId = users.checkPassword("known@cabinet.fr", PASSWORD).orElseThrow().id();
        String token = users.openSession(userId);
        assertThat(users.resolve(token)).isPresent();
        assertThat(users.closeSession(token)).isTrue();
        assertThat(users.resolve(token)).isEmpty();
        assertThat(users.closeSession(token)).isFalse();
    }

    private static final class CountingEncoder implements PasswordEncoder {
        private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
        int checks;
        String lastHash;

        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checks++;
            lastHash = encoded;
            return bcrypt.matches(raw, encoded);
        }
    }
}
