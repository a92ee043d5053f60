package io.einvoice.gateway.recognition;

import java.math.BigDecimal;

/**
 * One invoice line read from an item table: description, quantity, net unit price (per {@code priceBase} units, 1 when
 * the header says nothing), line net amount and VAT rate in percent (the invoice's single rate when the row shows none).
 */
public record ExtractedLine(String name, BigDecimal quantity, BigDecimal netPrice, BigDecimal priceBase, BigDecimal netAmount,
                            BigDecimal vatRate, Box box) {
}
