package io.einvoice.gateway.invoice;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The one parser for amounts, quantities and rates that come from outside (JSON bodies, query parameters,
 * corrections). Plain decimal notation only, with bounded digits and scale, checked on the text before any
 * {@link BigDecimal} exists: {@code new BigDecimal("1e999999999")} is cheap, but printing it or setting its scale
 * takes a gigabyte and half a minute.
 */
public final class Decimals {

    /** Digits before the decimal point: NUMERIC(19, 6) columns hold 13. */
    public static final int MAX_INTEGER_DIGITS = 13;
    /** Digits after it: prices and quantities may carry 6 (EN 16931 allows more for unit prices, not for amounts). */
    public static final int MAX_SCALE = 6;

    private static final Pattern PLAIN = Pattern.compile("-?\\d+(\\.\\d+)?");

    private Decimals() {
    }

    /** @throws InputLimitException naming {@code field}, when {@code text} is not a decimal within the limits */
    public static BigDecimal parse(String field, String text) {
        return parse(field, text, MAX_SCALE);
    }

    /** With its own scale limit (2 for an amount in euros and cents). */
    public static BigDecimal parse(String field, String text, int maxScale) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        // longest acceptable text: sign, integer digits, point, decimals; checked before the pattern sees it
        if (t.isEmpty() || t.length() > 2 + MAX_INTEGER_DIGITS + maxScale || !PLAIN.matcher(t).matches()) {
            throw new InputLimitException(field, rule(field, maxScale));
        }
        int point = t.indexOf('.');
        int integerDigits = (point < 0 ? t.length() : point) - (t.startsWith("-") ? 1 : 0);
        int scale = point < 0 ? 0 : t.length() - point - 1;
        if (integerDigits > MAX_INTEGER_DIGITS || scale > maxScale) {
            throw new InputLimitException(field, rule(field, maxScale));
        }
        return new BigDecimal(t);
    }

    /**
     * As people type or print it in France, "1 500,00" as well as "1500.00": a comma or a point before the decimals,
     * spaces (plain, no-break, narrow) between thousands; then the same limits as {@link #parse(String, String, int)}.
     */
    public static BigDecimal parseWritten(String field, String text, int maxScale) {
        if (text == null) {
            return null;
        }
        return parse(field, text.replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace(',', '.'), maxScale);
    }

    private static String rule(String field, int maxScale) {
        return field + " must be a decimal number written like 1234.56: at most " + MAX_INTEGER_DIGITS
                + " digits before the point and " + maxScale + " after it, no exponent";
    }
}
