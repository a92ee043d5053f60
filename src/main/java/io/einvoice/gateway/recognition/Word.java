package io.einvoice.gateway.recognition;

/** One word as read, with where it is and how sure the reader was (1 for a PDF text layer). */
public record Word(String text, Box box, double confidence) {
}
