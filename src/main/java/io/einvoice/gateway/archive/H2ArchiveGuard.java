package io.einvoice.gateway.archive;

import io.einvoice.gateway.document.DocumentStatus;
import org.h2.api.Trigger;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * H2's side of the write-once rules (migration db/vendor/h2/V7_1): the same rules as the plpgsql triggers of
 * db/vendor/postgresql, one class for the three tables it guards. A refusal is an SQLException starting with
 * "archive is write-once".
 */
public final class H2ArchiveGuard implements Trigger {

    /** What an archive entry seals about its document; payment and accounting status stay live. */
    static final List<String> SEALED_DOCUMENT_COLUMNS = List.of("status", "id", "dossier_id", "direction", "channel",
            "file_name", "original_sha256", "format", "profile", "invoice_type", "number", "issue_date", "due_date",
            "currency", "seller_name", "seller_siren", "seller_siret", "seller_vat", "buyer_name", "buyer_siren",
            "buyer_siret", "buyer_vat", "total_excl_vat", "total_vat", "total_incl_vat", "line_count", "received_at",
            "facturx_sha256", "validation_valid", "validation_errors", "validation_report_sha256", "check_reasons");

    private String table;
    private final Map<String, Integer> columns = new HashMap<>();

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type)
            throws SQLException {
        // when a later migration adds a column, H2 rebuilds the table under a temporary name (document_copy_4_16) and
        // initialises its triggers there: the table guarded is the one that name is a copy of
        this.table = tableName.toLowerCase(Locale.ROOT).replaceFirst("_copy_\\d+_\\d+$", "");
        try (ResultSet rs = conn.getMetaData().getColumns(null, schemaName, tableName, null)) {
            while (rs.next()) {
                columns.put(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), rs.getInt("ORDINAL_POSITION") - 1);
            }
        }
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        switch (table) {
            case "archive_entry" -> entry(oldRow, newRow);
            case "archive_chain" -> head(oldRow, newRow);
            case "document" -> document(conn, oldRow, newRow);
            default -> throw new SQLException("H2ArchiveGuard does not guard table " + table);
        }
    }

    private void entry(Object[] oldRow, Object[] newRow) throws SQLException {
        Object seq = value(oldRow, "seq");
        Object dossier = value(oldRow, "dossier_id");
        if (newRow != null) {
            throw refusal("entry " + seq + " of dossier " + dossier + " cannot be changed");
        }
        LocalDate retainUntil = date(value(oldRow, "retain_until"));
        if (retainUntil.isAfter(LocalDate.now(ZoneOffset.UTC))) {
            throw refusal("entry " + seq + " of dossier " + dossier + " is retained until " + retainUntil);
        }
    }

    private void head(Object[] oldRow, Object[] newRow) throws SQLException {
        if (newRow == null || !Objects.equals(value(oldRow, "dossier_id"), value(newRow, "dossier_id"))
                || ((Number) value(newRow, "last_seq")).longValue() != ((Number) value(oldRow, "last_seq")).longValue() + 1) {
            throw refusal("the chain head of dossier " + value(oldRow, "dossier_id") + " only moves forward by one entry");
        }
    }

    private void document(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        Object id = value(oldRow, "id");
        if (newRow == null) {
            try (PreparedStatement retained = conn.prepareStatement(
                    "SELECT 1 FROM archive_entry WHERE document_id = ? AND retain_until > ?")) {
                retained.setObject(1, id);
                retained.setObject(2, LocalDate.now(ZoneOffset.UTC));
                try (ResultSet rs = retained.executeQuery()) {
                    if (rs.next()) {
                        throw refusal("document " + id + " is archived and retained");
                    }
                }
            }
            return;
        }
        if (!DocumentStatus.ARCHIVED.name().equals(value(oldRow, "status"))) {
            return;
        }
        for (String column : SEALED_DOCUMENT_COLUMNS) {
            if (!same(value(oldRow, column), value(newRow, column))) {
                throw refusal("document " + id + " is archived; only its payment and accounting status may change ("
                        + column + ")");
            }
        }
    }

    private Object value(Object[] row, String column) throws SQLException {
        Integer index = columns.get(column);
        if (index == null) {
            throw new SQLException("H2ArchiveGuard: table " + table + " has no column " + column);
        }
        return row[index];
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return Objects.equals(a, b);
    }

    private static LocalDate date(Object value) {
        return value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
    }

    private static SQLException refusal(String what) {
        return new SQLException("archive is write-once: " + what, "23000");
    }
}
