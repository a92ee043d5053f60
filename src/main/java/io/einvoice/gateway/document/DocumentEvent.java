package io.einvoice.gateway.document;

import java.time.OffsetDateTime;

/** One step in a document's history: who or what did it, when, and the status change it made. */
public record DocumentEvent(
        OffsetDateTime at, String actor, String type, DocumentStatus fromStatus, DocumentStatus toStatus, String details) {
}
