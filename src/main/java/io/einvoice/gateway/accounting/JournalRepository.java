package io.einvoice.gateway.accounting;

import io.einvoice.gateway.document.AccountingStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Journal entries and their lines; one entry per document (its primary key), numbered per dossier. */
public class JournalRepository {

    private final JdbcTemplate jdbc;

    public JournalRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean exists(String documentId) {
        return !jdbc.queryForList("SELECT 1 FROM journal_entry WHERE document_id = ?", Integer.class, documentId).isEmpty();
    }

    /**
     * Stores the entry with the next number of its dossier. Run inside a transaction: a concurrent insert of the same
     * document or number fails on its unique key and the caller's transaction rolls back whole.
     */
    public JournalEntry insert(JournalEntry e) {
        long next = jdbc.queryForObject("SELECT COALESCE(MAX(seq), 0) + 1 FROM journal_entry WHERE dossier_id = ?", Long.class,
                e.dossierId());
        OffsetDateTime now = OffsetDateTime.now();
        JournalEntry numbered = e.numbered(next, now.toLocalDate());
        jdbc.update("INSERT INTO journal_entry (document_id, dossier_id, seq, journal_code, journal_label, entry_date, piece_ref,"
                        + " piece_date, label, party_key, currency, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.documentId(), e.dossierId(), next, e.journalCode(), e.journalLabel(), e.entryDate(), e.pieceRef(),
                e.pieceDate(), e.label(), e.partyKey(), e.currency(), now);
        insertLines(e.documentId(), e.lines());
        return numbered;
    }

    /** Replaces the lines of an entry (a correction of its accounts). */
    public void replaceLines(String documentId, List<JournalLine> lines) {
        jdbc.update("DELETE FROM journal_line WHERE document_id = ?", documentId);
        insertLines(documentId, lines);
        jdbc.update("UPDATE journal_entry SET corrected_at = ? WHERE document_id = ?", OffsetDateTime.now(), documentId);
    }

    public Optional<JournalEntry> find(String dossierId, String documentId) {
        return read("e.dossier_id = ? AND e.document_id = ?", dossierId, documentId).stream().findFirst();
    }

    /** The entries of a dossier dated in [from, to], in EcritureNum order. */
    public List<JournalEntry> between(String dossierId, LocalDate from, LocalDate to) {
        return read("e.dossier_id = ? AND e.entry_date >= ? AND e.entry_date <= ?", dossierId, from, to);
    }

    /** The entries whose document is still TO_EXPORT, whatever their date. */
    public List<JournalEntry> notExported(String dossierId) {
        return read("e.dossier_id = ? AND e.document_id IN (SELECT id FROM document WHERE dossier_id = ?"
                + " AND accounting_status = ?)", dossierId, dossierId, AccountingStatus.TO_EXPORT.name());
    }

    public int count(String dossierId, LocalDate from, LocalDate to) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM journal_entry WHERE dossier_id = ? AND entry_date >= ? AND entry_date <= ?",
                Integer.class, dossierId, from, to);
    }

    private void insertLines(String documentId, List<JournalLine> lines) {
        jdbc.batchUpdate("INSERT INTO journal_line (document_id, line_no, role, account, account_label, aux_account, aux_label,"
                        + " vat_rate, debit, credit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                lines.stream().map(l -> new Object[]{documentId, l.lineNo(), l.role().name(), l.account(), l.accountLabel(),
                        l.auxAccount(), l.auxLabel(), l.vatRate(), l.debit(), l.credit()}).toList());
    }

    private List<JournalEntry> read(String where, Object... args) {
        Map<String, JournalEntry> entries = new LinkedHashMap<>();
        Map<String, List<JournalLine>> lines = new LinkedHashMap<>();
        jdbc.query("SELECT e.*, l.line_no, l.role, l.account, l.account_label, l.aux_account, l.aux_label, l.vat_rate, l.debit,"
                + " l.credit FROM journal_entry e JOIN journal_line l ON l.document_id = e.document_id WHERE " + where
                + " ORDER BY e.seq, l.line_no", rs -> {
            String id = rs.getString("document_id");
            if (!entries.containsKey(id)) {
                entries.put(id, new JournalEntry(id, rs.getString("dossier_id"), rs.getLong("seq"), rs.getString("journal_code"),
                        rs.getString("journal_label"), rs.getObject("entry_date", LocalDate.class), rs.getString("piece_ref"),
                        rs.getObject("piece_date", LocalDate.class), rs.getString("label"), rs.getString("party_key"),
                        rs.getString("currency"),
                        rs.getObject("created_at", OffsetDateTime.class).toLocalDate(), List.of()));
            }
            lines.computeIfAbsent(id, k -> new ArrayList<>()).add(new JournalLine(rs.getInt("line_no"),
                    JournalLine.Role.valueOf(rs.getString("role")), rs.getString("account"), rs.getString("account_label"),
                    rs.getString("aux_account"), rs.getString("aux_label"), rs.getBigDecimal("vat_rate"),
                    rs.getBigDecimal("debit"), rs.getBigDecimal("credit")));
        }, args);
        List<JournalEntry> result = new ArrayList<>();
        entries.forEach((id, e) -> result.add(e.withLines(lines.get(id))));
        return result;
    }
}
