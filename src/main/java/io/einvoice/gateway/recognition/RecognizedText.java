package io.einvoice.gateway.recognition;

import java.util.List;
import java.util.stream.Collectors;

/** Everything read from one document: its lines in reading order, page after page, and how it was read. */
public record RecognizedText(TextSource source, int pages, List<TextLine> lines, double ocrSeconds) {

    public RecognizedText {
        lines = List.copyOf(lines);
    }

    public String text() {
        return lines.stream().map(TextLine::text).collect(Collectors.joining("\n"));
    }

    public int wordCount() {
        return lines.stream().mapToInt(l -> l.words().size()).sum();
    }
}
