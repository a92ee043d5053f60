package io.einvoice.gateway.system;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The set-up of the tests of a repository or a service without the gateway: each test a database of its own, migrated
 * by Flyway as at start-up, closed (and on PostgreSQL dropped) after it. Registered with
 * {@code @RegisterExtension final DatabaseOfEachTest db = DatabaseOfEachTest.h2();}, or in a contract with its H2 and
 * PostgreSQL subclasses {@code = new DatabaseOfEachTest(this::database)}; it is open when the test's own
 * {@code @BeforeEach} runs.
 */
public final class DatabaseOfEachTest implements BeforeEachCallback, AfterEachCallback {

    /** Which database a test gets, given a folder of its own. */
    @FunctionalInterface
    public interface Choice {
        TestDatabase database(Path folder) throws Exception;
    }

    private final Choice choice;
    private Path folder;
    private TestDatabase testDatabase;
    private Database database;

    public DatabaseOfEachTest(Choice choice) {
        this.choice = choice;
    }

    public static DatabaseOfEachTest h2() {
        return new DatabaseOfEachTest(TestDatabase::h2);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        folder = Files.createTempDirectory("gateway-test-db");
        testDatabase = choice.database(folder);
        database = Database.open(testDatabase.url(), testDatabase.user(), testDatabase.password());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            if (database != null) {
                database.close();
            }
        } finally {
            try {
                if (testDatabase != null) {
                    testDatabase.close();
                }
            } finally {
                FileSystemUtils.deleteRecursively(folder);
            }
        }
    }

    public Database database() {
        return database;
    }

    public JdbcTemplate jdbc() {
        return database.jdbc();
    }

    public TransactionTemplate transactions() {
        return database.transactions();
    }

    /** Where it stands, for a second connection (the gateway started on it, a command run against it). */
    public TestDatabase testDatabase() {
        return testDatabase;
    }
}
