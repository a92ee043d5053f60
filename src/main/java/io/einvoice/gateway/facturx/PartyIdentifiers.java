package io.einvoice.gateway.facturx;

import io.einvoice.gateway.invoice.Party;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Collects the identifiers a party carries (ISO 6523 scheme + value, in the order the mapper trusts them) and turns them
 * into the French ones the gateway files documents by: SIREN (scheme 0002) and SIRET (scheme 0009).
 */
public final class PartyIdentifiers {

    static final String SIREN_SCHEME = "0002";
    static final String SIRET_SCHEME = "0009";

    private final List<SchemedId> ids = new ArrayList<>();

    private record SchemedId(String scheme, String value) {
    }

    PartyIdentifiers add(String scheme, String value) {
        if (scheme != null && value != null) {
            ids.add(new SchemedId(scheme.strip(), value.strip()));
        }
        return this;
    }

    Party toParty(String name, String vatId) {
        String siret = first(SIRET_SCHEME, "\\d{14}");
        String siren = first(SIREN_SCHEME, "\\d{9}");
        if (siren == null && siret != null) {
            siren = siret.substring(0, 9);
        }
        if (siren == null) {
            siren = sirenInFrenchVatId(vatId);
        }
        return new Party(name, siren, siret, vatId);
    }

    /** A value under the scheme that does not have the scheme's shape is someone's typo, not a SIREN/SIRET. */
    private String first(String scheme, String shape) {
        return ids.stream().filter(id -> id.scheme().equals(scheme)).map(id -> compact(id.value()))
                .filter(value -> value != null && value.matches(shape)).findFirst().orElse(null);
    }

    /** Registration numbers are often written in groups ("732 829 320"); the number is the digits. */
    private static String compact(String value) {
        if (value == null) {
            return null;
        }
        String compact = value.replaceAll("[\\s\\u00A0\\u202F.\\-]", "");
        return compact.isEmpty() ? null : compact;
    }

    /**
     * A French VAT number is FR + a two-digit key + the SIREN. Only a number whose key matches its SIREN is used, so a
     * mistyped VAT number does not produce a wrong SIREN.
     */
    public static String sirenInFrenchVatId(String vatId) {
        String compact = compact(vatId);
        if (compact == null || !compact.toUpperCase(Locale.ROOT).matches("FR\\d{11}")) {
            return null;
        }
        String siren = compact.substring(4);
        return compact.substring(2, 4).equals(frenchVatKey(siren)) ? siren : null;
    }

    static String frenchVatKey(String siren) {
        long key = (12 + 3 * (Long.parseLong(siren) % 97)) % 97;
        return String.format(Locale.ROOT, "%02d", key);
    }

    static String frenchVatId(String siren) {
        return "FR" + frenchVatKey(siren) + siren;
    }
}
