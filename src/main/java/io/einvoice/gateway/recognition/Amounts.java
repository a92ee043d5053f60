package io.einvoice.gateway.recognition;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds amounts written the French, English or German way: 1 234,56 · 1,234.56 · 1.234,56 · 1234.56 · -12,00. */
final class Amounts {

    /** Two decimals required: integers on an invoice are mostly quantities, years and references. */
    private static final Pattern AMOUNT = Pattern.compile(
            "(?<![\\d.,/\\-])(-?\\s?(?:\\d{1,3}(?:[ \\u00A0\\u202F.,'’]\\d{3})+|\\d+)[.,]\\d{2})(?![\\d]|[.,/]\\d|\\s?%)");

    private Amounts() {
    }

    record Found(BigDecimal value, int start, int end) {
    }

    static List<Found> find(String text) {
        List<Found> found = new ArrayList<>();
        Matcher m = AMOUNT.matcher(text);
        while (m.find()) {
            BigDecimal value = parse(m.group(1));
            if (value != null) {
                found.add(new Found(value, m.start(1), m.end(1)));
            }
        }
        return found;
    }

    /** The separator before the last two digits is the decimal one; every other separator groups thousands. */
    static BigDecimal parse(String written) {
        String s = written.replaceAll("[\\s\\u00A0\\u202F'’]", "");
        boolean negative = s.startsWith("-");
        s = s.replace("-", "");
        if (s.length() < 4) {
            return null;
        }
        String integer = s.substring(0, s.length() - 3).replaceAll("[.,]", "");
        String decimals = s.substring(s.length() - 2);
        if (!integer.matches("\\d+") || !decimals.matches("\\d{2}")) {
            return null;
        }
        BigDecimal value = new BigDecimal(integer + "." + decimals);
        return negative ? value.negate() : value;
    }
}
