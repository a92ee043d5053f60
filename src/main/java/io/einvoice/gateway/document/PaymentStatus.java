package io.einvoice.gateway.document;

/** Payment state, kept apart from the lifecycle. */
public enum PaymentStatus {
    UNPAID, PAID, REFUNDED
}
