package io.einvoice.gateway.invoice;

import java.math.BigDecimal;

/** Document totals (BG-22): BT-109 excl. VAT, BT-110 VAT, BT-112 incl. VAT, BT-115 amount due. */
public record Totals(BigDecimal exclVat, BigDecimal vat, BigDecimal inclVat, BigDecimal duePayable) {
}
