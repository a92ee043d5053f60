package io.einvoice.gateway.ingest;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class HiddenFileGraceTest {

    private static final Instant NOW = Instant.parse("2026-12-05T09:00:00Z");
    private final HiddenFileGrace grace = new HiddenFileGrace(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aFileWithAnOrdinaryNameIsReadyAtOnce() {
        assertThat(grace.ready("facture.pdf", NOW.toEpochMilli())).isTrue();
    }

    @Test
    void aDotFileIsACopyInProgressUntilUnchangedForTheGracePeriod() {
        long justInside = NOW.minus(HiddenFileGrace.GRACE).plusMillis(1).toEpochMilli();
        long atGrace = NOW.minus(HiddenFileGrace.GRACE).toEpochMilli();

        assertThat(grace.ready(".facture.pdf.Xa3b9", justInside)).isFalse();
        assertThat(grace.ready(".facture.pdf.Xa3b9", atGrace)).isTrue();
    }
}
