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

    /** PDFBox calls this once per word (its own word splitting); the words of one call may still hold spaces. */
    @Override
    protected void writeString(String text, List<TextPosition> positions) throws IOException {
        int page = getCurrentPageNo();
        List<TextPosition> current = new ArrayList<>();
        for (TextPosition p : positions) {
            if (p.getUnicode() == null || p.getUnicode().isBlank()) {
                addWord(page, current);
                current = new ArrayList<>();
            } else {
                current.add(p);
            }
        }
        addWord(page, current);
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
