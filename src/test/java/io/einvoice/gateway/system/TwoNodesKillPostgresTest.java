package io.einvoice.gateway.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateway processes on one PostgreSQL database and one RabbitMQ broker, sharing GATEWAY_HOME: 1,000 Factur-X PDFs
 * dropped, the node holding the pollers killed with SIGKILL once half are archived, then started again. Every file
 * must end as exactly one document, validated once and archived once, and the restarted node must take work again.
 */
@EnabledIfEnvironmentVariable(named = TestDatabase.PG_URL_VARIABLE, matches = ".+")
@EnabledIfEnvironmentVariable(named = TestBroker.URL_VARIABLE, matches = ".+")
class TwoNodesKillPostgresTest {

    static final int FILES = 1000;

    @TempDir
    Path home;

    @Test
    void everyFileIsOneDocumentValidatedAndArchivedOnceWhenANodeIsKilledAndRestarted() throws Exception {
        NodesBenchmark.Setup setup = new NodesBenchmark.Setup(System.getenv(TestDatabase.PG_URL_VARIABLE),
                System.getenv().getOrDefault("GATEWAY_TEST_PG_USER", "postgres"),
                System.getenv().getOrDefault("GATEWAY_TEST_PG_PASSWORD", ""), System.getenv(TestBroker.URL_VARIABLE),
                System.getProperty("java.class.path"));
        NodesBenchmark.Outcome outcome;
        try {
            outcome = NodesBenchmark.killOne(FILES, home, setup, System.out);
        } finally {
            KillRestartContract.keepLogs(home, "two-nodes-kill");
        }
        System.out.println(outcome);

        int dropped = FILES + 1; // and the warm-up invoice
        assertThat(outcome.archivedAtKill()).as("archived when node 1 was killed").isBetween(1L, (long) dropped - 1);
        assertThat(outcome.documents()).isEqualTo(dropped);
        assertThat(outcome.distinctFiles()).isEqualTo(dropped);
        assertThat(outcome.validatedTwice()).as("documents with two verdicts").isZero();
        assertThat(outcome.archivedTwice()).as("documents archived twice").isZero();
        assertThat(outcome.archived()).isEqualTo(dropped);
        assertThat(outcome.archiveEntries()).isEqualTo(dropped);
        assertThat(outcome.restartedNodeValidated()).as("verdicts by the restarted node").isPositive();
    }
}
