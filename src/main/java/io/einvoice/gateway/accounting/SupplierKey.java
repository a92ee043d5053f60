package io.einvoice.gateway.accounting;

import java.text.Normalizer;
import java.util.Locale;

/**
 * How a third party is recognised from one invoice to the next: its SIREN, else its VAT number, else its name folded
 * to capitals without accents; and the auxiliary account it gets before anyone chooses one.
 */
public final class SupplierKey {

    static final int MAX_ACCOUNT = 20;

    private SupplierKey() {
    }

    /** @return null when the invoice names the party by nothing at all */
    public static String of(String siren, String vatId, String name) {
        if (siren != null && !siren.isBlank()) {
            return "SIREN:" + siren.strip();
        }
        if (vatId != null && !vatId.isBlank()) {
            return "VAT:" + vatId.strip().toUpperCase(Locale.ROOT);
        }
        String folded = fold(name);
        return folded.isEmpty() ? null : "NAME:" + folded.substring(0, Math.min(folded.length(), 300));
    }

    /**
     * The prefix (401, 411) followed by the first letters and digits of the name, 8 characters in all as most French
     * accounting software keeps them: {@code 401ACMEF}.
     */
    static String defaultAuxiliary(String prefix, String name) {
        String letters = fold(name).replaceAll("[^A-Z0-9]", "");
        if (letters.isEmpty()) {
            letters = "DIVERS";
        }
        String aux = prefix + letters;
        return aux.substring(0, Math.min(aux.length(), Math.max(8, prefix.length() + 3)));
    }

    private static String fold(String name) {
        if (name == null) {
            return "";
        }
        return Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toUpperCase(Locale.ROOT).strip()
                .replaceAll("\\s+", " ");
    }
}
