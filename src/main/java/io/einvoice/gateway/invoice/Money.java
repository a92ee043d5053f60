package io.einvoice.gateway.invoice;

import java.math.BigDecimal;

/** Amounts as decimal strings: at least two decimals, no trailing zeros beyond them (12.5 -> "12.50", 1.2345 kept). */
public final class Money {

    private Money() {
    }

    public static String format(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.setScale(Math.max(2, stripped.scale())).toPlainString();
    }
}
