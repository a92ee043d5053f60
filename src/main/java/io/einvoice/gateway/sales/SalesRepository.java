package io.einvoice.gateway.sales;

import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.document.PaymentStatus;
import io.einvoice.gateway.document.SqlLists;
import io.einvoice.gateway.invoice.InvoiceType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sales tables (V11): drafts and their lines, the number sequence; the document row itself is written through
 * {@code DocumentRepository}. Reads are scoped by dossier.
 */
public class SalesRepository {

    private static final String COLUMNS = "document_id, dossier_id, invoice_type, customer_id, frozen, version, number,"
            + " issue_date, due_date, payment_days, business_process, buyer_reference, order_reference, note, corrects_id,"
            + " amount_due";

    private final JdbcTemplate jdbc;

    public SalesRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Call inside the transaction that inserts the document row. */
    public void insert(SalesDraft d) {
        OffsetDateTime now = OffsetDateTime.now();
        jdbc.update("INSERT INTO sales_invoice (" + COLUMNS + ", created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, FALSE, 1, NULL, NULL, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)",
                d.documentId(), d.dossierId(), d.type().name(), d.customerId(), d.dueDate(), d.paymentDays(),
                d.businessProcess(), d.buyerReference(), d.orderReference(), d.note(), d.correctsId(), now, now);
        insertChildren(d);
    }

    /** Replaces a draft's content; false when it is frozen (finalised meanwhile) or gone. */
    public boolean replace(SalesDraft d) {
        int changed = jdbc.update("UPDATE sales_invoice SET customer_id = ?, due_date = ?, payment_days = ?, business_process = ?,"
                        + " buyer_reference = ?, order_reference = ?, note = ?, version = version + 1, updated_at = ?"
                        + " WHERE document_id = ? AND dossier_id = ? AND frozen = FALSE",
                d.customerId(), d.dueDate(), d.paymentDays(), d.businessProcess(), d.buyerReference(), d.orderReference(),
                d.note(), OffsetDateTime.now(), d.documentId(), d.dossierId());
        if (changed == 0) {
            return false;
        }
        jdbc.update("DELETE FROM sales_line WHERE document_id = ?", d.documentId());
        jdbc.update("DELETE FROM sales_deduction WHERE document_id = ?", d.documentId());
        insertChildren(d);
        return true;
    }

    private void insertChildren(SalesDraft d) {
        for (SalesLine l : d.lines()) {
            jdbc.update("INSERT INTO sales_line (document_id, line_no, catalogue_item_id, kind, label, unit_code, quantity,"
                            + " unit_price, discount_percent, vat_rate, vat_category, exemption_reason, exemption_code)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    d.documentId(), l.position(), l.catalogueItemId(), l.kind().name(), l.label(), l.unitCode(), l.quantity(),
                    l.unitPrice(), l.discountPercent(), l.vat().rate(), l.vat().category(), l.vat().exemptionReason(),
                    l.vat().exemptionCode());
        }
        for (String downPayment : d.deductions()) {
            jdbc.update("INSERT INTO sales_deduction (document_id, down_payment_id) VALUES (?, ?)", d.documentId(), downPayment);
        }
    }

    public Optional<SalesDraft> find(String dossierId, String documentId) {
        return drafts("SELECT " + COLUMNS + " FROM sales_invoice WHERE dossier_id = ? AND document_id = ?", dossierId,
                documentId).stream().findFirst();
    }

    public List<SalesDraft> list(String dossierId, int limit, int offset) {
        return drafts("SELECT " + COLUMNS + " FROM sales_invoice WHERE dossier_id = ? ORDER BY created_at DESC, document_id"
                + " LIMIT ? OFFSET ?", dossierId, limit, offset);
    }

    /** Finalised credit notes that correct this invoice. */
    public List<SalesDraft> creditNotesOf(String dossierId, String invoiceId) {
        return drafts("SELECT " + COLUMNS + " FROM sales_invoice WHERE dossier_id = ? AND corrects_id = ? AND frozen = TRUE",
                dossierId, invoiceId);
    }

    /**
     * The drafts the query selects with their lines and deductions, in three queries however many drafts there are
     * (the list asked two more per draft before).
     */
    private List<SalesDraft> drafts(String sql, Object... args) {
        List<SalesDraft> headers = jdbc.query(sql, (rs, n) -> header(rs), args);
        if (headers.isEmpty()) {
            return List.of();
        }
        List<String> ids = headers.stream().map(SalesDraft::documentId).toList();
        String in = " IN (" + SqlLists.placeholders(ids) + ")";
        Map<String, List<SalesLine>> lines = new HashMap<>();
        jdbc.query("SELECT document_id, line_no, catalogue_item_id, kind, label, unit_code, quantity, unit_price,"
                        + " discount_percent, vat_rate, vat_category, exemption_reason, exemption_code FROM sales_line"
                        + " WHERE document_id" + in + " ORDER BY document_id, line_no",
                (RowCallbackHandler) l -> lines.computeIfAbsent(l.getString("document_id"), k -> new ArrayList<>()).add(
                        new SalesLine(l.getInt("line_no"), l.getString("catalogue_item_id"),
                        LineKind.valueOf(l.getString("kind")), l.getString("label"), l.getString("unit_code"),
                        l.getBigDecimal("quantity").stripTrailingZeros(), l.getBigDecimal("unit_price").stripTrailingZeros(),
                        strip(l.getBigDecimal("discount_percent")),
                        new VatChoice(l.getBigDecimal("vat_rate").stripTrailingZeros(), l.getString("vat_category"),
                                l.getString("exemption_reason"), l.getString("exemption_code")))), ids.toArray());
        Map<String, List<String>> deductions = new HashMap<>();
        jdbc.query("SELECT document_id, down_payment_id FROM sales_deduction WHERE document_id" + in
                        + " ORDER BY document_id, down_payment_id",
                (RowCallbackHandler) d -> deductions.computeIfAbsent(d.getString("document_id"), k -> new ArrayList<>())
                        .add(d.getString("down_payment_id")), ids.toArray());
        return headers.stream().map(h -> withChildren(h, deductions.getOrDefault(h.documentId(), List.of()),
                lines.getOrDefault(h.documentId(), List.of()))).toList();
    }

    /** Deletes a draft's sales rows (the caller then deletes its document); false when it is frozen (never deleted) or gone. */
    public boolean deleteDraft(String dossierId, String documentId) {
        List<Boolean> frozen = jdbc.queryForList("SELECT frozen FROM sales_invoice WHERE dossier_id = ? AND document_id = ?"
                + " FOR UPDATE", Boolean.class, dossierId, documentId);
        if (frozen.isEmpty() || frozen.get(0)) {
            return false;
        }
        jdbc.update("DELETE FROM sales_line WHERE document_id = ?", documentId);
        jdbc.update("DELETE FROM sales_deduction WHERE document_id = ?", documentId);
        jdbc.update("DELETE FROM sales_invoice WHERE document_id = ?", documentId);
        return true;
    }

    /** The last number issued in that dossier and year; 0 when none yet. */
    public long lastNumber(String dossierId, int year) {
        List<Long> last = jdbc.queryForList("SELECT last_number FROM sales_sequence WHERE dossier_id = ? AND issue_year = ?",
                Long.class, dossierId, year);
        return last.isEmpty() ? 0 : last.get(0);
    }

    /**
     * Takes number {@code expectedLast + 1}, only if nobody took it since {@code expectedLast} was read (compare and
     * set on the row, which the database locks until commit). Call inside the transaction that freezes the invoice.
     */
    public boolean claim(String dossierId, int year, long expectedLast) {
        if (expectedLast == 0) {
            // ON CONFLICT rather than catching the duplicate key: on PostgreSQL a failed statement aborts the transaction
            return jdbc.update("INSERT INTO sales_sequence (dossier_id, issue_year, last_number) VALUES (?, ?, 1) ON CONFLICT DO NOTHING",
                    dossierId, year) == 1;
        }
        return jdbc.update("UPDATE sales_sequence SET last_number = last_number + 1 WHERE dossier_id = ? AND issue_year = ?"
                + " AND last_number = ?", dossierId, year, expectedLast) == 1;
    }

    /** Freezes the draft at the version that was validated; false when it changed or was finalised meanwhile. */
    public boolean freeze(String documentId, int version, String number, LocalDate issueDate, LocalDate dueDate,
                          BigDecimal amountDue) {
        return jdbc.update("UPDATE sales_invoice SET frozen = TRUE, number = ?, issue_date = ?, due_date = ?, amount_due = ?,"
                        + " updated_at = ? WHERE document_id = ? AND version = ? AND frozen = FALSE",
                number, issueDate, dueDate, amountDue, OffsetDateTime.now(), documentId, version) == 1;
    }

    /** One finalised, unpaid invoice or credit note of the dossier, as the dashboard reads it. */
    public record Receivable(String id, InvoiceType type, LocalDate dueDate, BigDecimal amountDue, String correctsId) {
    }

    /**
     * What customers still owe, by status and whatever the archive did with it: every sales document of the dossier
     * not paid nor refunded that is finalised (an invoice made here and frozen, or one from the intake — folder, API,
     * mail — found valid and queued for sending) or sent (SENT, then ARCHIVED). An intake invoice counts for its total
     * incl. VAT, due on its due date, else on its issue date.
     */
    public List<Receivable> receivables(String dossierId) {
        return jdbc.query("SELECT d.id, COALESCE(s.invoice_type, d.invoice_type), COALESCE(s.due_date, d.due_date,"
                        + " s.issue_date, d.issue_date), COALESCE(s.amount_due, d.total_incl_vat), s.corrects_id"
                        + " FROM document d LEFT JOIN sales_invoice s ON s.document_id = d.id"
                        + " WHERE d.dossier_id = ? AND d.direction = 'SALES' AND d.payment_status = ?"
                        + " AND (s.frozen = TRUE OR (s.document_id IS NULL AND (d.status IN (?, ?)"
                        + " OR (d.status = ? AND EXISTS (SELECT 1 FROM dispatch_job j WHERE j.document_id = d.id)))))"
                        // a document read without type, total or any date cannot be placed on the dashboard
                        + " AND COALESCE(s.invoice_type, d.invoice_type) IS NOT NULL AND COALESCE(s.amount_due, d.total_incl_vat)"
                        + " IS NOT NULL AND COALESCE(s.due_date, d.due_date, s.issue_date, d.issue_date) IS NOT NULL",
                (rs, n) -> new Receivable(rs.getString(1), InvoiceType.valueOf(rs.getString(2)),
                        rs.getObject(3, LocalDate.class), rs.getBigDecimal(4), rs.getString(5)), dossierId,
                PaymentStatus.UNPAID.name(), DocumentStatus.SENT.name(), DocumentStatus.ARCHIVED.name(),
                DocumentStatus.DRAFT.name());
    }

    private static SalesDraft withChildren(SalesDraft d, List<String> deductions, List<SalesLine> lines) {
        return new SalesDraft(d.documentId(), d.dossierId(), d.type(), d.customerId(), d.frozen(), d.version(), d.number(),
                d.issueDate(), d.dueDate(), d.paymentDays(), d.businessProcess(), d.buyerReference(), d.orderReference(),
                d.note(), d.correctsId(), deductions, d.amountDue(), lines);
    }

    /** A draft's own row, without its lines and deductions yet. */
    private static SalesDraft header(ResultSet rs) throws SQLException {
        return new SalesDraft(rs.getString("document_id"), rs.getString("dossier_id"),
                InvoiceType.valueOf(rs.getString("invoice_type")),
                rs.getString("customer_id"), rs.getBoolean("frozen"), rs.getInt("version"), rs.getString("number"),
                rs.getObject("issue_date", LocalDate.class), rs.getObject("due_date", LocalDate.class),
                (Integer) rs.getObject("payment_days"), rs.getString("business_process"), rs.getString("buyer_reference"),
                rs.getString("order_reference"), rs.getString("note"), rs.getString("corrects_id"), List.of(),
                rs.getBigDecimal("amount_due"), List.of());
    }

    private static BigDecimal strip(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros();
    }
}
