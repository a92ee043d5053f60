package io.einvoice.gateway.document;

/**
 * Lifecycle of a document. Purchase: RECEIVED, RECOGNIZED, PENDING_APPROVAL, APPROVED or REJECTED, ARCHIVED.
 * Sales: DRAFT, SENT. QUARANTINED whenever a step could not process it, with the reason kept on the document.
 */
public enum DocumentStatus {
    RECEIVED,
    RECOGNIZED,
    PENDING_APPROVAL,
    APPROVED,
    REJECTED,
    ARCHIVED,
    DRAFT,
    SENT,
    QUARANTINED
}
