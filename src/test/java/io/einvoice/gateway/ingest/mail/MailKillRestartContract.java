package io.einvoice.gateway.ingest.mail;

import io.einvoice.gateway.system.MailBenchmark;
import io.einvoice.gateway.system.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No loss, no duplicates: 200 mails waiting by SMTP, the gateway (a child JVM) killed with SIGKILL once half of them
 * are stored, then started again: every invoice is stored exactly once and the mailbox is empty.
 */
abstract class MailKillRestartContract {

    static final int MAILS = 200;

    @TempDir
    Path home;

    abstract TestDatabase database(Path home) throws Exception;

    @Test
    void everyInvoiceIsStoredExactlyOnceAfterAKillHalfWayAndARestart() throws Exception {
        try (TestDatabase database = database(home)) {
            MailBenchmark.KillOutcome outcome = MailBenchmark.killAndRestart(MAILS, home, database.url(), database.user(),
                    database.password(), System.getProperty("java.class.path"), System.out);

            assertThat(outcome.storedAtKill()).isBetween((long) MAILS / 2, (long) MAILS - 1);
            assertThat(outcome.documents()).isEqualTo(MAILS);
            assertThat(outcome.distinctInvoices()).isEqualTo(MAILS);
            assertThat(outcome.storedTwice()).isZero();
            assertThat(outcome.leftInMailbox()).isZero();
        }
    }
}
