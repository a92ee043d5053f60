package io.einvoice.gateway.dispatch;

import io.einvoice.gateway.document.DocumentStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The send queue (dispatch_job: the database is the queue, so a crash loses nothing), the outcome of every send
 * (dispatch_outcome), and reads of the document's dispatch columns (written through {@code DocumentRepository}).
 */
public class DispatchRepository {

    public enum JobState {
        /** waiting until next_at */
        QUEUED,
        /** taken by the send step; found in this state at start, it was interrupted and is queued again */
        SENDING,
        /** delivered */
        DONE,
        /** given up, with the reason; a person replays it */
        PARKED
    }

    public record Job(String documentId, String dossierId, JobState state, int attempts, OffsetDateTime nextAt,
                      String lastError) {
    }

    public record Outcome(String channel, String at, boolean delivered, boolean retryFeasible, String reference,
                          String status, List<String> reasons) {
    }

    /** What the document view shows about dispatch. */
    public record DocumentDispatch(String channel, String chorusStatus) {
    }

    private final JdbcTemplate jdbc;

    public DispatchRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when the document already has a job (queued, sending, done or parked): nothing changed */
    public boolean enqueue(String documentId, String dossierId, OffsetDateTime now) {
        if (job(documentId).isPresent()) {
            return false;
        }
        jdbc.update("INSERT INTO dispatch_job (document_id, dossier_id, state, attempts, next_at, updated_at)"
                + " VALUES (?, ?, 'QUEUED', 0, ?, ?) ON CONFLICT DO NOTHING", documentId, dossierId, now, now);
        return true;
    }

    /** Takes a due queued job for sending; false when another consumer has it or it is not due. */
    public boolean claim(String documentId, OffsetDateTime now) {
        return jdbc.update("UPDATE dispatch_job SET state = 'SENDING', updated_at = ? WHERE document_id = ?"
                + " AND state = 'QUEUED' AND next_at <= ?", now, documentId, now) == 1;
    }

    public Optional<Job> job(String documentId) {
        return jdbc.query("SELECT document_id, dossier_id, state, attempts, next_at, last_error FROM dispatch_job"
                        + " WHERE document_id = ?",
                (rs, n) -> new Job(rs.getString("document_id"), rs.getString("dossier_id"),
                        JobState.valueOf(rs.getString("state")), rs.getInt("attempts"),
                        rs.getObject("next_at", OffsetDateTime.class), rs.getString("last_error")), documentId)
                .stream().findFirst();
    }

    public List<String> due(OffsetDateTime now, int limit) {
        return jdbc.queryForList("SELECT document_id FROM dispatch_job WHERE state = 'QUEUED' AND next_at <= ?"
                + " ORDER BY next_at LIMIT ?", String.class, now, limit);
    }

    /** At start: sends a stop interrupted are queued again. */
    public int requeueInterrupted(OffsetDateTime now) {
        return jdbc.update("UPDATE dispatch_job SET state = 'QUEUED', next_at = ?, updated_at = ? WHERE state = 'SENDING'",
                now, now);
    }

    public void retryLater(String documentId, int attempts, OffsetDateTime nextAt, String error) {
        finish(documentId, JobState.QUEUED, attempts, nextAt, error);
    }

    public void park(String documentId, int attempts, String error) {
        finish(documentId, JobState.PARKED, attempts, OffsetDateTime.now(), error);
    }

    public void done(String documentId, int attempts) {
        finish(documentId, JobState.DONE, attempts, OffsetDateTime.now(), null);
    }

    /** A parked job queued again from zero; false when the document has no parked job. */
    public boolean replay(String documentId, OffsetDateTime now) {
        return jdbc.update("UPDATE dispatch_job SET state = 'QUEUED', attempts = 0, next_at = ?, updated_at = ?"
                + " WHERE document_id = ? AND state = 'PARKED'", now, now, documentId) == 1;
    }

    private void finish(String documentId, JobState state, int attempts, OffsetDateTime nextAt, String error) {
        jdbc.update("UPDATE dispatch_job SET state = ?, attempts = ?, next_at = ?, last_error = ?, updated_at = ?"
                        + " WHERE document_id = ?", state.name(), attempts, nextAt, truncate(error), OffsetDateTime.now(),
                documentId);
    }

    public void recordOutcome(String documentId, DispatchChannel channel, DispatchOutcome outcome) {
        jdbc.update("INSERT INTO dispatch_outcome (document_id, channel, at, delivered, retry_feasible, reference, status,"
                        + " reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", documentId, channel == null ? null : channel.name(),
                OffsetDateTime.now(), outcome.delivered(), outcome.retryFeasible(), cut(outcome.reference(), 200),
                cut(outcome.status(), 60), outcome.reasons().isEmpty() ? null : truncate(String.join("\n", outcome.reasons())));
    }

    public boolean hasOutcome(String documentId, String reference, String status) {
        Integer found = jdbc.queryForObject("SELECT COUNT(*) FROM dispatch_outcome WHERE document_id = ?"
                + " AND reference = ? AND status = ?", Integer.class,
                documentId, cut(reference, 200), cut(status, 60));
        return found != null && found > 0;
    }

    public List<Outcome> outcomes(String documentId) {
        return jdbc.query("SELECT channel, at, delivered, retry_feasible, reference, status, reasons FROM dispatch_outcome"
                        + " WHERE document_id = ? ORDER BY id",
                (rs, n) -> new Outcome(rs.getString("channel"), rs.getObject("at", OffsetDateTime.class).toString(),
                        rs.getBoolean("delivered"), rs.getBoolean("retry_feasible"), rs.getString("reference"),
                        rs.getString("status"), rs.getString("reasons") == null ? List.of()
                                : List.of(rs.getString("reasons").split("\n"))), documentId);
    }

    public DocumentDispatch documentDispatch(String documentId) {
        return jdbc.query("SELECT dispatch_channel, chorus_status FROM document WHERE id = ?",
                (rs, n) -> new DocumentDispatch(rs.getString("dispatch_channel"), rs.getString("chorus_status")), documentId)
                .stream().findFirst().orElse(new DocumentDispatch(null, null));
    }

    /** Validated sales documents still RECOGNIZED: the intake step a stop interrupted. */
    public List<String> salesAwaitingIntake() {
        return jdbc.queryForList("SELECT id FROM document WHERE direction = 'SALES' AND status = ?"
                + " AND validation_valid IS NOT NULL ORDER BY received_at", String.class, DocumentStatus.RECOGNIZED.name());
    }

    private static String truncate(String text) {
        return cut(text, 4000);
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
