package io.einvoice.gateway.recognition;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds dates in numeric and ISO forms and with month names in French, English, German, Dutch, Italian and Spanish:
 * 12/03/2024, 12.03.2024, 2024-03-12, 12 mars 2024, March 12, 2024, 12 de marzo de 2024.
 */
final class Dates {

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("janvier", 1), Map.entry("fevrier", 2), Map.entry("mars", 3), Map.entry("avril", 4),
            Map.entry("mai", 5), Map.entry("juin", 6), Map.entry("juillet", 7), Map.entry("aout", 8),
            Map.entry("septembre", 9), Map.entry("octobre", 10), Map.entry("novembre", 11), Map.entry("decembre", 12),
            Map.entry("january", 1), Map.entry("february", 2), Map.entry("march", 3), Map.entry("april", 4),
            Map.entry("may", 5), Map.entry("june", 6), Map.entry("july", 7), Map.entry("august", 8),
            Map.entry("september", 9), Map.entry("october", 10), Map.entry("november", 11), Map.entry("december", 12),
            Map.entry("januar", 1), Map.entry("februar", 2), Map.entry("marz", 3), Map.entry("juni", 6),
            Map.entry("juli", 7), Map.entry("oktober", 10), Map.entry("dezember", 12),
            Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("jun", 6),
            Map.entry("jul", 7), Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("sept", 9), Map.entry("oct", 10),
            Map.entry("nov", 11), Map.entry("dec", 12), Map.entry("janv", 1), Map.entry("fevr", 2), Map.entry("fev", 2),
            Map.entry("avr", 4), Map.entry("juil", 7),
            // Dutch, Italian and Spanish month names the other languages do not already spell the same way
            Map.entry("januari", 1), Map.entry("februari", 2), Map.entry("maart", 3), Map.entry("mei", 5), Map.entry("augustus", 8),
            Map.entry("gennaio", 1), Map.entry("febbraio", 2), Map.entry("marzo", 3), Map.entry("aprile", 4), Map.entry("maggio", 5),
            Map.entry("giugno", 6), Map.entry("luglio", 7), Map.entry("agosto", 8), Map.entry("settembre", 9), Map.entry("ottobre", 10),
            Map.entry("dicembre", 12), Map.entry("enero", 1), Map.entry("febrero", 2), Map.entry("abril", 4), Map.entry("mayo", 5),
            Map.entry("junio", 6), Map.entry("julio", 7), Map.entry("septiembre", 9), Map.entry("octubre", 10),
            Map.entry("noviembre", 11), Map.entry("diciembre", 12));

    private static final Pattern NUMERIC = Pattern.compile("(?<![\\d/.\\-])(\\d{1,2})\\s?([/.\\-])\\s?(\\d{1,2})\\s?\\2\\s?(\\d{4}|\\d{2})(?![\\d/.\\-]\\d)");
    private static final Pattern ISO = Pattern.compile("(?<!\\d)(\\d{4})-(\\d{2})-(\\d{2})(?!\\d)");
    private static final Pattern DAY_MONTH = Pattern.compile("(?<!\\d)(\\d{1,2})(?:er|st|nd|rd|th)?\\.?\\s+(?:de\\s+)?([a-z]{3,10})\\.?,?\\s+(?:de\\s+)?(\\d{4})(?!\\d)");
    private static final Pattern MONTH_DAY = Pattern.compile("(?<![a-z])([a-z]{3,9})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\s?,?\\s+(\\d{4})(?!\\d)");

    private Dates() {
    }

    record Found(LocalDate date, int start, int end) {
    }

    static List<Found> find(String text) {
        // accents off and lower case keep character offsets (NFD then dropping marks would not), so fold per char
        String folded = fold(text);
        List<Found> found = new ArrayList<>();
        Matcher m = ISO.matcher(folded);
        while (m.find()) {
            add(found, m, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        }
        m = NUMERIC.matcher(folded);
        while (m.find()) {
            int a = Integer.parseInt(m.group(1));
            int b = Integer.parseInt(m.group(3));
            int year = year(m.group(4));
            // day first, as in Europe; a second number above 12 can only be the day of a US date
            if (b > 12 && a <= 12) {
                add(found, m, year, a, b);
            } else {
                add(found, m, year, b, a);
            }
        }
        m = DAY_MONTH.matcher(folded);
        while (m.find()) {
            Integer month = MONTHS.get(m.group(2));
            if (month != null) {
                add(found, m, Integer.parseInt(m.group(3)), month, Integer.parseInt(m.group(1)));
            }
        }
        m = MONTH_DAY.matcher(folded);
        while (m.find()) {
            Integer month = MONTHS.get(m.group(1));
            if (month != null) {
                add(found, m, Integer.parseInt(m.group(3)), month, Integer.parseInt(m.group(2)));
            }
        }
        found.sort(java.util.Comparator.comparingInt(Found::start));
        return found;
    }

    private static int year(String written) {
        int y = Integer.parseInt(written);
        return written.length() == 2 ? 2000 + y : y;
    }

    private static void add(List<Found> found, Matcher m, int year, int month, int day) {
        if (year < 1990 || year > 2100) {
            return;
        }
        try {
            LocalDate date = LocalDate.of(year, month, day);
            boolean overlaps = found.stream().anyMatch(f -> f.start() < m.end() && m.start() < f.end());
            if (!overlaps) {
                found.add(new Found(date, m.start(), m.end()));
            }
        } catch (DateTimeException e) {
            // 31/02 and the like: not a date
        }
    }

    /** Lower case without accents, one character for one, so offsets in the folded text are offsets in the original. */
    static String fold(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String base = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
            out.append(Character.toLowerCase(base.isEmpty() ? c : base.charAt(0)));
        }
        return out.toString();
    }
}
