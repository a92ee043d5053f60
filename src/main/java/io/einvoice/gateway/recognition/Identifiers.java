package io.einvoice.gateway.recognition;

import org.apache.commons.validator.routines.IBANValidator;
import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Company and bank identifiers found in text, kept only when their check digits hold. */
final class Identifiers {

    private static final Pattern SIRET = Pattern.compile("(?<![\\dA-Z])(\\d{3}\\s?\\d{3}\\s?\\d{3}\\s?\\d{5})(?![\\d])");
    private static final Pattern SIREN = Pattern.compile("(?<![\\dA-Z])(\\d{3}\\s?\\d{3}\\s?\\d{3})(?![\\s]?\\d)");
    private static final Pattern FR_VAT = Pattern.compile("(?<![A-Z])FR\\s?((?:[0-9A-HJ-NP-Z]\\s?){2}(?:\\d\\s?){8}\\d)(?!\\d)");
    private static final Pattern EU_VAT = Pattern.compile(
            "(?<![A-Z])((?:DE|BE|NL|IT|ES|LU|AT|IE|PT|GB|CH)\\s?[0-9A-Z](?:\\s?\\d|[0-9A-Z]){7,11})(?![0-9A-Z])");
    /** Characters after the country code of the VAT numbers whose length is fixed (DE 9 digits, AT U + 8…). */
    private static final Map<String, Integer> VAT_LENGTH = Map.of(
            "DE", 9, "AT", 9, "IT", 11, "PT", 9, "LU", 8, "BE", 10, "NL", 12, "ES", 9);
    private static final Pattern IBAN = Pattern.compile("(?<![A-Z0-9])([A-Z]{2}\\d{2}(?:\\s?[A-Z0-9]){10,30})");
    private static final Pattern BIC = Pattern.compile("(?<![A-Z0-9])([A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?)(?![A-Z0-9])");

    private Identifiers() {
    }

    record Found(String value, int start, int end) {
    }

    static List<Found> sirets(String text) {
        List<Found> out = new ArrayList<>();
        Matcher m = SIRET.matcher(text);
        while (m.find()) {
            String digits = m.group(1).replaceAll("\\s", "");
            if (LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(digits) && LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(digits.substring(0, 9))) {
                out.add(new Found(digits, m.start(1), m.end(1)));
            }
        }
        return out;
    }

    static List<Found> sirens(String text) {
        List<Found> out = new ArrayList<>();
        Matcher m = SIREN.matcher(text);
        while (m.find()) {
            String digits = m.group(1).replaceAll("\\s", "");
            if (!digits.matches("0+") && LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(digits)) {
                out.add(new Found(digits, m.start(1), m.end(1)));
            }
        }
        return out;
    }

    /** French VAT numbers whose key matches their SIREN: key = (12 + 3 × (SIREN mod 97)) mod 97. */
    static List<Found> frenchVat(String text) {
        List<Found> out = new ArrayList<>();
        Matcher m = FR_VAT.matcher(text);
        while (m.find()) {
            String rest = m.group(1).replaceAll("\\s", "");
            if (validFrenchVat(rest)) {
                out.add(new Found("FR" + rest, m.start(), m.end()));
            }
        }
        return out;
    }

    static boolean validFrenchVat(String elevenChars) {
        if (!elevenChars.matches("\\d{11}")) {
            return false;
        }
        long siren = Long.parseLong(elevenChars.substring(2));
        int key = Integer.parseInt(elevenChars.substring(0, 2));
        return LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(elevenChars.substring(2)) && key == (12 + 3 * (siren % 97)) % 97;
    }

    /**
     * Other EU VAT numbers: shape only (their check rules vary by country), so less trusted. Digits may be grouped
     * with spaces, but a letter after a space starts the next word ("DE123456789 USt-IdNr"), not the number.
     */
    static List<Found> otherVat(String text) {
        List<Found> out = new ArrayList<>();
        List<Found> ibans = ibans(text);
        Matcher m = EU_VAT.matcher(text);
        while (m.find()) {
            int end = fixedLengthEnd(m.group(1));
            if (end < 0 || ibans.stream().anyMatch(i -> i.start() <= m.start(1) && i.end() > m.start(1))) {
                // longer than the country's numbers without a space to end it, or the start of an IBAN
                continue;
            }
            String v = m.group(1).substring(0, end).replaceAll("\\s", "");
            if (v.substring(2).chars().filter(Character::isDigit).count() >= 7) {
                out.add(new Found(v, m.start(1), m.start(1) + end));
            }
        }
        return out;
    }

    /**
     * Where a VAT number of a country with one fixed length ends in the matched text: after that many characters, if
     * a space follows ("DE777777777 999 / 9 99", a phone number in the next column); -1 when no space ends it there.
     */
    private static int fixedLengthEnd(String raw) {
        Integer length = VAT_LENGTH.get(raw.substring(0, 2));
        String compact = raw.replaceAll("\\s", "");
        if (length == null || compact.length() - 2 <= length) {
            return raw.length();
        }
        int seen = 0;
        for (int i = 2; i < raw.length(); i++) {
            if (!Character.isWhitespace(raw.charAt(i)) && ++seen == length) {
                return i + 1 < raw.length() && Character.isWhitespace(raw.charAt(i + 1)) ? i + 1 : -1;
            }
        }
        return -1;
    }

    /** IBANs valid by mod 97; an IBAN written in groups is tried from its longest form down. */
    static List<Found> ibans(String text) {
        List<Found> out = new ArrayList<>();
        Matcher m = IBAN.matcher(text);
        int from = 0;
        while (from < text.length() && m.find(from)) {
            String raw = m.group(1);
            Found found = null;
            for (int end = raw.length(); end >= 14 && found == null; end--) {
                String candidate = raw.substring(0, end).replaceAll("\\s", "");
                if (IBANValidator.getInstance().isValid(candidate)) {
                    found = new Found(candidate, m.start(1), m.start(1) + end);
                }
            }
            if (found != null) {
                out.add(found);
                from = found.end();
            } else {
                from = m.start(1) + 1;
            }
        }
        return out;
    }

    static List<Found> bics(String text) {
        List<Found> out = new ArrayList<>();
        Matcher m = BIC.matcher(text);
        while (m.find()) {
            out.add(new Found(m.group(1), m.start(1), m.end(1)));
        }
        return out;
    }
}
