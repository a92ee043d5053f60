package io.einvoice.gateway.party;

/** A party as the API shows it. */
public record PartyView(
        String id, String role, String number, String kind, String name, String companyName, String siren, String siret,
        String vatNumber, String civility, String firstName, String lastName, String address, String postcode,
        String city, String country, String email, String iban, boolean trusted, boolean blacklisted, boolean active,
        boolean onPlatform, boolean createdFromInvoice, String parentId, boolean billWithParent, boolean publicEntity) {

    static PartyView of(StoredParty stored) {
        Party p = stored.party();
        return new PartyView(p.id(), p.role().name(), p.number(), p.kind().name(), p.displayName(), p.companyName(),
                p.siren(), p.siret(), p.vatNumber(), p.civility(), p.firstName(), p.lastName(), p.address(), p.postcode(),
                p.city(), p.country(), p.email(), p.iban(), p.trusted(), p.blacklisted(), p.active(), stored.onPlatform(),
                p.createdFromInvoice(), p.parentId(), p.billWithParent(), p.publicEntity());
    }
}
