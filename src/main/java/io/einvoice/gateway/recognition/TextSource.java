package io.einvoice.gateway.recognition;

/** How the text of a document was obtained; also the document's format once recognised. */
public enum TextSource {
    /** the PDF's own text layer: exact characters and positions */
    PDF_TEXT,
    /** Tesseract on rendered pages or images */
    OCR
}
