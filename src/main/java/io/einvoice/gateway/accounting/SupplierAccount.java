package io.einvoice.gateway.accounting;

/**
 * The accounts a supplier's invoices are booked on in one dossier.
 *
 * @param source LEARNT (from the first correction of one of its entries) or SET (through the API)
 */
public record SupplierAccount(String dossierId, String supplierKey, String supplierName, String expenseAccount,
                              String auxiliaryAccount, String source) {
}
