package io.einvoice.gateway.ingest;

/**
 * One file of a delivery that brings several at once (a mail and its attachments). {@code quarantineReason}, when
 * set, stores the file as a quarantined document without reading it (a mail with no invoice, an archive over the
 * limits); {@code origin} is recorded as the document's first event (where the file came from, the evidence kept).
 */
public record IncomingPart(IncomingFile file, byte[] content, String quarantineReason, String origin) {
}
