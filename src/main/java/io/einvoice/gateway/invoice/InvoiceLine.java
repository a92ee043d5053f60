package io.einvoice.gateway.invoice;

import java.math.BigDecimal;

/**
 * One invoice line (BG-25).
 *
 * @param id                BT-126
 * @param name              BT-153
 * @param quantity          BT-129
 * @param unitCode          BT-130 (UN/ECE Rec 20)
 * @param netAmount         BT-131
 * @param vatRate           BT-152
 * @param vatCategory       BT-151 (UNCL 5305)
 * @param netPrice          BT-146
 * @param priceBaseQuantity BT-149, null meaning 1
 * @param description       BT-154
 * @param note              BT-127
 */
public record InvoiceLine(String id, String name, BigDecimal quantity, String unitCode, BigDecimal netAmount,
                          BigDecimal vatRate, String vatCategory, BigDecimal netPrice, BigDecimal priceBaseQuantity,
                          String description, String note) {

    public InvoiceLine(String id, String name, BigDecimal quantity, String unitCode, BigDecimal netAmount, BigDecimal vatRate) {
        this(id, name, quantity, unitCode, netAmount, vatRate, null, null, null, null, null);
    }
}
