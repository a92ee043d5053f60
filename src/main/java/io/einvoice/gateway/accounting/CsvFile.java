package io.einvoice.gateway.accounting;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** One row per entry line, RFC 4180, UTF-8, ISO dates and amounts with a dot: for spreadsheets and scripts. */
final class CsvFile implements ExportFormat.EntriesWriter {

    static final String[] HEADER = {"journal", "entry", "date", "account", "account_label", "auxiliary", "auxiliary_label",
            "piece", "piece_date", "label", "debit", "credit", "vat_rate", "currency", "document_id"};

    @Override
    public ExportFormat.WrittenFile write(String siren, LocalDate periodEnd, List<JournalEntry> entries) {
        StringWriter text = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(text, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
            for (JournalEntry e : entries) {
                for (JournalLine l : e.lines()) {
                    csv.printRecord(e.journalCode(), e.seq(), e.entryDate(), l.account(), l.accountLabel(), l.auxAccount(),
                            l.auxLabel(), e.pieceRef(), e.pieceDate(), e.label(), l.debit().toPlainString(),
                            l.credit().toPlainString(), l.vatRate() == null ? null : l.vatRate().toPlainString(), e.currency(),
                            e.documentId());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ExportFormat.WrittenFile(siren + "-ecritures-" + DateTimeFormatter.BASIC_ISO_DATE.format(periodEnd) + ".csv",
                "text/csv; charset=UTF-8", text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
