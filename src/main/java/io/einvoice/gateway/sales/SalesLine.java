package io.einvoice.gateway.sales;

import io.einvoice.gateway.invoice.InvoiceLine;
import io.einvoice.gateway.invoice.VatArithmetic;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One line of a sales invoice, with the catalogue values copied at the time it was written. A discount lowers the
 * net price (BT-146): EN 16931 computes the line amount (BT-131) from quantity and net price only.
 *
 * @param catalogueItemId the item it was taken from, null for a free line
 * @param discountPercent null when none
 */
public record SalesLine(int position, String catalogueItemId, LineKind kind, String label, String unitCode,
                        BigDecimal quantity, BigDecimal unitPrice, BigDecimal discountPercent, VatChoice vat) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** BT-146: the unit price less the discount, kept to 6 decimals (prices may be finer than cents). */
    public BigDecimal netPrice() {
        if (discountPercent == null) {
            return unitPrice;
        }
        return unitPrice.multiply(HUNDRED.subtract(discountPercent)).divide(HUNDRED, 6, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    public InvoiceLine toInvoiceLine() {
        BigDecimal net = netPrice();
        String description = discountPercent == null ? null
                : "Remise de " + discountPercent.toPlainString().replace('.', ',') + " % sur le prix unitaire de "
                + unitPrice.toPlainString().replace('.', ',') + " €";
        return new InvoiceLine(String.valueOf(position), label, quantity, unitCode, VatArithmetic.lineNet(quantity, net, null),
                vat.rate(), vat.category(), net, null, description, null);
    }

    /** The same line with another quantity: a partial credit note takes back part of a line. */
    public SalesLine withQuantity(int newPosition, BigDecimal newQuantity) {
        return new SalesLine(newPosition, catalogueItemId, kind, label, unitCode, newQuantity, unitPrice, discountPercent, vat);
    }
}
