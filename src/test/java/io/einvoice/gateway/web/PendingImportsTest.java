package io.einvoice.gateway.web;

import io.einvoice.gateway.system.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PendingImportsTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final PendingImports pending = new PendingImports(clock);

    @Test
    void aFileIsFoundOnlyByThePersonWhoSentItForItsDossier() {
        String token = pending.keep("user-1", "dossier-a", "suppliers", "a;b\n1;2\n".getBytes());
        assertThat(pending.find(token, "user-1", "dossier-a")).get().extracting(PendingImports.Pending::role).isEqualTo("suppliers");
        assertThat(pending.find(token, "user-2", "dossier-a")).isEmpty();
        assertThat(pending.find(token, "user-1", "dossier-b")).isEmpty();
        assertThat(pending.find("guessed", "user-1", "dossier-a")).isEmpty();
        assertThat(pending.find(null, "user-1", "dossier-a")).isEmpty();
        pending.drop(token);
        assertThat(pending.find(token, "user-1", "dossier-a")).isEmpty();
    }

    @Test
    void filesAreForgottenAfterThirtyMinutesAndTheOldestGoWhenTheStoreIsFull() {
        String old = pending.keep("user-1", "dossier-a", "suppliers", new byte[] {1});
        clock.advance(PendingImports.TTL.plus(Duration.ofSeconds(1)));
        assertThat(pending.find(old, "user-1", "dossier-a")).isEmpty();

        String first = pending.keep("user-1", "dossier-a", "suppliers", new byte[] {1});
        for (int i = 0; i < PendingImports.MAX_FILES; i++) {
            pending.keep("user-1", "dossier-a", "suppliers", new byte[] {2});
        }
        assertThat(pending.size()).isEqualTo(PendingImports.MAX_FILES);
        assertThat(pending.find(first, "user-1", "dossier-a")).isEmpty();
    }

    @Test
    void aFileOverTheLimitIsNotKept() {
        assertThatThrownBy(() -> pending.keep("user-1", "dossier-a", "suppliers", new byte[(int) PendingImports.MAX_BYTES + 1]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(pending.size()).isZero();
    }
}
