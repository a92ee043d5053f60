package io.einvoice.gateway.party;

/**
 * What a person sends to create or change a party (POST creates from it, PATCH changes only the fields present; an
 * empty string clears a text field). Also one line of an import.
 */
public record PartyInput(
        String kind, String number, String companyName, String siren, String siret, String vatNumber,
        String civility, String firstName, String lastName,
        String address, String postcode, String city, String country, String email, String iban,
        Boolean trusted, Boolean blacklisted, Boolean active, String parentId, Boolean billWithParent,
        Boolean publicEntity) {

    public static PartyInput empty() {
        return new PartyInput(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }
}
