package io.einvoice.gateway.invoice;

import java.math.BigDecimal;

/**
 * One VAT breakdown row (BG-23): BT-116 taxable amount, BT-117 tax amount, BT-118 category code (UNCL 5305), BT-119
 * rate, BT-120 exemption reason, BT-121 exemption reason code.
 */
public record VatBreakdown(BigDecimal taxableAmount, BigDecimal taxAmount, String category, BigDecimal rate,
                           String exemptionReason, String exemptionReasonCode) {
}
