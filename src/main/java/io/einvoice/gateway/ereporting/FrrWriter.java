package io.einvoice.gateway.ereporting;

import io.einvoice.gateway.facturx.XmlOut;
import io.einvoice.gateway.invoice.VatBreakdown;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes an e-reporting flow in the DGFiP's {@code Report} format (flowSyntax {@code FRR}, "Spécifications externes"
 * of the PPF, as public clients and the vendors' mapping tables show it; the schema itself is not in shared/specs):
 * {@code ReportDocument} (TT-1.., the declarant as issuer), then {@code TransactionsReport} or {@code PaymentsReport}
 * with the {@code ReportPeriod} and, per flow: 10.1 one {@code Invoice} per sale, 10.2 one {@code Invoice} per paid
 * sale, 10.3 one {@code Transactions} group per day, category and currency, 10.4 one {@code Transactions} group per
 * payment day. Amounts have two decimals; VAT is in EUR. A correction has {@code TypeCode} RE and names the report it
 * corrects.
 */
public final class FrrWriter {

    /** Who reports: the dossier (the taxable person) through the gateway. */
    public record Header(String reportId, String name, OffsetDateTime issuedAt, String correctsId, String sellerSiren,
                         String sellerName) {
    }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private FrrWriter() {
    }

    public static byte[] transactions(Header h, ReportKind kind, ReportPeriod period, List<ReportedSale> sales) {
        XmlOut x = start(h, period, "TransactionsReport");
        if (kind.aggregated()) {
            // day, category, currency -> the day's sales: TT-77, TT-81, TT-78
            Map<String, List<ReportedSale>> groups = new TreeMap<>();
            for (ReportedSale s : sales) {
                groups.computeIfAbsent(s.issueDate() + "|" + s.category() + "|" + s.currency(), k -> new ArrayList<>())
                        .add(s);
            }
            groups.forEach((key, group) -> aggregated(x, group));
        } else {
            sales.forEach(s -> invoice(x, s));
        }
        return x.finish();
    }

    public static byte[] payments(Header h, ReportKind kind, ReportPeriod period, List<ReportedPayment> payments) {
        XmlOut x = start(h, period, "PaymentsReport");
        if (kind.aggregated()) {
            Map<LocalDate, Map<BigDecimal, BigDecimal>> days = new TreeMap<>();
            for (ReportedPayment p : payments) {
                Map<BigDecimal, BigDecimal> rates = days.computeIfAbsent(p.paidOn(), d -> new TreeMap<>());
                paidPerRate(p.sale()).forEach((rate, amount) -> rates.merge(rate, amount, BigDecimal::add));
            }
            days.forEach((day, rates) -> {
                x.start("Transactions").start("Payment");
                x.leaf("Date", day.toString());
                subTotals(x, rates);
                x.end().end();
            });
        } else {
            for (ReportedPayment p : payments) {
                x.start("Invoice");
                x.leaf("InvoiceID", p.sale().number());
                x.leaf("IssueDate", p.sale().issueDate().toString());
                x.start("Payment");
                x.leaf("Date", p.paidOn().toString());
                subTotals(x, paidPerRate(p.sale()));
                x.end().end();
            }
        }
        return x.finish();
    }

    private static XmlOut start(Header h, ReportPeriod period, String body) {
        XmlOut x = new XmlOut(Map.of()).root("Report").start("ReportDocument");
        x.leaf("Id", h.reportId());
        x.leaf("Name", h.name());
        x.start("IssueDateTime").start("DateTimeString").attribute("format", "204")
                .text(h.issuedAt().withOffsetSameInstant(ZoneOffset.UTC).format(STAMP)).end().end();
        x.leaf("TypeCode", h.correctsId() == null ? "IN" : "RE");
        if (h.correctsId() != null) {
            x.start("References");
            x.leaf("ReportId", h.correctsId());
            x.end();
        }
        party(x, "Sender", h, "CS");
        party(x, "Issuer", h, "MOA");
        x.end().start(body).start("ReportPeriod");
        x.leaf("StartDate", period.start().toString());
        x.leaf("EndDate", period.end().toString());
        return x.end();
    }

    private static void party(XmlOut x, String element, Header h, String role) {
        x.start(element);
        x.leaf("Id", h.sellerSiren(), "schemeId", "0002");
        x.leaf("Name", h.sellerName());
        x.leaf("RoleCode", role);
        x.end();
    }

    private static void invoice(XmlOut x, ReportedSale s) {
        x.start("Invoice");
        x.leaf("ID", s.number());
        x.leaf("IssueDate", s.issueDate().toString());
        x.leaf("TypeCode", s.typeCode());
        x.leaf("CurrencyCode", s.currency());
        if (s.businessProcess() != null) {
            x.start("BusinessProcess");
            x.leaf("ID", s.businessProcess());
            x.end();
        }
        x.start("Seller");
        x.leaf("CompanyId", s.sellerSiren(), "schemeId", "0002");
        if (s.sellerVat() != null) {
            x.leaf("TaxRegistrationId", s.sellerVat(), "qualifyingId", "VA");
        }
        x.start("PostalAddress");
        x.leaf("CountryId", "FR");
        x.end().end().start("Buyer");
        if (s.buyerVat() != null) {
            x.leaf("TaxRegistrationId", s.buyerVat(), "qualifyingId", "VA");
        }
        if (s.buyerCountry() != null) {
            x.start("PostalAddress");
            x.leaf("CountryId", s.buyerCountry());
            x.end();
        }
        x.end().start("MonetaryTotal");
        x.leaf("TaxExclusiveAmount", amount(s.exclVat()));
        x.leaf("TaxAmount", amount(s.vat()), "CurrencyCode", "EUR");
        x.end();
        for (VatBreakdown v : s.vatBreakdown()) {
            x.start("TaxSubTotal");
            x.leaf("TaxableAmount", amount(v.taxableAmount()));
            x.leaf("TaxAmount", amount(v.taxAmount()));
            x.start("TaxCategory");
            x.leaf("Code", v.category());
            x.leaf("Percent", amount(rate(v)));
            if (v.exemptionReasonCode() != null) {
                x.leaf("TaxExemptionReasonCode", v.exemptionReasonCode());
            }
            x.end().end();
        }
        x.end();
    }

    /** One group of the day's B2C sales of one category: credit notes count against it. */
    private static void aggregated(XmlOut x, List<ReportedSale> group) {
        ReportedSale first = group.get(0);
        BigDecimal excl = BigDecimal.ZERO;
        Map<BigDecimal, BigDecimal[]> rates = new TreeMap<>();
        for (ReportedSale s : group) {
            BigDecimal sign = s.credit() ? BigDecimal.ONE.negate() : BigDecimal.ONE;
            excl = excl.add(sign.multiply(nz(s.exclVat())));
            for (VatBreakdown v : s.vatBreakdown()) {
                BigDecimal[] sum = rates.computeIfAbsent(rate(v), r -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                sum[0] = sum[0].add(sign.multiply(nz(v.taxableAmount())));
                sum[1] = sum[1].add(sign.multiply(nz(v.taxAmount())));
            }
        }
        BigDecimal vat = rates.values().stream().map(r -> r[1]).reduce(BigDecimal.ZERO, BigDecimal::add);
        x.start("Transactions");
        x.leaf("Date", first.issueDate().toString());
        x.leaf("CurrencyCode", first.currency());
        x.leaf("CategoryCode", first.category());
        x.leaf("TaxExclusiveAmount", amount(excl));
        x.leaf("TaxTotal", amount(vat), "CurrencyCode", "EUR");
        x.leaf("TransactionsCount", String.valueOf(group.size()));
        rates.forEach((rate, sum) -> {
            x.start("TaxSubTotal");
            x.leaf("TaxableAmount", amount(sum[0]));
            x.leaf("TaxAmount", amount(sum[1]));
            x.start("TaxCategory");
            x.leaf("Percent", amount(rate));
            x.end().end();
        });
        x.end();
    }

    /** What was paid per VAT rate: the taxable amount and its VAT (a sale recorded PAID is paid in full). */
    private static Map<BigDecimal, BigDecimal> paidPerRate(ReportedSale s) {
        Map<BigDecimal, BigDecimal> rates = new TreeMap<>();
        for (VatBreakdown v : s.vatBreakdown()) {
            rates.merge(rate(v), nz(v.taxableAmount()).add(nz(v.taxAmount())), BigDecimal::add);
        }
        return rates;
    }

    private static void subTotals(XmlOut x, Map<BigDecimal, BigDecimal> rates) {
        rates.forEach((rate, paid) -> {
            x.start("SubTotals");
            x.leaf("TaxPercent", amount(rate));
            x.leaf("CurrencyCode", "EUR");
            x.leaf("Amount", amount(paid));
            x.end();
        });
    }

    private static BigDecimal rate(VatBreakdown v) {
        return nz(v.rate()).setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal nz(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    static String amount(BigDecimal value) {
        return nz(value).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

}
