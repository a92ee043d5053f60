package io.einvoice.gateway.approval;

/** What approval needs to know about the supplier an invoice is linked to; {@code label} names it in reasons. */
public record SupplierStanding(String label, boolean trusted, boolean blacklisted) {
}
