package io.einvoice.gateway.invoice;

import java.util.Map;

/**
 * The longest text each field from outside may hold, in characters: the one place these limits live, checked where
 * text enters (every JSON body, supplier and customer imports, corrections of recognised fields) so that a value too
 * long for its column is a 400 naming the field, never a database error. A field not listed gets
 * {@link #DEFAULT_MAX}.
 */
public final class TextLimits {

    public static final int DEFAULT_MAX = 1000;

    // the smallest column a field of that name is stored in (db/migration), with room for spaces that are dropped
    // before storing (IBAN, BIC, VAT number written in groups)
    private static final Map<String, Integer> MAX = Map.ofEntries(
            Map.entry("companyName", 300), Map.entry("sellerName", 300), Map.entry("buyerName", 300),
            Map.entry("name", 200), Map.entry("label", 200), Map.entry("displayName", 200),
            Map.entry("firstName", 100), Map.entry("lastName", 100), Map.entry("civility", 20),
            Map.entry("number", 30), Map.entry("numberPrefix", 16),
            Map.entry("address", 300), Map.entry("postcode", 20), Map.entry("city", 100), Map.entry("country", 2),
            Map.entry("email", 254), Map.entry("sender", 254), Map.entry("username", 254),
            Map.entry("iban", 50), Map.entry("bic", 15), Map.entry("vatNumber", 20), Map.entry("sellerVat", 30),
            Map.entry("buyerVat", 30), Map.entry("siren", 20), Map.entry("siret", 30), Map.entry("sellerSiren", 20),
            Map.entry("sellerSiret", 30), Map.entry("buyerSiren", 20), Map.entry("currency", 3),
            Map.entry("buyerReference", 100), Map.entry("orderReference", 100), Map.entry("note", 1000),
            Map.entry("exemptionReason", 300), Map.entry("exemptionCode", 30), Map.entry("unit", 3),
            Map.entry("reason", 1000), Map.entry("password", 500), Map.entry("clientSecret", 500),
            Map.entry("host", 255), Map.entry("folder", 255), Map.entry("processedFolder", 255),
            Map.entry("domain", 255), Map.entry("tenantId", 255), Map.entry("clientId", 255),
            Map.entry("inboundLocalPart", 64), Map.entry("salesLocalPart", 64),
            Map.entry("subjectTemplate", 500), Map.entry("bodyTemplate", 4000));

    private TextLimits() {
    }

    public static int max(String field) {
        return MAX.getOrDefault(field, DEFAULT_MAX);
    }

    /**
     * @param field the field's name as the caller wrote it (its last part decides the limit: {@code lines[0].label}
     *              is a label)
     * @throws InputLimitException when {@code value} is longer than the field may hold
     */
    public static String check(String field, String value) {
        if (value != null) {
            int max = max(lastName(field));
            if (value.length() > max) {
                throw new InputLimitException(field, field + " has " + value.length() + " characters, at most " + max
                        + " are accepted");
            }
        }
        return value;
    }

    private static String lastName(String path) {
        String last = path.substring(path.lastIndexOf('.') + 1);
        int index = last.indexOf('[');
        return index < 0 ? last : last.substring(0, index);
    }
}
