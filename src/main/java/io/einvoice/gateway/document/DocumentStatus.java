package io.einvoice.gateway.document;

/**
 * Lifecycle of a document. Purchase: RECEIVED, RECOGNIZED, PENDING_APPROVAL, APPROVED or REJECTED, ARCHIVED; one
 * without structured data waits as AWAITING_RECOGNITION (V90; before, a RECEIVED row with that text as its reason)
 * until recognition reads its text and it becomes RECOGNIZED. RECEIVED is where every document's history starts.
 * Sales: DRAFT, SENT. QUARANTINED whenever a step could not process it, with the reason kept on the document. HELD:
 * stored for a dossier that is not activated, not read until it is (then it goes on as if it had just arrived).
 */
public enum DocumentStatus {
    RECEIVED,
    AWAITING_RECOGNITION,
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
