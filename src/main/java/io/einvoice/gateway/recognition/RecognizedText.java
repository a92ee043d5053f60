package io.einvoice.gateway.recognition;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Everything read from one document: its lines in reading order, page after page, how it was read, and for OCR the
 * quarter turns (degrees clockwise) each page needed to stand upright.
 */
public record RecognizedText(TextSource source, int pages, List<TextLine> lines, double ocrSeconds, List<Integer> rotations) {

    public RecognizedText {
        lines = List.copyOf(lines);
        rotations = List.copyOf(rotations);
    }

    /** Pages that were read as they are. */
    public RecognizedText(TextSource source, int pages, List<TextLine> lines, double ocrSeconds) {
        this(source, pages, lines, ocrSeconds, List.of());
    }

    public String text() {
        return lines.stream().map(TextLine::text).collect(Collectors.joining("\n"));
    }

    public int wordCount() {
        return lines.stream().mapToInt(l -> l.words().size()).sum();
    }
}
