package io.einvoice.gateway.invoice;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * EN 16931 calculation rules for documents the gateway composes: every amount has two decimals, rounded half up
 * (BR-DEC-*); a line net amount is quantity × net price ÷ base quantity (BT-131); each VAT breakdown row
 * taxes the lines, allowances and charges of its category and rate (BR-CO-17: tax = taxable × rate ÷ 100, rounded once
 * per row, never per line); the totals add up as BR-CO-10…16 say. Read documents keep their stated amounts.
 */
public final class VatArithmetic {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private VatArithmetic() {
    }

    public static BigDecimal round(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP);
    }

    /** BT-131 = BT-129 × BT-146 ÷ BT-149. */
    public static BigDecimal lineNet(BigDecimal quantity, BigDecimal netPrice, BigDecimal baseQuantity) {
        BigDecimal base = baseQuantity == null || baseQuantity.signum() == 0 ? BigDecimal.ONE : baseQuantity;
        return round(quantity.multiply(netPrice).divide(base, 10, RoundingMode.HALF_UP));
    }

    /** BG-23 from the lines and document allowances/charges; exemption reasons are taken from {@code reasons} by category. */
    public static List<VatBreakdown> breakdown(List<InvoiceLine> lines, List<AllowanceCharge> allowancesCharges,
                                               Map<String, VatBreakdown> reasons) {
        Map<Key, BigDecimal> taxable = new LinkedHashMap<>();
        for (InvoiceLine line : lines) {
            taxable.merge(new Key(category(line.vatCategory()), rate(line.vatRate())), nz(line.netAmount()), BigDecimal::add);
        }
        for (AllowanceCharge ac : allowancesCharges) {
            BigDecimal signed = ac.charge() ? nz(ac.amount()) : nz(ac.amount()).negate();
            taxable.merge(new Key(category(ac.vatCategory()), rate(ac.vatRate())), signed, BigDecimal::add);
        }
        List<VatBreakdown> rows = new ArrayList<>();
        taxable.forEach((key, base) -> {
            VatBreakdown reason = reasons.get(key.category());
            BigDecimal roundedBase = round(base);
            rows.add(new VatBreakdown(roundedBase, round(roundedBase.multiply(key.rate()).divide(HUNDRED)), key.category(),
                    key.rate(), reason == null ? null : reason.exemptionReason(),
                    reason == null ? null : reason.exemptionReasonCode()));
        });
        return rows;
    }

    /** BG-22 from lines, allowances/charges and the VAT breakdown; {@code prepaid} and {@code rounding} may be null. */
    public static Totals totals(List<InvoiceLine> lines, List<AllowanceCharge> allowancesCharges, List<VatBreakdown> vat,
                                BigDecimal prepaid, BigDecimal rounding) {
        BigDecimal lineTotal = round(lines.stream().map(l -> nz(l.netAmount())).reduce(BigDecimal.ZERO, BigDecimal::add));
        BigDecimal allowances = round(sum(allowancesCharges, false));
        BigDecimal charges = round(sum(allowancesCharges, true));
        BigDecimal exclVat = lineTotal.subtract(allowances).add(charges);
        BigDecimal vatTotal = round(vat.stream().map(v -> nz(v.taxAmount())).reduce(BigDecimal.ZERO, BigDecimal::add));
        BigDecimal inclVat = exclVat.add(vatTotal);
        BigDecimal due = inclVat.subtract(nz(prepaid)).add(nz(rounding));
        return new Totals(lineTotal, allowances, charges, exclVat, vatTotal, inclVat, round(prepaid), round(rounding), due);
    }

    /** The invoice with its VAT breakdown and totals computed from its lines and allowances/charges. */
    public static Invoice computed(Invoice invoice) {
        Map<String, VatBreakdown> reasons = new LinkedHashMap<>();
        invoice.vatBreakdown().forEach(v -> reasons.putIfAbsent(v.category(), v));
        List<VatBreakdown> vat = breakdown(invoice.lines(), invoice.allowancesCharges(), reasons);
        Totals stated = invoice.totals();
        Totals totals = totals(invoice.lines(), invoice.allowancesCharges(), vat,
                stated == null ? null : stated.prepaid(), stated == null ? null : stated.rounding());
        return new Invoice(invoice.number(), invoice.type(), invoice.issueDate(), invoice.dueDate(), invoice.currency(),
                invoice.seller(), invoice.buyer(), totals, invoice.lines(), invoice.businessProcess(),
                invoice.specification(), invoice.buyerReference(), invoice.orderReference(), invoice.contractReference(),
                invoice.notes(), invoice.precedingInvoices(), invoice.delivery(), invoice.invoicingPeriod(), invoice.paymentMeans(),
                invoice.paymentTerms(), invoice.allowancesCharges(), vat);
    }

    private static BigDecimal sum(List<AllowanceCharge> allowancesCharges, boolean charge) {
        return allowancesCharges.stream().filter(a -> a.charge() == charge).map(a -> nz(a.amount()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal nz(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static String category(String category) {
        return category == null ? "S" : category;
    }

    /** 20, 20.0 and 20.00 are one rate. */
    private static BigDecimal rate(BigDecimal rate) {
        BigDecimal r = rate == null ? BigDecimal.ZERO : rate.stripTrailingZeros();
        return r.scale() < 0 ? r.setScale(0) : r;
    }

    private record Key(String category, BigDecimal rate) {
        Key {
            Objects.requireNonNull(category);
        }
    }
}
