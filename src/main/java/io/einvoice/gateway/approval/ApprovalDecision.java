package io.einvoice.gateway.approval;

import io.einvoice.gateway.document.DocumentStatus;

import java.util.List;

/**
 * The outcome for one invoice: APPROVED or REJECTED by a rule named in {@code actor}, or PENDING_APPROVAL with the
 * reasons a person must decide.
 */
public record ApprovalDecision(DocumentStatus status, String actor, List<String> reasons) {

    public ApprovalDecision {
        reasons = List.copyOf(reasons);
    }

    /** The reasons as one text, for the document's status reason and the event details. */
    public String reasonText() {
        return String.join("; ", reasons);
    }
}
