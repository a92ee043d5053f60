package io.einvoice.gateway.ingest;

import io.einvoice.gateway.system.FolderKillBenchmark;
import io.einvoice.gateway.system.KillRestartContract;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No loss, no duplicates in the drop folders: 200 invoices waiting, the gateway (a child JVM) killed with SIGKILL at
 * three points while it moves them to .done/, started again each time: every file is exactly one document, and no file
 * sits in .done/ without its document.
 */
abstract class FolderKillRestartContract extends KillRestartContract {

    /** Enough for every kill to land strictly between none and all moved, as asserted below. */
    static final int FILES = 200;

    @Test
    void everyDroppedFileIsExactlyOneDocumentAfterThreeKillsAndRestarts() throws Exception {
        FolderKillBenchmark.Outcome outcome = killAndRestart("folder-kill", run -> FolderKillBenchmark.killAndRestart(
                FILES, FolderKillBenchmark.KILL_POINTS, run.home(), run.dbUrl(), run.dbUser(), run.dbPassword(),
                run.classPath(), run.log()));

        assertThat(outcome.doneAtKills()).hasSize(3).allSatisfy(done -> assertThat(done).isBetween(1, FILES - 1));
        assertThat(outcome.lostFiles()).as("files in .done/ whose document is missing").isEmpty();
        assertThat(outcome.storedTwice()).as("files stored as more than one document").isZero();
        assertThat(outcome.documents()).isEqualTo(FILES);
        assertThat(outcome.distinctFiles()).isEqualTo(FILES);
        assertThat(outcome.leftInFolder()).isZero();
        assertThat(outcome.failed()).isZero();
    }
}
