package io.einvoice.gateway.accounting;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The ASCII import of QuadraCOMPTA (Cegid Quadra), the "M" (mouvement) line of fixed width, one per entry line,
 * ISO-8859-15, CRLF. Columns (1-based): 1 {@code M}; 2–9 account (the auxiliary one on the third-party line); 10–11
 * journal; 12–14 folio {@code 000}; 15–20 date JJMMAA; 21 label code; 22–41 short label; 42 {@code D} or {@code C};
 * 43–55 amount in cents with its sign; 56–74 counterpart, due date, lettering, statistics (blank); 75–79 entry number;
 * 80–99 blank; 100–107 piece number; 108–110 currency; 111–113 journal; 114–116 blank; 117–146 label. See
 * docs/accounting-export.md for the public description followed.
 */
final class QuadraFile implements ExportFormat.EntriesWriter {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("ddMMyy");
    static final int LINE_LENGTH = 146;

    @Override
    public ExportFormat.WrittenFile write(String siren, LocalDate periodEnd, List<JournalEntry> entries) {
        StringBuilder out = new StringBuilder();
        for (JournalEntry e : entries) {
            for (JournalLine l : e.lines()) {
                boolean debit = l.debit().signum() != 0;
                BigDecimal amount = debit ? l.debit() : l.credit();
                StringBuilder line = new StringBuilder(LINE_LENGTH);
                line.append('M')
                        .append(left(l.auxAccount() != null ? l.auxAccount() : l.account(), 8))
                        .append(left(e.journalCode(), 2))
                        .append("000")
                        .append(DAY.format(e.entryDate()))
                        .append(' ')
                        .append(left(e.label(), 20))
                        .append(debit ? 'D' : 'C')
                        .append('+').append(zeros(amount.movePointRight(2).longValueExact(), 12))
                        .append(" ".repeat(19))
                        .append(zeros(e.seq() % 100_000, 5))
                        .append(" ".repeat(20))
                        .append(left(e.pieceRef(), 8))
                        .append(left(e.currency(), 3))
                        .append(left(e.journalCode(), 3))
                        .append("   ")
                        .append(left(e.label(), 30));
                out.append(line).append("\r\n");
            }
        }
        Charset latin9 = FecFile.LATIN_9;
        String text = out.toString();
        if (!latin9.newEncoder().canEncode(text)) {
            // fixed widths count characters: a character Latin-9 lacks becomes its unaccented letter, or '?'
            text = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        }
        return new ExportFormat.WrittenFile(siren + "-quadra-" + DateTimeFormatter.BASIC_ISO_DATE.format(periodEnd) + ".txt",
                "text/plain; charset=ISO-8859-15", text.getBytes(latin9));
    }

    private static String left(String value, int width) {
        String v = value == null ? "" : value.replace('\r', ' ').replace('\n', ' ');
        return v.length() >= width ? v.substring(0, width) : v + " ".repeat(width - v.length());
    }

    private static String zeros(long value, int width) {
        String digits = Long.toString(value);
        if (digits.length() > width) {
            throw new ExportRefusedException("an amount of the period has more digits than the Quadra format holds ("
                    + width + " for cents); export it as FEC or CSV");
        }
        return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }
}
