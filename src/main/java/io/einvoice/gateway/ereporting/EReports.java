package io.einvoice.gateway.ereporting;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** The reports sent (or being sent) per dossier, flow and period; and what the reports read from the sales. */
public class EReports {

    /** One report as recorded; {@code ackStatus} is the PA's acknowledgement of its flow (Pending, Ok, Error). */
    public record Report(String id, String dossierId, String flow, LocalDate periodStart, LocalDate periodEnd, int version,
                         String corrects, String xmlSha256, int items, String flowId, String ackStatus, String ackReason,
                         String lastProblem, OffsetDateTime createdAt, OffsetDateTime sentAt) {

        public ReportPeriod period() {
            return new ReportPeriod(periodStart, periodEnd);
        }
    }

    /** A sale paid: the document and the moment it was recorded PAID. */
    public record Paid(String documentId, OffsetDateTime at) {
    }

    private static final String SELECT = "SELECT r.*, f.status AS ack_status, f.reason AS ack_reason FROM ereport r"
            + " LEFT JOIN pa_flow f ON f.flow_id = r.flow_id";
    private static final RowMapper<Report> ROW = (rs, n) -> new Report(rs.getString("id"), rs.getString("dossier_id"),
            rs.getString("flow"), rs.getObject("period_start", LocalDate.class), rs.getObject("period_end", LocalDate.class),
            rs.getInt("version"), rs.getString("corrects"), rs.getString("xml_sha256"), rs.getInt("items"),
            rs.getString("flow_id"), rs.getString("ack_status"), rs.getString("ack_reason"), rs.getString("last_problem"),
            rs.getObject("created_at", OffsetDateTime.class), rs.getObject("sent_at", OffsetDateTime.class));

    private final JdbcTemplate jdbc;

    public EReports(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest version sent for this dossier, flow and period. */
    public Optional<Report> latest(String dossierId, ReportKind kind, ReportPeriod period) {
        return jdbc.query(SELECT + " WHERE r.dossier_id = ? AND r.flow = ? AND r.period_start = ? ORDER BY r.version DESC",
                ROW, dossierId, kind.flow(), period.start()).stream().findFirst();
    }

    public List<Report> ofDossier(String dossierId, int limit) {
        return jdbc.query(SELECT + " WHERE r.dossier_id = ? ORDER BY r.period_start DESC, r.flow, r.version DESC LIMIT ?",
                ROW, dossierId, limit);
    }

    public List<Report> ofDocument(String documentId) {
        return jdbc.query(SELECT + " JOIN ereport_document d ON d.report_id = r.id WHERE d.document_id = ?"
                + " ORDER BY r.created_at", ROW, documentId);
    }

    /** Reports recorded but not taken by the PA yet (an earlier post failed). */
    public List<Report> unposted(int limit) {
        return jdbc.query(SELECT + " WHERE r.flow_id IS NULL ORDER BY r.created_at LIMIT ?", ROW, limit);
    }

    /**
     * Records a report before it is posted: the unique (dossier, flow, period start, version) makes a second run for
     * the same period fail here rather than post twice.
     */
    public void insert(Report r, List<String> documentIds) {
        jdbc.update("INSERT INTO ereport (id, dossier_id, flow, period_start, period_end, version, corrects, xml_sha256,"
                        + " items, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", r.id(), r.dossierId(), r.flow(),
                r.periodStart(), r.periodEnd(), r.version(), r.corrects(), r.xmlSha256(), r.items(), r.createdAt());
        jdbc.batchUpdate("INSERT INTO ereport_document (report_id, document_id) VALUES (?, ?)",
                documentIds.stream().distinct().map(d -> new Object[] {r.id(), d}).toList());
    }

    public void posted(String reportId, String flowId, OffsetDateTime at) {
        jdbc.update("UPDATE ereport SET flow_id = ?, sent_at = ?, last_problem = NULL WHERE id = ?", flowId, at, reportId);
    }

    public void problem(String reportId, String problem) {
        jdbc.update("UPDATE ereport SET last_problem = ? WHERE id = ?",
                problem.length() > 1000 ? problem.substring(0, 999) + "…" : problem, reportId);
    }

    public VatRegime regime(String dossierId) {
        return jdbc.queryForList("SELECT regime FROM ereport_setting WHERE dossier_id = ?", String.class, dossierId).stream()
                .findFirst().map(VatRegime::valueOf).orElse(VatRegime.NORMAL_MONTHLY);
    }

    public void setRegime(String dossierId, VatRegime regime) {
        if (jdbc.update("UPDATE ereport_setting SET regime = ?, updated_at = ? WHERE dossier_id = ?", regime.name(),
                OffsetDateTime.now(), dossierId) == 0) {
            jdbc.update("INSERT INTO ereport_setting (dossier_id, regime, updated_at) VALUES (?, ?, ?)", dossierId,
                    regime.name(), OffsetDateTime.now());
        }
    }

    /**
     * Sales invoices of the period that went out by e-mail: the channel the dispatch routing keeps for buyers outside
     * the reform (no directory line: foreign, individuals), recorded on the document when sent.
     */
    public List<String> salesOutsideTheReform(String dossierId, ReportPeriod period) {
        return jdbc.queryForList("SELECT id FROM document WHERE dossier_id = ? AND direction = 'SALES'"
                + " AND dispatch_channel = 'EMAIL' AND issue_date BETWEEN ? AND ? ORDER BY issue_date, number, id",
                String.class, dossierId, period.start(), period.end());
    }

    /** Those sales (issued at any time) recorded PAID during the period, with when (the payment status event). */
    public List<Paid> paidOutsideTheReform(String dossierId, ReportPeriod period) {
        return jdbc.query("SELECT e.document_id, MIN(e.at) AS at FROM document_event e JOIN document d ON d.id = e.document_id"
                        + " WHERE d.dossier_id = ? AND d.direction = 'SALES' AND d.dispatch_channel = 'EMAIL'"
                        + " AND e.type = 'PAYMENT_STATUS' AND e.details = 'UNPAID -> PAID' AND e.at >= ? AND e.at < ?"
                        + " GROUP BY e.document_id ORDER BY MIN(e.at), e.document_id",
                (rs, n) -> new Paid(rs.getString("document_id"), rs.getObject("at", OffsetDateTime.class)), dossierId,
                period.start().atStartOfDay(EReporting.ZONE).toOffsetDateTime(),
                period.end().plusDays(1).atStartOfDay(EReporting.ZONE).toOffsetDateTime());
    }
}
