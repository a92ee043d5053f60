package io.einvoice.gateway.invoice;

import java.math.BigDecimal;

/**
 * Document totals (BG-22): BT-106 sum of line net amounts, BT-107 allowances, BT-108 charges, BT-109 excl. VAT, BT-110
 * VAT, BT-112 incl. VAT, BT-113 paid, BT-114 rounding, BT-115 amount due.
 */
public record Totals(BigDecimal lineTotal, BigDecimal allowanceTotal, BigDecimal chargeTotal, BigDecimal exclVat,
                     BigDecimal vat, BigDecimal inclVat, BigDecimal prepaid, BigDecimal rounding, BigDecimal duePayable) {

    public Totals(BigDecimal exclVat, BigDecimal vat, BigDecimal inclVat, BigDecimal duePayable) {
        this(null, null, null, exclVat, vat, inclVat, null, null, duePayable);
    }
}
