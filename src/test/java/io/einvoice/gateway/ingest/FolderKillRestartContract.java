package io.einvoice.gateway.ingest;

import io.einvoice.gateway.system.FolderKillBenchmark;
import io.einvoice.gateway.system.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No loss, no duplicates in the drop folders: 500 invoices waiting, the gateway (a child JVM) killed with SIGKILL at
 * three points while it moves them to .done/, started again each time: every file is exactly one document, and no file
 * sits in .done/ without its document.
 */
abstract class FolderKillRestartContract {

    static final int FILES = 500;

    @TempDir
    Path home;

    abstract TestDatabase database(Path home) throws Exception;

    @Test
    void everyDroppedFileIsExactlyOneDocumentAfterThreeKillsAndRestarts() throws Exception {
        try (TestDatabase database = database(home)) {
            FolderKillBenchmark.Outcome outcome = FolderKillBenchmark.killAndRestart(FILES, FolderKillBenchmark.KILL_POINTS,
                    home, database.url(), database.user(), database.password(), System.getProperty("java.class.path"),
                    System.out);
            System.out.println(database.kind() + ": " + outcome);
            keepLogs(database.kind());

            assertThat(outcome.doneAtKills()).hasSize(3).allSatisfy(done -> assertThat(done).isBetween(1, FILES - 1));
            assertThat(outcome.lostFiles()).as("files in .done/ whose document is missing").isEmpty();
            assertThat(outcome.storedTwice()).as("files stored as more than one document").isZero();
            assertThat(outcome.documents()).isEqualTo(FILES);
            assertThat(outcome.distinctFiles()).isEqualTo(FILES);
            assertThat(outcome.leftInFolder()).isZero();
            assertThat(outcome.failed()).isZero();
        }
    }

    /** The gateway's logs of each run, kept under target/ so a failure can be read after the temporary folder is gone. */
    private void keepLogs(String kind) throws IOException {
        Path kept = Files.createDirectories(Path.of("target", "folder-kill-" + kind));
        try (Stream<Path> logs = Files.list(home)) {
            for (Path log : logs.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
                Files.copy(log, kept.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
