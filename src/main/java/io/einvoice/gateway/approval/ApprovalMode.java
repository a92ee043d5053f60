package io.einvoice.gateway.approval;

/** Which purchase invoices of a dossier may be approved without a person. */
public enum ApprovalMode {
    /** Every purchase invoice waits for a person (the default). */
    ALL,
    /** Invoices of trusted suppliers are approved automatically, the others wait. */
    EXCEPT_TRUSTED,
    /** Every clean invoice is approved automatically. */
    NONE
}
