package io.einvoice.gateway.web;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/** Amounts as a French reader writes them (1 234,50 €), by the JDK's French currency format. */
final class Amounts {

    private Amounts() {
    }

    static String french(BigDecimal amount, String currency) {
        if (amount == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.FRANCE);
        try {
            format.setCurrency(Currency.getInstance(currency == null ? "EUR" : currency));
        } catch (IllegalArgumentException e) {
            // a code read off a scan that is no ISO 4217 currency: the number alone
            format = NumberFormat.getNumberInstance(Locale.FRANCE);
            format.setMinimumFractionDigits(2);
        }
        return format.format(amount);
    }
}
