package io.einvoice.gateway.directory;

import io.einvoice.gateway.system.DatabaseOfEachTest;
import io.einvoice.gateway.system.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The directory's answers kept here, on H2 and PostgreSQL. Two invoices to one new buyer are dispatched at once (the
 * demo's two sales to the PA's buyer were): both ask the directory about the SIREN and both keep its answer.
 */
abstract class DirectoryLinesContract {

    private static final int ROUNDS = 20;

    abstract TestDatabase database(Path home) throws Exception;

    @RegisterExtension
    final DatabaseOfEachTest database = new DatabaseOfEachTest(this::database);

    @Test
    void twoAnswersAboutOneSirenKeptAtOnceBothSucceedAndLeaveOneCopyOfItsLines() throws Exception {
        DirectoryLines lines = new DirectoryLines(database.jdbc(), database.transactions());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String siren = String.format(Locale.ROOT, "7%08d", round);
                List<DirectoryLine> answer = List.of(new DirectoryLine(siren, siren, null, null, null, "WK", "Enabled"),
                        new DirectoryLine(siren + "_" + siren + "00011", siren, siren + "00011", null, null, "DFH", "Enabled"));
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<?>> both = new ArrayList<>();
                for (int caller = 0; caller < 2; caller++) {
                    both.add(pool.submit(() -> {
                        together.await();
                        lines.replaceFromService(siren, answer, OffsetDateTime.now());
                        return null;
                    }));
                }
                for (Future<?> one : both) {
                    one.get(); // a failure of either is thrown here
                }
                assertThat(lines.ofSiren(siren)).as(siren).containsExactlyInAnyOrderElementsOf(answer);
                assertThat(lines.askedAt(siren)).as(siren).isPresent();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
