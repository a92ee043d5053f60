package io.einvoice.gateway.ingest;

import io.einvoice.gateway.document.DocumentStatus;

/**
 * What became of a received file: the document it is now, its status and, when quarantined, why; and the stage it goes
 * on to ({@link #RECOGNITION}, {@link #VALIDATION}, or null: none, e.g. quarantined, held or delivered before), which
 * the route ingest-committed ({@code routes/ingest.camel.yaml}) hands it to.
 */
public record IngestResult(String documentId, DocumentStatus status, String reason, String duplicateOf, boolean redelivery,
                           String next) {

    /** Read from its pages (text PDF, scan, photo). */
    public static final String RECOGNITION = "recognition";
    /** Arrived as structured data. */
    public static final String VALIDATION = "validation";

    public boolean quarantined() {
        return status == DocumentStatus.QUARANTINED;
    }
}
