package io.einvoice.gateway.party;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Text as search compares it: lower case, accents removed ("Éric Lefèvre" -> "eric lefevre"), spaces collapsed. Stored
 * in a column so a plain LIKE finds "lefevre" in "Lefèvre" on H2 and PostgreSQL alike.
 */
public final class SearchText {

    private SearchText() {
    }

    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return decomposed.toLowerCase(Locale.ROOT).replace('œ', 'o').replace('æ', 'a')
                .replaceAll("\\s+", " ").trim();
    }

    /** Every searchable value of a party, and identifiers also without their spaces ("732 829 320"). */
    static String of(Party p) {
        return Stream.of(p.number(), p.displayName(), p.companyName(), p.firstName(), p.lastName(), p.siren(), p.siret(),
                        p.vatNumber(), p.email(), p.city())
                .filter(Objects::nonNull)
                .map(SearchText::normalize)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.joining(" | "));
    }
}
