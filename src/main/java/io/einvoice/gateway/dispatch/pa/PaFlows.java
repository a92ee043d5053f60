package io.einvoice.gateway.dispatch.pa;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** The flows exchanged with the PAs, one row per PA flow id (the idempotency key of everything fetched). */
public class PaFlows {

    public static final String OUT = "OUT";
    public static final String IN = "IN";

    /** One flow as recorded. */
    public record Flow(String flowId, String dossierId, String documentId, String direction, String flowType,
                       String trackingId, Integer lifecycleCode, String status, String reason) {
    }

    /** A status the gateway emitted for a purchase that came through the PA, not posted back yet. */
    public record StatusToPost(String documentId, String dossierId, int code, String cdarSha256) {
    }

    private final JdbcTemplate jdbc;

    public PaFlows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when the flow was recorded already (by the timer, a webhook or an earlier round) */
    public boolean record(Flow f) {
        OffsetDateTime now = OffsetDateTime.now();
        return jdbc.update("INSERT INTO pa_flow (flow_id, dossier_id, document_id, direction, flow_type, tracking_id,"
                        + " lifecycle_code, status, reason, updated_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING",
                f.flowId(), f.dossierId(), f.documentId(), f.direction(), f.flowType(), f.trackingId(), f.lifecycleCode(),
                f.status(), cut(f.reason()), now, now) == 1;
    }

    public Optional<Flow> find(String flowId) {
        return jdbc.query("SELECT * FROM pa_flow WHERE flow_id = ?", (rs, n) -> new Flow(rs.getString("flow_id"),
                rs.getString("dossier_id"), rs.getString("document_id"), rs.getString("direction"), rs.getString("flow_type"),
                rs.getString("tracking_id"), (Integer) rs.getObject("lifecycle_code", Integer.class), rs.getString("status"),
                rs.getString("reason")), flowId).stream().findFirst();
    }

    /** @return false when the flow already had this status */
    public boolean updateStatus(String flowId, String status, String reason) {
        return jdbc.update("UPDATE pa_flow SET status = ?, reason = ?, updated_at = ? WHERE flow_id = ? AND status <> ?",
                status, cut(reason), OffsetDateTime.now(), flowId, status) == 1;
    }

    public List<Flow> ofDocument(String documentId) {
        return jdbc.query("SELECT * FROM pa_flow WHERE document_id = ? ORDER BY updated_at, flow_id", (rs, n) -> new Flow(
                rs.getString("flow_id"), rs.getString("dossier_id"), rs.getString("document_id"), rs.getString("direction"),
                rs.getString("flow_type"), rs.getString("tracking_id"), (Integer) rs.getObject("lifecycle_code", Integer.class),
                rs.getString("status"), rs.getString("reason")), documentId);
    }

    /** Statuses of purchases received through the PA that the gateway emitted and has not posted back yet. */
    public List<StatusToPost> statusesToPost(int limit) {
        return jdbc.query("SELECT l.document_id, d.dossier_id, l.code, l.cdar_sha256 FROM lifecycle_status l"
                        + " JOIN document d ON d.id = l.document_id WHERE d.channel = 'PLATFORM_PA' AND d.direction = 'PURCHASE'"
                        + " AND l.origin = 'GATEWAY' AND l.cdar_sha256 IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pa_flow f"
                        + " WHERE f.document_id = l.document_id AND f.lifecycle_code = l.code) ORDER BY l.at, l.id LIMIT ?",
                (rs, n) -> new StatusToPost(rs.getString("document_id"), rs.getString("dossier_id"), rs.getInt("code"),
                        rs.getString("cdar_sha256")), limit);
    }

    /**
     * The sales document of a dossier a status naming this invoice number is about. Several may carry the number (an
     * invoice sent twice): those already refused (210, 213, 501) are left out, and the others are taken in the order
     * their invoice flows were posted to the PA (then received, for one never posted). Under the reform's uniqueness
     * rule the first one posted is the invoice and any later one a duplicate: a {@code DOUBLON} refusal goes to the
     * last, every other status to the first.
     */
    public Optional<String> salesDocumentByNumber(String dossierId, String number, boolean duplicateRefusal) {
        List<String> candidates = jdbc.queryForList("SELECT d.id FROM document d LEFT JOIN pa_flow f ON f.document_id = d.id"
                + " AND f.direction = 'OUT' AND f.lifecycle_code IS NULL WHERE d.dossier_id = ? AND d.direction = 'SALES'"
                + " AND d.number = ? AND NOT EXISTS (SELECT 1 FROM lifecycle_status l WHERE l.document_id = d.id"
                + " AND l.code IN (210, 213, 501)) ORDER BY f.created_at NULLS LAST, d.received_at, d.id", String.class,
                dossierId, number);
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(duplicateRefusal ? candidates.get(candidates.size() - 1) : candidates.get(0));
    }

    private static String cut(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 999) + "…";
    }
}
