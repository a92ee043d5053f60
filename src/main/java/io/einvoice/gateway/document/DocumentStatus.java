package io.einvoice.gateway.document;

/**
 * Lifecycle of a document. Purchase: RECEIVED, RECOGNIZED, PENDING_APPROVAL, APPROVED or REJECTED, ARCHIVED.
 * Sales: DRAFT, SENT. QUARANTINED whenever a step could not process it, with the reason kept on the document. HELD:
 * stored for a dossier that is not activated, not read until it is (then it goes on as if it had just arrived).
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
    QUARANTINED,
    HELD
}
