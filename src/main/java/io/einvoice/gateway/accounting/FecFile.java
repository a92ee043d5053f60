package io.einvoice.gateway.accounting;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The Fichier des écritures comptables of article A47 A-1 of the Livre des procédures fiscales: its 18 columns in
 * their order, one line per entry line, pipe-separated, dates AAAAMMJJ, amounts with a comma decimal separator, named
 * {@code <SIREN>FEC<AAAAMMJJ>.txt} after the last day of the period. Written in ISO-8859-15 (one of the encodings the
 * BOI-CF-IOR-60-40-20 lists) unless a text holds a character it cannot encode; then in UTF-8, whole, so nothing is
 * lost or replaced. The media type says which.
 */
final class FecFile implements ExportFormat.EntriesWriter {

    static final List<String> COLUMNS = List.of("JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum",
            "CompteLib", "CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit",
            "EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise");
    static final char SEPARATOR = '|';
    static final Charset LATIN_9 = Charset.forName("ISO-8859-15");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    @Override
    public ExportFormat.WrittenFile write(String siren, LocalDate periodEnd, List<JournalEntry> entries) {
        StringBuilder text = new StringBuilder(String.join(String.valueOf(SEPARATOR), COLUMNS)).append("\r\n");
        for (JournalEntry e : entries) {
            boolean foreign = !"EUR".equals(e.currency());
            for (JournalLine l : e.lines()) {
                BigDecimal amount = l.debit().signum() != 0 ? l.debit() : l.credit();
                List<String> row = List.of(e.journalCode(), e.journalLabel(), String.valueOf(e.seq()), DAY.format(e.entryDate()),
                        l.account(), l.accountLabel(), nullToEmpty(l.auxAccount()), nullToEmpty(l.auxLabel()), e.pieceRef(),
                        DAY.format(e.pieceDate()), e.label(), amount(l.debit()), amount(l.credit()), "", "",
                        DAY.format(e.validDate()), foreign ? amount(amount) : "", foreign ? e.currency() : "");
                for (int i = 0; i < row.size(); i++) {
                    if (i > 0) {
                        text.append(SEPARATOR);
                    }
                    text.append(clean(row.get(i)));
                }
                text.append("\r\n");
            }
        }
        String content = text.toString();
        boolean latin = LATIN_9.newEncoder().canEncode(content);
        Charset charset = latin ? LATIN_9 : StandardCharsets.UTF_8;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(content.getBytes(charset));
        return new ExportFormat.WrittenFile(siren + "FEC" + DAY.format(periodEnd) + ".txt",
                "text/plain; charset=" + (latin ? "ISO-8859-15" : "UTF-8"), out.toByteArray());
    }

    /** Amounts as the FEC writes them: {@code 1234,56}. */
    static String amount(BigDecimal value) {
        return value.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString().replace('.', ',');
    }

    /** A separator or a line break inside a text would shift the columns of the line. */
    private static String clean(String value) {
        return value.replace(SEPARATOR, ' ').replace('\t', ' ').replace('\r', ' ').replace('\n', ' ').strip();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
