package io.einvoice.gateway.facturx;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * CII dates are a string plus a UNTDID 2379 format code. Only 102 (CCYYMMDD) names a day; 610 (a month) and 616 (a week)
 * do not, so they give no date rather than an invented first day.
 */
final class CiiDates {

    private static final Logger LOG = LoggerFactory.getLogger(CiiDates.class);

    private CiiDates() {
    }

    static LocalDate parse(String text, String format) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        String code = format == null || format.isBlank() ? null : format.strip();
        try {
            if ("102".equals(code) || (code == null && value.matches("\\d{8}"))) {
                return LocalDate.parse(value, DateTimeFormatter.BASIC_ISO_DATE);
            }
            if (code == null && value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(value);
            }
        } catch (DateTimeParseException e) {
            LOG.warn("CII date '{}' (format {}) is not a calendar date, left empty", value, code);
            return null;
        }
        LOG.debug("CII date '{}' in format {} names no single day, left empty", value, code);
        return null;
    }
}
