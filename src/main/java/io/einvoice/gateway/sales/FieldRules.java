package io.einvoice.gateway.sales;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.regex.Pattern;

/** The checks a sales input field goes through, each failing with a sentence that names the field and the rule. */
final class FieldRules {

    private static final Pattern UNIT_CODE = Pattern.compile("[A-Z0-9]{1,3}");

    private FieldRules() {
    }

    static String text(String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new IllegalArgumentException(field + " is required");
            }
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            throw new IllegalArgumentException(field + " has " + v.length() + " characters, at most " + max + " are kept");
        }
        return v;
    }

    /** UN/ECE Recommendation 20 code (C62 one, HUR hour, DAY day, KGM kilogram...); C62 when absent. */
    static String unitCode(String value) {
        if (value == null || value.isBlank()) {
            return "C62";
        }
        String v = value.strip().toUpperCase();
        if (!UNIT_CODE.matcher(v).matches()) {
            throw new IllegalArgumentException("unit '" + value + "' is not a UN/ECE Rec 20 code such as C62 (one), HUR (hour),"
                    + " DAY (day) or KGM (kilogram)");
        }
        return v;
    }

    /** A price or quantity: at most 6 decimals; {@code positive} refuses zero and negatives, otherwise only negatives. */
    static BigDecimal amount(String field, BigDecimal value, boolean positive) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (positive ? value.signum() <= 0 : value.signum() < 0) {
            throw new IllegalArgumentException(field + " must be " + (positive ? "greater than 0" : "0 or more") + ", got "
                    + value.toPlainString() + (positive && field.endsWith("quantity")
                    ? " (to take an amount back, issue a credit note from the finalised invoice)" : ""));
        }
        if (value.stripTrailingZeros().scale() > 6) {
            throw new IllegalArgumentException(field + " has more than 6 decimals: " + value.toPlainString());
        }
        if (value.precision() - value.scale() > 13) {
            throw new IllegalArgumentException(field + " is too large: " + value.toPlainString());
        }
        return value.stripTrailingZeros();
    }

    static BigDecimal percent(String field, BigDecimal value) {
        if (value == null || value.signum() == 0) {
            return null;
        }
        if (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(100)) >= 0) {
            throw new IllegalArgumentException(field + " must be between 0 and 100 (exclusive), got " + value.toPlainString());
        }
        if (value.stripTrailingZeros().scale() > 4) {
            throw new IllegalArgumentException(field + " has more than 4 decimals: " + value.toPlainString());
        }
        return value.stripTrailingZeros();
    }

    static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be a date as YYYY-MM-DD, got '" + value + "'");
        }
    }

    static <E extends Enum<E>> E enumeration(Class<E> type, String field, String value, E fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " must be one of " + Arrays.toString(type.getEnumConstants())
                    + ", got '" + value + "'");
        }
    }
}
