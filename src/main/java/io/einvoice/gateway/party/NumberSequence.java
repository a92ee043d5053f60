package io.einvoice.gateway.party;

import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** The next free number of a dossier's suppliers (FOUR-001) or customers (CLI-001), after the highest one in use. */
final class NumberSequence {

    private final String prefix;
    private final Set<String> used;
    private int last;

    NumberSequence(PartyRole role, Collection<String> numbersInUse) {
        this.prefix = role.numberPrefix() + "-";
        this.used = new HashSet<>();
        for (String number : numbersInUse) {
            used.add(number.toUpperCase(Locale.ROOT));
            if (number.startsWith(prefix) && number.substring(prefix.length()).matches("\\d{1,9}")) {
                last = Math.max(last, Integer.parseInt(number.substring(prefix.length())));
            }
        }
    }

    String next() {
        String number;
        do {
            number = String.format(Locale.ROOT, "%s%03d", prefix, ++last);
        } while (used.contains(number));
        used.add(number);
        return number;
    }

    boolean inUse(String number) {
        return used.contains(number.toUpperCase(Locale.ROOT));
    }

    /** Records a number chosen by a person (import, form), so later generated ones skip it. */
    void take(String number) {
        used.add(number.toUpperCase(Locale.ROOT));
        if (number.startsWith(prefix) && number.substring(prefix.length()).matches("\\d{1,9}")) {
            last = Math.max(last, Integer.parseInt(number.substring(prefix.length())));
        }
    }
}
