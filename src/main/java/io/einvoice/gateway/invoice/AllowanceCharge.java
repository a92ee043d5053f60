package io.einvoice.gateway.invoice;

import java.math.BigDecimal;

/**
 * Document level allowance (BG-20) or charge (BG-21): amount (BT-92/99), base amount (BT-93/100), percentage
 * (BT-94/101), VAT category (BT-95/102) and rate (BT-96/103), reason (BT-97/104) and reason code (BT-98/105).
 */
public record AllowanceCharge(boolean charge, BigDecimal amount, BigDecimal baseAmount, BigDecimal percentage,
                              String vatCategory, BigDecimal vatRate, String reason, String reasonCode) {
}
