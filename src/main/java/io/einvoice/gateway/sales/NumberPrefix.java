package io.einvoice.gateway.sales;

import java.util.regex.Pattern;

/**
 * Sales invoice numbers: {@code <prefix><year>-<sequence on 5 digits>}, e.g. {@code FA-2026-00042}. Chorus Pro
 * accepts at most 20 characters from {@code A-Z a-z 0-9 + _ / -} (EDI annex rule G1.05; the French BR-FR-01/02 are
 * looser), so a prefix may have at most 10 characters of that set; spaces are refused although Chorus tolerates
 * single inner ones, because the reform's rules do not.
 */
public final class NumberPrefix {

    public static final int MAX_NUMBER_LENGTH = 20;
    public static final String DEFAULT = "FA-";
    private static final int SEQUENCE_DIGITS = 5;
    /** year, dash and sequence: what the prefix shares the 20 characters with */
    private static final int SUFFIX_LENGTH = 4 + 1 + SEQUENCE_DIGITS;
    public static final int MAX_PREFIX_LENGTH = MAX_NUMBER_LENGTH - SUFFIX_LENGTH;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9+_/-]*");

    private NumberPrefix() {
    }

    /** @throws IllegalArgumentException naming the character or the length that is wrong */
    public static String check(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("numberPrefix is required (it may be empty: \"\")");
        }
        if (!ALLOWED.matcher(prefix).matches()) {
            String bad = prefix.codePoints().filter(c -> !ALLOWED.matcher(Character.toString(c)).matches())
                    .mapToObj(Character::toString).findFirst().orElse("?");
            throw new IllegalArgumentException("numberPrefix '" + prefix + "' contains '" + bad
                    + "': invoice numbers may only use letters A-Z a-z, digits and + _ / - (Chorus Pro rule G1.05)");
        }
        if (prefix.length() > MAX_PREFIX_LENGTH) {
            throw new IllegalArgumentException("numberPrefix '" + prefix + "' has " + prefix.length() + " characters: with the"
                    + " year and sequence (" + format("", 2026, 1) + ") the number would have " + (prefix.length() + SUFFIX_LENGTH)
                    + " characters, more than the " + MAX_NUMBER_LENGTH + " Chorus Pro accepts; use at most "
                    + MAX_PREFIX_LENGTH + " characters");
        }
        return prefix;
    }

    /**
     * @throws IllegalStateException when the sequence outgrew its digits and the number would pass 20 characters
     */
    public static String number(String prefix, int year, long sequence) {
        String number = format(prefix, year, sequence);
        if (number.length() > MAX_NUMBER_LENGTH) {
            throw new IllegalStateException("number " + number + " would have " + number.length() + " characters, more than the "
                    + MAX_NUMBER_LENGTH + " Chorus Pro accepts: shorten the dossier's numberPrefix");
        }
        return number;
    }

    private static String format(String prefix, int year, long sequence) {
        return prefix + year + "-" + String.format("%0" + SEQUENCE_DIGITS + "d", sequence);
    }
}
