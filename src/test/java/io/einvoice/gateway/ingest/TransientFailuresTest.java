package io.einvoice.gateway.ingest;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.net.ServerSocket;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Which failures the drop folder waits out, and which count against the file. */
class TransientFailuresTest {

    @Test
    void aDatabaseServerThatIsDownIsPassing() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        JdbcTemplate down = new JdbcTemplate(new DriverManagerDataSource(
                "jdbc:postgresql://127.0.0.1:" + closedPort + "/gateway?connectTimeout=2", "postgres", ""));

        Throwable failure = catchThrowable(() -> down.queryForObject("SELECT 1", Integer.class));

        assertThat(failure).isNotNull();
        assertThat(TransientFailures.isTransient(failure)).isTrue();
    }

    @Test
    void aDiskThatFailsAndADeadlockArePassing() {
        assertThat(TransientFailures.isTransient(new NoSuchFileException("blobs/incoming"))).isTrue();
        assertThat(TransientFailures.isTransient(new IllegalStateException(new SQLException("deadlock", "40P01")))).isTrue();
    }

    @Test
    void runningOutOfMemoryABugAndAConstraintViolationAreNotPassing() {
        assertThat(TransientFailures.isTransient(new OutOfMemoryError("Java heap space"))).isFalse();
        assertThat(TransientFailures.isTransient(new NullPointerException())).isFalse();
        assertThat(TransientFailures.isTransient(new DataIntegrityViolationException("value too long",
                new SQLException("value too long", "22001")))).isFalse();
    }

    @Test
    void theReasonForAPersonNamesTheKindOfFailureNeverItsMessage() {
        assertThat(TransientFailures.describe(new OutOfMemoryError("Java heap space")))
                .isEqualTo("reading it needs more memory than the gateway has (OutOfMemoryError)");
        assertThat(TransientFailures.describe(new IllegalArgumentException("<secret>bytes of the file</secret>")))
                .isEqualTo("an internal error (IllegalArgumentException)");
    }
}
