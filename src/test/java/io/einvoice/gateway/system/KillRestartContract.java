package io.einvoice.gateway.system;

import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * The setup the kill-and-restart contracts share: a temporary GATEWAY_HOME, a database of its own from the H2 or
 * PostgreSQL subclass, and a check that runs the gateway as child JVMs on this JVM's class path, so that it can be
 * killed with SIGKILL. The children's logs are kept under target/ so a failure can be read after the temporary folder
 * is gone.
 */
public abstract class KillRestartContract {

    @TempDir
    protected Path home;

    /** The database of this run: {@link TestDatabase#h2} or {@link TestDatabase#postgres}. */
    protected abstract TestDatabase database(Path home) throws Exception;

    /** Where a check runs its child gateways: this home and database, this JVM's class path; it reports to {@code log}. */
    public record Run(Path home, String dbUrl, String dbUser, String dbPassword, String classPath, PrintStream log) {
    }

    /** A kill-and-restart check (a benchmark of src/tools), returning what it saw. */
    @FunctionalInterface
    protected interface Check<T> {
        T on(Run run) throws Exception;
    }

    /**
     * Runs the check on a database of its own (dropped afterwards), prints what it saw, and keeps the children's logs in
     * target/{@code name}-{database kind}/, whether the check ended or threw.
     */
    protected <T> T killAndRestart(String name, Check<T> check) throws Exception {
        try (TestDatabase database = database(home)) {
            T outcome;
            try {
                outcome = check.on(new Run(home, database.url(), database.user(), database.password(),
                        System.getProperty("java.class.path"), System.out));
            } finally {
                keepLogs(home, name + "-" + database.kind());
            }
            System.out.println(database.kind() + ": " + outcome);
            return outcome;
        }
    }

    /** The gateways' logs ({@code *.log} in {@code home}), copied to target/{@code folder}/. */
    static void keepLogs(Path home, String folder) throws IOException {
        Path kept = Files.createDirectories(Path.of("target", folder));
        try (Stream<Path> logs = Files.list(home)) {
            for (Path log : logs.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
                Files.copy(log, kept.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
