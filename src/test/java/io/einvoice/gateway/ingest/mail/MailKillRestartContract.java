package io.einvoice.gateway.ingest.mail;

import io.einvoice.gateway.system.KillRestartContract;
import io.einvoice.gateway.system.MailBenchmark;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No loss, no duplicates: 200 mails waiting by SMTP, the gateway (a child JVM) killed with SIGKILL once half of them
 * are stored, then started again: every invoice is stored exactly once and the mailbox is empty.
 */
abstract class MailKillRestartContract extends KillRestartContract {

    static final int MAILS = 200;

    @Test
    void everyInvoiceIsStoredExactlyOnceAfterAKillHalfWayAndARestart() throws Exception {
        MailBenchmark.KillOutcome outcome = killAndRestart("mail-kill", run -> MailBenchmark.killAndRestart(MAILS,
                run.home(), run.dbUrl(), run.dbUser(), run.dbPassword(), run.classPath(), run.log()));

        assertThat(outcome.storedAtKill()).isBetween((long) MAILS / 2, (long) MAILS - 1);
        assertThat(outcome.documents()).isEqualTo(MAILS);
        assertThat(outcome.distinctInvoices()).isEqualTo(MAILS);
        assertThat(outcome.storedTwice()).isZero();
        assertThat(outcome.leftInMailbox()).isZero();
    }
}
