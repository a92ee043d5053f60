package io.einvoice.gateway.recognition;

/**
 * One extracted value (normalised: ISO dates, plain decimal amounts, identifiers without spaces), how sure the
 * extraction is (0..1), where it was read, and the label it was read next to (what a supplier hint remembers).
 */
public record ExtractedField(String value, double confidence, Box box, String label) {
}
