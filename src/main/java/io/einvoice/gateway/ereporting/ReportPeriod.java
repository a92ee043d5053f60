package io.einvoice.gateway.ereporting;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One e-reporting period: a month ({@code 2026-11}) or one of its decades ({@code 2026-11-D1} the 1st to the 10th,
 * {@code D2} the 11th to the 20th, {@code D3} the 21st to the month's end).
 */
public record ReportPeriod(LocalDate start, LocalDate end) {

    public enum Cadence { DECADE, MONTH }

    private static final Pattern NAME = Pattern.compile("(\\d{4}-\\d{2})(?:-D([123]))?");

    public static ReportPeriod parse(String name) {
        Matcher m = NAME.matcher(name == null ? "" : name.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("a period is a month (2026-11) or a decade of it (2026-11-D1, D2 or D3),"
                    + " not '" + name + "'");
        }
        YearMonth month;
        try {
            month = YearMonth.parse(m.group(1));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("no such month: " + m.group(1));
        }
        return m.group(2) == null ? month(month) : decade(month, Integer.parseInt(m.group(2)));
    }

    /** The period of this cadence that holds the day. */
    public static ReportPeriod of(Cadence cadence, LocalDate day) {
        YearMonth month = YearMonth.from(day);
        return cadence == Cadence.MONTH ? month(month) : decade(month, Math.min(3, (day.getDayOfMonth() - 1) / 10 + 1));
    }

    private static ReportPeriod month(YearMonth month) {
        return new ReportPeriod(month.atDay(1), month.atEndOfMonth());
    }

    private static ReportPeriod decade(YearMonth month, int decade) {
        LocalDate start = month.atDay((decade - 1) * 10 + 1);
        return new ReportPeriod(start, decade == 3 ? month.atEndOfMonth() : start.plusDays(9));
    }

    public Cadence cadence() {
        return start.getDayOfMonth() == 1 && end.equals(YearMonth.from(start).atEndOfMonth()) ? Cadence.MONTH : Cadence.DECADE;
    }

    /** The period of the same cadence just before this one. */
    public ReportPeriod previous() {
        return of(cadence(), start.minusDays(1));
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && !day.isAfter(end);
    }

    public String name() {
        String month = YearMonth.from(start).toString();
        return cadence() == Cadence.MONTH ? month : month + "-D" + ((start.getDayOfMonth() - 1) / 10 + 1);
    }

    @Override
    public String toString() {
        return name();
    }
}
