package io.einvoice.gateway.invoice;

/** An identifier with its ISO 6523 / EAS scheme (null when the document names none), e.g. a GLN under 0088. */
public record Identifier(String scheme, String value) {
}
