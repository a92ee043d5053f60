package io.einvoice.gateway.invoice;

import java.util.List;

/**
 * Seller (BG-4) or buyer (BG-7).
 *
 * @param name              BT-27 / BT-44
 * @param siren             legal registration id (BT-30 / BT-47) under scheme 0002
 * @param siret             establishment id (BT-29 / BT-46) under scheme 0009
 * @param vatId             BT-31 / BT-48
 * @param tradingName       BT-28 / BT-45
 * @param electronicAddress BT-34 / BT-49
 * @param address           BG-5 / BG-8
 * @param contact           BG-6 / BG-9
 * @param identifiers       BT-29 / BT-46 other than the SIRET (e.g. a GLN), needed when a party has neither SIREN nor VAT id
 * @param legalRegistration BT-30 / BT-47 when it is not a SIREN (foreign registers)
 * @param taxRegistration   BT-32 seller tax registration (CII scheme FC), not a VAT id
 */
public record Party(String name, String siren, String siret, String vatId, String tradingName,
                    ElectronicAddress electronicAddress, PostalAddress address, Contact contact,
                    List<Identifier> identifiers, Identifier legalRegistration, String taxRegistration) {

    public Party {
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
    }

    public Party(String name, String siren, String siret, String vatId, String tradingName,
                 ElectronicAddress electronicAddress, PostalAddress address, Contact contact) {
        this(name, siren, siret, vatId, tradingName, electronicAddress, address, contact, null, null, null);
    }

    public static final String SIREN_SCHEME = "0002";
    public static final String SIRET_SCHEME = "0009";

    public Party(String name, String siren, String siret, String vatId) {
        this(name, siren, siret, vatId, null, null, null, null);
    }

    public static Party unknown() {
        return new Party(null, null, null, null);
    }

    /** The same party with its French identifiers only, for comparisons on identity. */
    public Party identity() {
        return new Party(name, siren, siret, vatId);
    }
}
