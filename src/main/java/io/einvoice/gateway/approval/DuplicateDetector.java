package io.einvoice.gateway.approval;

import io.einvoice.gateway.document.Direction;
import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.invoice.Invoice;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Looks for the original of a purchase invoice across every channel and every dossier of the platform: the same file
 * (SHA-256 of the bytes), or the same business key (seller SIREN or VAT number, invoice number, year of issue). The
 * original is the earliest received, so two copies arriving together agree on which one is the original.
 */
public class DuplicateDetector {

    private final JdbcTemplate jdbc;

    public DuplicateDetector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The original document, the dossier it is in, and why the two are the same invoice. */
    public record Original(String documentId, String dossierId, String why) {
    }

    public Optional<Original> originalOf(Document d) {
        Optional<Original> sameFile = earliest(d, "original_sha256 = ?", List.of(d.originalSha256()), "same file");
        if (sameFile.isPresent()) {
            return sameFile;
        }
        Invoice inv = d.invoice();
        if (inv == null || inv.number() == null || inv.number().isBlank() || inv.issueDate() == null || inv.seller() == null) {
            return Optional.empty();
        }
        LocalDate from = LocalDate.of(inv.issueDate().getYear(), 1, 1);
        String number = inv.number();
        String key = "same seller, invoice number " + number + " and year " + from.getYear();
        if (inv.seller().siren() != null) {
            return earliest(d, "number = ? AND seller_siren = ? AND issue_date >= ? AND issue_date < ?",
                    List.of(number, inv.seller().siren(), from, from.plusYears(1)), key);
        }
        if (inv.seller().vatId() != null) {
            return earliest(d, "number = ? AND seller_vat = ? AND issue_date >= ? AND issue_date < ?",
                    List.of(number, inv.seller().vatId(), from, from.plusYears(1)), key);
        }
        return Optional.empty();
    }

    private Optional<Original> earliest(Document d, String condition, List<Object> values, String why) {
        Object[] args = new Object[values.size() + 5];
        for (int i = 0; i < values.size(); i++) {
            args[i] = values.get(i);
        }
        int i = values.size();
        args[i++] = Direction.PURCHASE.name();
        args[i++] = d.id();
        args[i++] = d.receivedAt();
        args[i++] = d.receivedAt();
        args[i] = d.id();
        return jdbc.query("SELECT id, dossier_id FROM document WHERE " + condition
                        + " AND direction = ? AND id <> ? AND duplicate_of IS NULL"
                        + " AND (received_at < ? OR (received_at = ? AND id < ?)) ORDER BY received_at, id LIMIT 1",
                (rs, n) -> new Original(rs.getString("id"), rs.getString("dossier_id"), why), args)
                .stream().findFirst();
    }
}
