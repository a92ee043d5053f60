package io.einvoice.gateway.dossier;

import io.einvoice.gateway.system.MovableClock;
import io.einvoice.gateway.system.DatabaseOfEachTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The login counters on the embedded database, with a clock the test moves: locks, their growth, their end, resets. */
class LoginThrottleTest {

    private static final String ACCOUNT = "someone@cabinet.fr";
    private static final String ADDRESS = "192.0.2.10";

    @RegisterExtension
    final DatabaseOfEachTest database = DatabaseOfEachTest.h2();

    private MovableClock clock;
    private LoginThrottle throttle;

    @BeforeEach
    void open() {
        clock = new MovableClock(Instant.parse("2026-03-02T09:00:00Z"));
        throttle = new LoginThrottle(database.jdbc(), database.transactions(), clock, LoginThrottle.ACCOUNT_POLICY,
                LoginThrottle.ADDRESS_POLICY);
    }

    @Test
    void theFifthFailureLocksForThirtySecondsAndEachFurtherOneDoublesTheWaitUpToFifteenMinutes() {
        for (int i = 1; i <= 4; i++) {
            assertThat(throttle.charge(ACCOUNT, ADDRESS).locksOnFailure()).as("attempt " + i).isFalse();
        }
        assertThat(throttle.charge(ACCOUNT, ADDRESS).locksOnFailure()).isTrue();
        assertThat(throttle.charge(ACCOUNT, ADDRESS).retryAfter()).isEqualTo(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(29));
        assertThat(throttle.charge(ACCOUNT, ADDRESS).retryAfter()).isEqualTo(Duration.ofSeconds(1));

        long[] expectedWaits = {60, 120, 240, 480, 900, 900};
        for (long wait : expectedWaits) {
            clock.advance(Duration.ofMinutes(15));
            LoginThrottle.Charge allowed = throttle.charge(ACCOUNT, ADDRESS);
            assertThat(allowed.refused()).as("after the lock ends, one more try").isFalse();
            assertThat(throttle.charge(ACCOUNT, ADDRESS).retryAfter()).isEqualTo(Duration.ofSeconds(wait));
        }
    }

    @Test
    void aRefusedAttemptIsNotCountedSoWaitingOutTheLockIsEnough() {
        for (int i = 0; i < 5; i++) {
            throttle.charge(ACCOUNT, ADDRESS);
        }
        for (int i = 0; i < 50; i++) {
            assertThat(throttle.charge(ACCOUNT, ADDRESS).refused()).isTrue();
        }
        clock.advance(Duration.ofSeconds(30));
        assertThat(throttle.charge(ACCOUNT, ADDRESS).refused()).isFalse();
        assertThat(throttle.charge(ACCOUNT, ADDRESS).retryAfter()).as("the 6th failure, not the 56th")
                .isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void successClearsTheAccountButNotTheAddress() {
        for (int i = 0; i < 4; i++) {
            throttle.charge(ACCOUNT, ADDRESS);
        }
        throttle.charge(ACCOUNT, ADDRESS);
        throttle.succeeded(ACCOUNT, ADDRESS);
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.charge(ACCOUNT, ADDRESS).locksOnFailure()).isFalse();
        }
        // 8 failures from the address so far: 12 more on other accounts lock it
        for (int i = 0; i < 11; i++) {
            assertThat(throttle.charge("other" + i + "@cabinet.fr", ADDRESS).locksOnFailure()).isFalse();
        }
        assertThat(throttle.charge("other-last@cabinet.fr", ADDRESS).locksOnFailure()).isTrue();
        assertThat(throttle.charge("fresh@cabinet.fr", ADDRESS).refused()).isTrue();
        assertThat(throttle.charge("fresh@cabinet.fr", "192.0.2.11").refused()).isFalse();
    }

    @Test
    void successfulLoginsDoNotCountAgainstTheirAddress() {
        for (int i = 0; i < 30; i++) {
            String colleague = "colleague" + i + "@cabinet.fr";
            assertThat(throttle.charge(colleague, ADDRESS).refused()).as("login " + i).isFalse();
            throttle.succeeded(colleague, ADDRESS);
        }
        assertThat(throttle.charge("one-more@cabinet.fr", ADDRESS).refused()).isFalse();
    }

    @Test
    void failuresOlderThanAnHourAreForgotten() {
        for (int i = 0; i < 4; i++) {
            throttle.charge(ACCOUNT, ADDRESS);
        }
        clock.advance(Duration.ofMinutes(61));
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.charge(ACCOUNT, ADDRESS).locksOnFailure()).isFalse();
        }
        assertThat(throttle.charge(ACCOUNT, ADDRESS).locksOnFailure()).isTrue();
    }

    @Test
    void anUnknownAddressCountsTheAccountOnly() {
        for (int i = 0; i < 5; i++) {
            throttle.charge(ACCOUNT, null);
        }
        assertThat(throttle.charge(ACCOUNT, null).refused()).isTrue();
        assertThat(database.jdbc().queryForObject("SELECT COUNT(*) FROM login_throttle WHERE kind = 'ADDRESS'", Integer.class))
                .isZero();
    }

    @Test
    void theTableKeepsHashesNotEmailsOrAddresses() {
        throttle.charge(ACCOUNT, ADDRESS);
        assertThat(database.jdbc().queryForList("SELECT subject_hash FROM login_throttle", String.class))
                .hasSize(2).allSatisfy(h -> assertThat(h).hasSize(64).doesNotContain("@").doesNotContain("192"));
    }
}
