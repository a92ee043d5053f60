package io.einvoice.gateway.recognition;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** Reads the words of a PDF's text layer with their positions (PDFBox), page by page, into visual lines. */
final class PdfTextReader extends PDFTextStripper {

    private final List<TextLine> lines = new ArrayList<>();
    private final List<Word> pageWords = new ArrayList<>();

    private PdfTextReader() {
        setSortByPosition(true);
    }

    static List<TextLine> read(PDDocument pdf, int lastPage) throws IOException {
        PdfTextReader reader = new PdfTextReader();
        reader.setEndPage(lastPage);
        reader.writeText(pdf, new StringWriter());
        return reader.lines;
    }

    @Override
    protected void startPage(org.apache.pdfbox.pdmodel.PDPage page) throws IOException {
        pageWords.clear();
        super.startPage(page);
    }

    @Override
    protected void endPage(org.apache.pdfbox.pdmodel.PDPage page) throws IOException {
        lines.addAll(LineBuilder.lines(pageWords));
        super.endPage(page);
    }

    /**
     * PDFBox calls this once per word (its own word splitting); the text of one call may still hold spaces that have
     * no glyph (no position): then the characters are walked alongside the positions to split the words.
     */
    @Override
    protected void writeString(String text, List<TextPosition> positions) throws IOException {
        int page = getCurrentPageNo();
        long glyphs = text.chars().filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c)).count();
        boolean spacesWithoutGlyphs = positions.stream().noneMatch(p -> isSpace(p.getUnicode()));
        if (spacesWithoutGlyphs && glyphs == positions.size() && glyphs < text.length()) {
            List<TextPosition> current = new ArrayList<>();
            int next = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                    addWord(page, current);
                    current = new ArrayList<>();
                } else {
                    current.add(positions.get(next++));
                }
            }
            addWord(page, current);
            return;
        }
        List<TextPosition> current = new ArrayList<>();
        for (TextPosition p : positions) {
            if (isSpace(p.getUnicode())) {
                addWord(page, current);
                current = new ArrayList<>();
            } else {
                current.add(p);
            }
        }
        addWord(page, current);
    }

    /** Blank, including the no-break spaces PDFs use between words. */
    private static boolean isSpace(String unicode) {
        return unicode == null || unicode.chars().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c));
    }

    private void addWord(int page, List<TextPosition> positions) {
        if (positions.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        float left = Float.MAX_VALUE;
        float right = -Float.MAX_VALUE;
        float top = Float.MAX_VALUE;
        float bottom = -Float.MAX_VALUE;
        for (TextPosition p : positions) {
            text.append(p.getUnicode());
            left = Math.min(left, p.getXDirAdj());
            right = Math.max(right, p.getXDirAdj() + p.getWidthDirAdj());
            top = Math.min(top, p.getYDirAdj() - p.getHeightDir());
            bottom = Math.max(bottom, p.getYDirAdj());
        }
        TextPosition first = positions.get(0);
        float width = first.getPageWidth() <= 0 ? 1 : first.getPageWidth();
        float height = first.getPageHeight() <= 0 ? 1 : first.getPageHeight();
        pageWords.add(new Word(text.toString(), new Box(page, left / width, top / height,
                Math.max(0, right - left) / width, Math.max(0.001f, bottom - top) / height), 1.0));
    }
}
