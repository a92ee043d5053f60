package io.einvoice.gateway.party;

/**
 * A supplier or customer of a dossier. {@code parentId}: the customer this one is a sub-customer of, with
 * {@code billWithParent} when its invoices go to the parent. {@code publicEntity}: a customer invoiced through Chorus Pro.
 */
public record Party(
        String id, String dossierId, PartyRole role, String number, PartyKind kind,
        String companyName, String siren, String siret, String vatNumber,
        String civility, String firstName, String lastName,
        String address, String postcode, String city, String country, String email, String iban,
        boolean trusted, boolean blacklisted, boolean active, boolean createdFromInvoice,
        String parentId, boolean billWithParent, boolean publicEntity) {

    /** The name people know it by: the company name, or "civility first last" for an individual. */
    public String displayName() {
        if (kind == PartyKind.COMPANY) {
            return companyName;
        }
        StringBuilder name = new StringBuilder();
        for (String part : new String[] {civility, firstName, lastName}) {
            if (part != null && !part.isBlank()) {
                name.append(name.isEmpty() ? "" : " ").append(part);
            }
        }
        return name.toString();
    }

    /** "FOUR-001 Fournitures Lumière", as approval reasons name it. */
    public String label() {
        return number + " " + displayName();
    }
}
