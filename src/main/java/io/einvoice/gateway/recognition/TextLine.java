package io.einvoice.gateway.recognition;

import java.util.List;
import java.util.stream.Collectors;

/** Words on one visual line, left to right. */
public record TextLine(List<Word> words) {

    public TextLine {
        words = List.copyOf(words);
    }

    public String text() {
        return words.stream().map(Word::text).collect(Collectors.joining(" "));
    }

    public Box box() {
        return words.stream().map(Word::box).reduce(Box::union).orElseThrow();
    }

    public int page() {
        return words.get(0).box().page();
    }

    /** The weakest word decides: one misread digit spoils an amount. */
    public double confidence() {
        return words.stream().mapToDouble(Word::confidence).min().orElse(0);
    }

    /** The box of the characters [start, end) of {@link #text()}, and the weakest confidence among their words. */
    public Located locate(int start, int end) {
        Box box = null;
        double confidence = 1;
        int offset = 0;
        for (Word w : words) {
            int wordEnd = offset + w.text().length();
            if (wordEnd > start && offset < end) {
                box = box == null ? w.box() : box.union(w.box());
                confidence = Math.min(confidence, w.confidence());
            }
            offset = wordEnd + 1;
        }
        return box == null ? new Located(box(), confidence()) : new Located(box, confidence);
    }

    public record Located(Box box, double confidence) {
    }
}
