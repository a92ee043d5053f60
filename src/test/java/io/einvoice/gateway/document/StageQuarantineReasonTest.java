package io.einvoice.gateway.document;

import io.einvoice.gateway.system.Cluster;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quarantine sentence of a stage that gave up: our words, numbers from the headers, nothing else from them; and
 * every stage's dead letters are taken.
 */
class StageQuarantineReasonTest {

    private static final String TAIL = "; the error is in the gateway's log. Replay it once the cause is fixed.";

    @Test
    void theErrorPolicysRedeliveriesCountAsAttemptsWithTheFirstOne() {
        assertThat(StageQuarantine.reason("validation", Map.of(StageQuarantine.REDELIVERIES_HEADER, "3")))
                .isEqualTo("The validation stage gave up on this document after 4 attempts" + TAIL);
        assertThat(StageQuarantine.reason("recognition", Map.of(StageQuarantine.REDELIVERIES_HEADER, 0)))
                .isEqualTo("The recognition stage gave up on this document after 1 attempt" + TAIL);
    }

    @Test
    void whatTheBrokerDeadLetteredItselfSaysHowOftenFromTheEntryOfTheStagesQueue() {
        Map<String, Object> headers = Map.of(StageQuarantine.X_DEATH_HEADER, List.of(
                Map.of("queue", "prod.archive", "reason", "rejected", "count", 7L),
                Map.of("queue", "prod.validation", "reason", "rejected", "count", 2L)));

        assertThat(StageQuarantine.reason("validation", headers))
                .isEqualTo("The validation stage gave up on this document, which the broker dead-lettered 2 times" + TAIL);
    }

    @Test
    void headersThatAreNotCountsAreLeftOutRatherThanRepeated() {
        Map<String, Object> headers = Map.of(StageQuarantine.REDELIVERIES_HEADER, "3; DROP TABLE document",
                StageQuarantine.X_DEATH_HEADER, List.of(Map.of("queue", "prod.validation", "count", "<script>")));

        assertThat(StageQuarantine.reason("validation", headers))
                .isEqualTo("The validation stage gave up on this document" + TAIL);
    }

    @Test
    void theDeadLettersOfEveryPipelineStageAreTakenAndAGarbageBodyDropped() {
        StageQuarantine quarantine = new StageQuarantine(null, null);
        for (String stage : Cluster.STAGES) {
            assertThat(quarantine.quarantine(stage, "not a document id", Map.of())).as(stage)
                    .isEqualTo(StageQuarantine.Outcome.NOT_A_DOCUMENT);
        }
    }
}
