package io.einvoice.gateway.ingest;

import io.einvoice.gateway.document.DocumentStatus;

/** What became of a received file: the document it is now, its status and, when quarantined, why. */
public record IngestResult(String documentId, DocumentStatus status, String reason, String duplicateOf, boolean redelivery) {

    public boolean quarantined() {
        return status == DocumentStatus.QUARANTINED;
    }
}
