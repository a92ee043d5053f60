package io.einvoice.gateway.recognition;

import java.math.BigDecimal;

/** One VAT rate of the invoice: rate in percent, taxable base and VAT amount (the amount may be unknown). */
public record VatBreakdown(BigDecimal rate, BigDecimal base, BigDecimal amount, double confidence, Box box) {
}
