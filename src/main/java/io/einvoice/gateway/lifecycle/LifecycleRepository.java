package io.einvoice.gateway.lifecycle;

import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.document.PaymentStatus;
import io.einvoice.gateway.document.SqlLists;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.stream.Stream;

/** The lifecycle statuses of documents, the reasons people gave for them, and the documents that still owe one. */
public class LifecycleRepository {

    /**
     * Documents for which a status is due and not recorded yet. The status a document's state calls for last implies
     * the earlier ones (205 comes after 202 and 204), so one check per kind of state finds every gap.
     */
    private static final String DUE = "SELECT d.id, d.dispatch_channel FROM document d WHERE d.number IS NOT NULL AND ("
            + " (d.direction = 'PURCHASE' AND d.status IN (?, ?, ?, ?, ?)"
            + "  AND NOT EXISTS (SELECT 1 FROM lifecycle_status l WHERE l.document_id = d.id AND l.code = CASE"
            + "   WHEN d.status IN (?, ?) AND d.payment_status = ? THEN 211"
            + "   WHEN d.status IN (?, ?) THEN 205 WHEN d.status = ? THEN 210"
            + "   WHEN d.status = ? THEN 204 ELSE 202 END))"
            + " OR (d.direction = 'SALES' AND d.payment_status = ?"
            + "  AND NOT EXISTS (SELECT 1 FROM lifecycle_status l WHERE l.document_id = d.id AND l.code = 212))"
            + " OR (d.direction = 'SALES' AND d.status IN (?, ?) AND d.dispatch_channel = 'CHORUS'"
            + "  AND NOT EXISTS (SELECT 1 FROM lifecycle_status l WHERE l.document_id = d.id AND l.code = 200)))"
            + " ORDER BY d.updated_at, d.id LIMIT ?";
    /** The statuses {@link #DUE} compares with, in the order of its parameters (the limit comes after them). */
    private static final List<String> DUE_STATUSES = Stream.of(DocumentStatus.RECOGNIZED, DocumentStatus.PENDING_APPROVAL,
            DocumentStatus.APPROVED, DocumentStatus.REJECTED, DocumentStatus.ARCHIVED,
            DocumentStatus.APPROVED, DocumentStatus.ARCHIVED, PaymentStatus.PAID,
            DocumentStatus.APPROVED, DocumentStatus.ARCHIVED, DocumentStatus.REJECTED,
            DocumentStatus.PENDING_APPROVAL,
            PaymentStatus.PAID,
            DocumentStatus.SENT, DocumentStatus.ARCHIVED).map(Enum::name).toList();

    private static final RowMapper<LifecycleStatus> STATUS = (rs, n) -> new LifecycleStatus(rs.getString("document_id"),
            LifecycleCode.of(rs.getInt("code")).orElseThrow(),
            rs.getString("reason_code") == null ? null : ReasonCode.valueOf(rs.getString("reason_code")),
            rs.getString("reason"), rs.getBigDecimal("amount"), LifecycleStatus.Origin.valueOf(rs.getString("origin")),
            rs.getString("actor"), rs.getObject("at", OffsetDateTime.class), rs.getString("cdar_sha256"));

    private final JdbcTemplate jdbc;

    public LifecycleRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A document that owes a status, with how it went out (sales). */
    public record Due(String documentId, String dispatchChannel) {
    }

    public List<Due> due(int limit) {
        return jdbc.query(DUE, (rs, n) -> new Due(rs.getString("id"), rs.getString("dispatch_channel")),
                Stream.concat(DUE_STATUSES.stream(), Stream.of(limit)).toArray());
    }

    /** @return false when the document has this status already (another poll or node recorded it first) */
    public boolean record(LifecycleStatus s) {
        return jdbc.update("INSERT INTO lifecycle_status (document_id, code, reason_code, reason, amount, origin, actor, at,"
                        + " cdar_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                s.documentId(), s.code().code(), s.reasonCode() == null ? null : s.reasonCode().name(), s.reason(),
                s.amount(), s.origin().name(), s.actor(), s.at(), s.cdarSha256()) == 1;
    }

    /** The codes recorded for each of these documents, in one query (a document without any is left out). */
    public Map<String, Set<LifecycleCode>> codesOf(Collection<String> documentIds) {
        if (documentIds.isEmpty()) {
            return Map.of();
        }
        Map<String, Set<LifecycleCode>> codes = new HashMap<>();
        jdbc.query("SELECT document_id, code FROM lifecycle_status WHERE document_id IN ("
                + SqlLists.placeholders(documentIds) + ")", rs -> {
            String documentId = rs.getString("document_id");
            LifecycleCode.of(rs.getInt("code")).ifPresent(code ->
                    codes.computeIfAbsent(documentId, id -> EnumSet.noneOf(LifecycleCode.class)).add(code));
        }, documentIds.toArray());
        return codes;
    }

    public List<LifecycleStatus> of(String documentId) {
        return jdbc.query("SELECT * FROM lifecycle_status WHERE document_id = ? ORDER BY at, code", STATUS, documentId);
    }

    public Optional<LifecycleStatus> find(String documentId, LifecycleCode code) {
        return jdbc.query("SELECT * FROM lifecycle_status WHERE document_id = ? AND code = ?", STATUS, documentId, code.code())
                .stream().findFirst();
    }

    /** Keeps the reason code a person gives with a decision, the latest one winning; run it in a transaction. */
    public void keepReason(String documentId, LifecycleCode code, ReasonCode reason) {
        jdbc.update("DELETE FROM lifecycle_reason WHERE document_id = ? AND code = ?", documentId, code.code());
        jdbc.update("INSERT INTO lifecycle_reason (document_id, code, reason_code, at) VALUES (?, ?, ?, ?)",
                documentId, code.code(), reason.name(), OffsetDateTime.now());
    }

    public Optional<ReasonCode> keptReason(String documentId, LifecycleCode code) {
        return jdbc.queryForList("SELECT reason_code FROM lifecycle_reason WHERE document_id = ? AND code = ?", String.class,
                documentId, code.code()).stream().findFirst().map(ReasonCode::valueOf);
    }
}
