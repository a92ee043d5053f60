package io.einvoice.gateway.document;

import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A dossier's purchase documents as the inbox lists them, one SQL query per page: the document row joined with the
 * supplier it is linked to, so a page of 50 costs one round trip whatever it shows.
 */
public class InboxListing {

    public static final int PAGE_SIZE = 50;
    /** Pages beyond this are not offered: a search narrows better than page 2,000. */
    public static final int MAX_PAGE = 2000;
    public static final int MAX_TEXT = 100;

    private final JdbcTemplate jdbc;

    public InboxListing(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Filters of the inbox; null matches everything. {@code text}: part of the supplier, number or file name. */
    public record Filter(DocumentStatus status, Channel channel, String text, boolean toCheckOnly, int page) {
        public Filter {
            if (page < 1 || page > MAX_PAGE) {
                throw new IllegalArgumentException("page must be between 1 and " + MAX_PAGE);
            }
            if (text != null && text.length() > MAX_TEXT) {
                throw new IllegalArgumentException("the search text is at most " + MAX_TEXT + " characters");
            }
            text = text == null || text.isBlank() ? null : text.strip();
        }

        public static Filter all() {
            return new Filter(null, null, null, false, 1);
        }
    }

    /** One line of the inbox; {@code supplier} is the linked supplier's name, else the name read on the invoice. */
    public record Row(String id, String fileName, DocumentStatus status, String statusReason, String supplier,
                      String number, BigDecimal totalInclVat, String currency, LocalDate issueDate, Channel channel,
                      List<String> checkReasons, Boolean valid, String duplicateOf, OffsetDateTime receivedAt) {
    }

    /** At most {@link #PAGE_SIZE} rows, newest first; {@code more} says whether a next page exists. */
    public record Page(List<Row> rows, boolean more) {
    }

    public Page find(String dossierId, Filter filter) {
        StringBuilder sql = new StringBuilder("SELECT d.id, d.file_name, d.status, d.status_reason,"
                + " COALESCE(p.company_name, d.seller_name) AS supplier, d.number, d.total_incl_vat, d.currency,"
                + " d.issue_date, d.channel, d.check_reasons, d.validation_valid, d.duplicate_of, d.received_at"
                + " FROM document d LEFT JOIN party p ON p.id = d.supplier_id"
                + " WHERE d.dossier_id = ? AND d.direction = 'PURCHASE'");
        List<Object> args = new ArrayList<>(List.of(dossierId));
        if (filter.status() != null) {
            sql.append(" AND d.status = ?");
            args.add(filter.status().name());
        }
        if (filter.channel() != null) {
            sql.append(" AND d.channel = ?");
            args.add(filter.channel().name());
        }
        if (filter.toCheckOnly()) {
            sql.append(" AND (d.status = ? OR (d.status NOT IN (?, ?)"
                    + " AND (d.check_reasons IS NOT NULL OR d.validation_valid = FALSE)))");
            args.addAll(List.of(DocumentStatus.QUARANTINED.name(), DocumentStatus.REJECTED.name(),
                    DocumentStatus.ARCHIVED.name()));
        }
        if (filter.text() != null) {
            String like = "%" + filter.text().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            sql.append(" AND (LOWER(COALESCE(p.company_name, d.seller_name, '')) LIKE ? ESCAPE '\\'"
                    + " OR LOWER(COALESCE(d.number, '')) LIKE ? ESCAPE '\\' OR LOWER(d.file_name) LIKE ? ESCAPE '\\')");
            args.add(like);
            args.add(like);
            args.add(like);
        }
        sql.append(" ORDER BY d.received_at DESC, d.id LIMIT ? OFFSET ?");
        // one row more than a page tells whether there is a next one without counting them all
        args.add(PAGE_SIZE + 1);
        args.add((filter.page() - 1) * PAGE_SIZE);
        List<Row> rows = jdbc.query(sql.toString(), (rs, n) -> new Row(rs.getString("id"), rs.getString("file_name"),
                DocumentStatus.valueOf(rs.getString("status")), rs.getString("status_reason"), rs.getString("supplier"),
                rs.getString("number"), rs.getBigDecimal("total_incl_vat"), rs.getString("currency"),
                rs.getObject("issue_date", LocalDate.class), Channel.valueOf(rs.getString("channel")),
                rs.getString("check_reasons") == null ? List.of() : List.of(rs.getString("check_reasons").split("\n")),
                (Boolean) rs.getObject("validation_valid"), rs.getString("duplicate_of"),
                rs.getObject("received_at", OffsetDateTime.class)), args.toArray());
        boolean more = rows.size() > PAGE_SIZE;
        return new Page(more ? rows.subList(0, PAGE_SIZE) : rows, more);
    }
}
