package io.einvoice.gateway.sales;

/**
 * What the seller side of a dossier's sales invoices needs beyond the dossier row (name, SIREN, SIRET, VAT number):
 * the number prefix, the account customers pay to (BG-17), the postal address (BG-5), a contact e-mail and the
 * default payment term in days.
 */
public record SalesSettings(String dossierId, String numberPrefix, String iban, String bic, String address, String postcode,
                            String city, String country, String email, int paymentDays) {

    public static final int DEFAULT_PAYMENT_DAYS = 30;

    static SalesSettings defaults(String dossierId) {
        return new SalesSettings(dossierId, NumberPrefix.DEFAULT, null, null, null, null, null, "FR", null, DEFAULT_PAYMENT_DAYS);
    }
}
