package io.einvoice.gateway.accounting;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What an account number may be: digits then capitals or digits, 3 to 20 characters (the plan comptable général
 * numbers general accounts by digit, software adds letters to auxiliary accounts), of the class its use requires.
 */
final class AccountRules {

    private static final Pattern GENERAL = Pattern.compile("[1-9][0-9A-Z]{2,19}");
    private static final Pattern AUXILIARY = Pattern.compile("[0-9A-Z]{1,20}");
    private static final Pattern JOURNAL = Pattern.compile("[0-9A-Z]{1,10}");

    private AccountRules() {
    }

    /** @param classes the leading digits the account may start with, e.g. {@code "6", "2"} for what a purchase books */
    static void general(List<String> problems, String field, String value, String... classes) {
        if (value == null || !GENERAL.matcher(value).matches()) {
            problems.add(field + " must be an account number: 3 to 20 digits or capitals, starting with a digit");
            return;
        }
        for (String c : classes) {
            if (value.startsWith(c)) {
                return;
            }
        }
        problems.add(field + " must be an account of class " + String.join(" or ", classes) + " of the plan comptable général");
    }

    static void auxiliary(List<String> problems, String field, String value) {
        if (value == null || !AUXILIARY.matcher(value).matches()) {
            problems.add(field + " must be an auxiliary account: 1 to 20 digits or capitals");
        }
    }

    static void journal(List<String> problems, String field, String value) {
        if (value == null || !JOURNAL.matcher(value).matches()) {
            problems.add(field + " must be a journal code: 1 to 10 digits or capitals");
        }
    }

    /** Accounts are compared and stored in capitals, without spaces. */
    static String normal(String value) {
        return value == null ? null : value.strip().replace(" ", "").toUpperCase(java.util.Locale.ROOT);
    }
}
