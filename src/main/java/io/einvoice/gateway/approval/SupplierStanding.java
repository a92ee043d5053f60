package io.einvoice.gateway.approval;

/**
 * What approval needs to know about the supplier an invoice is linked to; {@code label} names it in reasons.
 * {@code unconfirmedIban}: the invoice asks to be paid to an IBAN nobody has confirmed for this supplier.
 */
public record SupplierStanding(String label, boolean trusted, boolean blacklisted, boolean unconfirmedIban) {

    public SupplierStanding(String label, boolean trusted, boolean blacklisted) {
        this(label, trusted, blacklisted, false);
    }
}
