package io.einvoice.gateway.party;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The columns of an import or export: the field each fills, the French header the template uses, and the headers
 * (French and English, compared without case, accents or punctuation) that are recognised as that field.
 */
public enum PartyColumn {
    NUMBER("number", "Numéro", "numero", "n", "no", "code", "code fournisseur", "code client", "reference", "ref", "id", "number", "account"),
    KIND("kind", "Type", "type", "nature", "kind", "personne"),
    COMPANY_NAME("companyName", "Raison sociale", "raison sociale", "nom societe", "societe", "entreprise", "denomination",
            "company", "company name", "name", "nom", "business name", "supplier", "fournisseur", "client", "customer"),
    SIREN("siren", "SIREN", "siren", "n siren", "numero siren"),
    SIRET("siret", "SIRET", "siret", "n siret", "numero siret"),
    VAT_NUMBER("vatNumber", "N° TVA intracommunautaire", "tva", "n tva", "numero tva", "tva intracommunautaire",
            "n tva intracommunautaire", "vat", "vat number", "vat id", "tax id"),
    CIVILITY("civility", "Civilité", "civilite", "civility", "title", "salutation"),
    FIRST_NAME("firstName", "Prénom", "prenom", "first name", "firstname", "given name"),
    LAST_NAME("lastName", "Nom de famille", "nom de famille", "last name", "lastname", "surname", "family name"),
    ADDRESS("address", "Adresse", "adresse", "address", "rue", "street", "address line 1"),
    POSTCODE("postcode", "Code postal", "code postal", "cp", "postcode", "postal code", "zip", "zip code"),
    CITY("city", "Ville", "ville", "commune", "city", "town"),
    COUNTRY("country", "Pays", "pays", "country", "country code"),
    EMAIL("email", "E-mail", "email", "e mail", "mail", "courriel", "adresse email", "email address"),
    IBAN("iban", "IBAN", "iban", "rib", "bank account"),
    /** Every IBAN a person confirmed for the supplier, separated by commas; an import by a person confirms them. */
    CONFIRMED_IBANS("confirmedIbans", "IBAN confirmés", "iban confirmes", "ibans confirmes", "confirmed ibans",
            "confirmed iban"),
    TRUSTED("trusted", "De confiance", "de confiance", "confiance", "trusted"),
    BLACKLISTED("blacklisted", "Liste noire", "liste noire", "bloque", "blacklisted", "blocked"),
    ACTIVE("active", "Actif", "actif", "active");

    private final String field;
    private final String frenchHeader;
    private final List<String> synonyms;

    PartyColumn(String field, String frenchHeader, String... synonyms) {
        this.field = field;
        this.frenchHeader = frenchHeader;
        this.synonyms = List.of(synonyms);
    }

    public String field() {
        return field;
    }

    public String frenchHeader() {
        return frenchHeader;
    }

    /** The column a header most likely means, if any. */
    public static Optional<PartyColumn> guess(String header) {
        String key = headerKey(header);
        for (PartyColumn column : values()) {
            if (column.synonyms.contains(key) || headerKey(column.field).equals(key)
                    || headerKey(column.frenchHeader).equals(key)) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }

    public static Optional<PartyColumn> byField(String field) {
        for (PartyColumn column : values()) {
            if (column.field.equalsIgnoreCase(field)) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }

    /** The template's headers, in column order. */
    public static List<String> headers() {
        return java.util.Arrays.stream(values()).map(PartyColumn::frenchHeader).toList();
    }

    /**
     * A party's values in column order; booleans as "oui"/"non". Only confirmed IBANs are written: one read on an
     * invoice and never confirmed would be confirmed by whoever imports the file.
     */
    static List<String> valuesOf(Party p, List<String> confirmedIbans) {
        return java.util.Arrays.stream(values()).map(column -> column.valueOf(p, confirmedIbans)).toList();
    }

    private String valueOf(Party p, List<String> confirmedIbans) {
        return switch (this) {
            case NUMBER -> p.number();
            case KIND -> p.kind().name();
            case COMPANY_NAME -> p.companyName();
            case SIREN -> p.siren();
            case SIRET -> p.siret();
            case VAT_NUMBER -> p.vatNumber();
            case CIVILITY -> p.civility();
            case FIRST_NAME -> p.firstName();
            case LAST_NAME -> p.lastName();
            case ADDRESS -> p.address();
            case POSTCODE -> p.postcode();
            case CITY -> p.city();
            case COUNTRY -> p.country();
            case EMAIL -> p.email();
            case IBAN -> p.iban() != null && confirmedIbans.contains(p.iban()) ? p.iban() : null;
            case CONFIRMED_IBANS -> confirmedIbans.isEmpty() ? null : String.join(", ", confirmedIbans);
            case TRUSTED -> p.trusted() ? "oui" : "non";
            case BLACKLISTED -> p.blacklisted() ? "oui" : "non";
            case ACTIVE -> p.active() ? "oui" : "non";
        };
    }

    /** "N° TVA" -> "n tva", "E-mail" -> "e mail", "companyName" -> "companyname". */
    static String headerKey(String header) {
        return SearchText.normalize(header == null ? "" : header.replace('°', ' ')).replaceAll("[^a-z0-9]+", " ").trim()
                .toLowerCase(Locale.ROOT);
    }
}
