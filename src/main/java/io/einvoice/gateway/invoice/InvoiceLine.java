package io.einvoice.gateway.invoice;

import java.math.BigDecimal;

/** One invoice line (BG-25): BT-126 id, BT-153 item name, BT-129 quantity, BT-130 unit, BT-131 net amount, BT-152 VAT rate. */
public record InvoiceLine(String id, String name, BigDecimal quantity, String unitCode, BigDecimal netAmount, BigDecimal vatRate) {
}
