package io.einvoice.gateway.invoice;

/** Seller (BG-4) or buyer (BG-7): SIREN is the legal registration id with scheme 0002, SIRET scheme 0009. */
public record Party(String name, String siren, String siret, String vatId) {

    public static Party unknown() {
        return new Party(null, null, null, null);
    }
}
