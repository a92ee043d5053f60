package io.einvoice.gateway.accounting;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The files an export can be: the legal FEC, a plain CSV, and the Quadra (Cegid) ASCII import. */
public enum ExportFormat {
    FEC(new FecFile()),
    CSV(new CsvFile()),
    QUADRA(new QuadraFile());

    private final EntriesWriter writer;

    ExportFormat(EntriesWriter writer) {
        this.writer = writer;
    }

    /** One file of entries: its name, its media type (with the charset it is written in) and its bytes. */
    public record WrittenFile(String name, String mediaType, byte[] content) {
    }

    interface EntriesWriter {
        /** @param periodEnd the last day the file covers: the FEC names the file after it */
        WrittenFile write(String siren, LocalDate periodEnd, List<JournalEntry> entries);
    }

    public WrittenFile write(String siren, LocalDate periodEnd, List<JournalEntry> entries) {
        return writer.write(siren, periodEnd, entries);
    }

    /** @throws IllegalArgumentException naming the formats there are */
    public static ExportFormat parse(String text) {
        if (text == null || text.isBlank()) {
            return FEC;
        }
        return Arrays.stream(values()).filter(f -> f.name().equals(text.strip().toUpperCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown export format; choose one of "
                        + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))));
    }
}
