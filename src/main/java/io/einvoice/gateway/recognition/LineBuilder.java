package io.einvoice.gateway.recognition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Groups the words of a page into visual lines by vertical overlap, whatever block or column the reader put them in:
 * a label on the left and its value on the right of the page end up on one line, which is how people read invoices.
 */
final class LineBuilder {

    private LineBuilder() {
    }

    static List<TextLine> lines(List<Word> pageWords) {
        List<Word> words = new ArrayList<>(pageWords);
        words.removeIf(w -> w.text().isBlank());
        words.sort(Comparator.comparingDouble((Word w) -> w.box().centerY()));
        List<List<Word>> rows = new ArrayList<>();
        List<Word> row = new ArrayList<>();
        double rowTop = 0;
        double rowBottom = 0;
        for (Word w : words) {
            Box b = w.box();
            boolean sameRow = !row.isEmpty() && b.centerY() > rowTop && b.centerY() < rowBottom;
            if (!sameRow && !row.isEmpty()) {
                rows.add(row);
                row = new ArrayList<>();
            }
            if (row.isEmpty()) {
                rowTop = b.y();
                rowBottom = b.bottom();
            }
            row.add(w);
        }
        if (!row.isEmpty()) {
            rows.add(row);
        }
        List<TextLine> lines = new ArrayList<>();
        for (List<Word> r : rows) {
            r.sort(Comparator.comparingDouble((Word w) -> w.box().x()));
            lines.add(new TextLine(r));
        }
        return lines;
    }
}
