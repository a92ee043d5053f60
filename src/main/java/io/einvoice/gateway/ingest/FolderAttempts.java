package io.einvoice.gateway.ingest;

import io.einvoice.gateway.archive.Sha256;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The attempts the drop-folder route made on each file still in a folder, kept in the database so that a file that
 * makes the gateway fail — or crash — again and again is noticed across polls and restarts. A file is known by its
 * path and modification time (its transport id), so the same name dropped again later starts from zero.
 */
public class FolderAttempts {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public FolderAttempts(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Counts one more attempt on the file, committed before the attempt starts; returns the attempts so far. */
    public int begin(String transportId) {
        String key = Sha256.of(transportId);
        return transactions.execute(tx -> {
            OffsetDateTime now = OffsetDateTime.now();
            // a file's first attempt, by far the most common, in one statement
            if (jdbc.update("INSERT INTO folder_attempt (file_key, file_path, attempts, updated_at) VALUES (?, ?, 1, ?)"
                    + " ON CONFLICT DO NOTHING", key, transportId.length() <= 1000 ? transportId : transportId.substring(0, 1000),
                    now) == 1) {
                return 1;
            }
            jdbc.update("UPDATE folder_attempt SET attempts = attempts + 1, updated_at = ? WHERE file_key = ?", now, key);
            return jdbc.queryForObject("SELECT attempts FROM folder_attempt WHERE file_key = ?", Integer.class, key);
        });
    }

    /** The attempt failed for a reason that is not passing: it counts, and the reason is kept for .failed/. */
    public void failed(String transportId, String reason) {
        jdbc.update("UPDATE folder_attempt SET last_failure = ?, updated_at = ? WHERE file_key = ?",
                reason.length() <= 1000 ? reason : reason.substring(0, 1000), OffsetDateTime.now(),
                Sha256.of(transportId));
    }

    /** The attempt failed for a passing reason (the database, the disk): it does not count against the file. */
    public void notCounted(String transportId) {
        jdbc.update("UPDATE folder_attempt SET attempts = attempts - 1, updated_at = ? WHERE file_key = ? AND attempts > 0",
                OffsetDateTime.now(), Sha256.of(transportId));
    }

    /** Why the last counted attempt failed; empty when it never came back (the gateway stopped or crashed during it). */
    public Optional<String> lastFailure(String transportId) {
        List<String> reasons = jdbc.queryForList("SELECT last_failure FROM folder_attempt WHERE file_key = ?",
                String.class, Sha256.of(transportId));
        return reasons.isEmpty() ? Optional.empty() : Optional.ofNullable(reasons.get(0));
    }

    /** The file left the folder: its count is no longer needed. */
    public void forget(String transportId) {
        jdbc.update("DELETE FROM folder_attempt WHERE file_key = ?", Sha256.of(transportId));
    }
}
