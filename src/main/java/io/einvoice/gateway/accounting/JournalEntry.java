package io.einvoice.gateway.accounting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The journal entry of one document (an approved purchase invoice, a sent sales invoice), balanced to the cent.
 *
 * @param seq      EcritureNum: consecutive per dossier, 0 until stored
 * @param partyKey the supplier's key (see {@link SupplierKey}) on a purchase entry
 * @param validDate the day the gateway wrote it (FEC ValidDate), null until stored
 */
public record JournalEntry(String documentId, String dossierId, long seq, String journalCode, String journalLabel,
                           LocalDate entryDate, String pieceRef, LocalDate pieceDate, String label, String partyKey,
                           String currency, LocalDate validDate, List<JournalLine> lines) {

    public JournalEntry {
        lines = List.copyOf(lines);
    }

    public BigDecimal totalDebit() {
        return lines.stream().map(JournalLine::debit).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal totalCredit() {
        return lines.stream().map(JournalLine::credit).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    JournalEntry numbered(long number, LocalDate on) {
        return new JournalEntry(documentId, dossierId, number, journalCode, journalLabel, entryDate, pieceRef, pieceDate,
                label, partyKey, currency, on, lines);
    }

    JournalEntry withLines(List<JournalLine> changed) {
        return new JournalEntry(documentId, dossierId, seq, journalCode, journalLabel, entryDate, pieceRef, pieceDate,
                label, partyKey, currency, validDate, changed);
    }
}
