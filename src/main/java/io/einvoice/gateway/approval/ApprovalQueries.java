package io.einvoice.gateway.approval;

import io.einvoice.gateway.document.AccountingStatus;
import io.einvoice.gateway.document.DocumentStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

/** The document queries approval needs beyond {@code DocumentRepository}: its work queue, duplicate marks, counters. */
public class ApprovalQueries {

    private final JdbcTemplate jdbc;

    public ApprovalQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Recognised purchase invoices no approval rule has looked at yet, oldest first: the database is the queue. */
    public List<String> awaitingEvaluation(int limit) {
        return jdbc.queryForList("SELECT id FROM document WHERE status = ? AND direction = 'PURCHASE'"
                + " ORDER BY updated_at, id LIMIT ?", String.class, DocumentStatus.RECOGNIZED.name(), limit);
    }

    /** The purchase invoices of a supplier still waiting for a decision (at most 100, the newest). */
    public List<String> waitingOf(String supplierId) {
        return jdbc.queryForList("SELECT id FROM document WHERE supplier_id = ? AND direction = 'PURCHASE'"
                + " AND status IN (?, ?) ORDER BY received_at DESC, id LIMIT 100", String.class,
                supplierId, DocumentStatus.RECOGNIZED.name(), DocumentStatus.PENDING_APPROVAL.name());
    }

    /** What a dossier's people have to do: decide, check, export. */
    public record Counters(long toProcess, long toCheck, long toExport) {
    }

    public Counters counters(String dossierId) {
        return jdbc.queryForObject("SELECT"
                        + " SUM(CASE WHEN direction = 'PURCHASE' AND status IN (?, ?) THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN status = ? OR (status NOT IN (?, ?)"
                        + "     AND (check_reasons IS NOT NULL OR validation_valid = FALSE)) THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN status = ? AND accounting_status = ? THEN 1 ELSE 0 END)"
                        + " FROM document WHERE dossier_id = ?",
                (rs, n) -> new Counters(rs.getLong(1), rs.getLong(2), rs.getLong(3)),
                DocumentStatus.RECOGNIZED.name(), DocumentStatus.PENDING_APPROVAL.name(),
                DocumentStatus.QUARANTINED.name(), DocumentStatus.REJECTED.name(), DocumentStatus.ARCHIVED.name(),
                DocumentStatus.APPROVED.name(), AccountingStatus.TO_EXPORT.name(), dossierId);
    }
}
