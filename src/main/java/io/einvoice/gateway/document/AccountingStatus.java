package io.einvoice.gateway.document;

/** Accounting export state, kept apart from the lifecycle. */
public enum AccountingStatus {
    TO_EXPORT, EXPORTED
}
