package io.einvoice.gateway.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The throw-away GATEWAY_HOME of a bench command: its blobs, drop folders and logs take 70 MB and more a run (a
 * {@code bench --rounds 3} left 450 MB in the temporary folder). Deleted once the run is over; kept, and named, when
 * the run failed, since its logs then say why, or when {@value #KEEP_ENV} is true: the logs time every ingest, verdict
 * and archive entry, which is where a figure is explained.
 */
final class BenchHome {

    static final String KEEP_ENV = "GATEWAY_BENCH_KEEP";

    interface Work<T> {
        T in(Path home) throws Exception;
    }

    interface Task {
        void in(Path home) throws Exception;
    }

    private BenchHome() {
    }

    /** For a command that prints its figures itself. */
    static void run(String prefix, Task task) throws Exception {
        use(prefix, home -> {
            task.in(home);
            return null;
        });
    }

    static <T> T use(String prefix, Work<T> work) throws Exception {
        Path home = Files.createTempDirectory(prefix);
        T result;
        try {
            result = work.in(home);
        } catch (Exception | Error failed) {
            System.err.println("bench: the run failed; its GATEWAY_HOME, with the gateway's logs, is kept in " + home);
            throw failed;
        }
        if (Boolean.parseBoolean(System.getenv(KEEP_ENV))) {
            System.err.println("bench: its GATEWAY_HOME, with the gateway's logs, is kept in " + home + " (" + KEEP_ENV + ")");
        } else {
            delete(home);
        }
        return result;
    }

    private static void delete(Path home) {
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.delete(path);
                } catch (NoSuchFileException gone) {
                    // already gone: nothing to delete
                }
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("bench: could not delete the run's GATEWAY_HOME " + home + " (" + e.getMessage()
                    + "); delete it by hand");
        }
    }
}
