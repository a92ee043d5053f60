package io.einvoice.gateway.ereporting;

import io.einvoice.gateway.invoice.VatBreakdown;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
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
        StringBuilder x = start(h, period, "TransactionsReport");
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
        return end(x, "TransactionsReport");
    }

    public static byte[] payments(Header h, ReportKind kind, ReportPeriod period, List<ReportedPayment> payments) {
        StringBuilder x = start(h, period, "PaymentsReport");
        if (kind.aggregated()) {
            Map<LocalDate, Map<BigDecimal, BigDecimal>> days = new TreeMap<>();
            for (ReportedPayment p : payments) {
                Map<BigDecimal, BigDecimal> rates = days.computeIfAbsent(p.paidOn(), d -> new TreeMap<>());
                paidPerRate(p.sale()).forEach((rate, amount) -> rates.merge(rate, amount, BigDecimal::add));
            }
            days.forEach((day, rates) -> {
                x.append("<Transactions><Payment>");
                el(x, "Date", day.toString());
                subTotals(x, rates);
                x.append("</Payment></Transactions>");
            });
        } else {
            for (ReportedPayment p : payments) {
                x.append("<Invoice>");
                el(x, "InvoiceID", p.sale().number());
                el(x, "IssueDate", p.sale().issueDate().toString());
                x.append("<Payment>");
                el(x, "Date", p.paidOn().toString());
                subTotals(x, paidPerRate(p.sale()));
                x.append("</Payment></Invoice>");
            }
        }
        return end(x, "PaymentsReport");
    }

    private static StringBuilder start(Header h, ReportPeriod period, String body) {
        StringBuilder x = new StringBuilder(4096).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Report>")
                .append("<ReportDocument>");
        el(x, "Id", h.reportId());
        el(x, "Name", h.name());
        x.append("<IssueDateTime><DateTimeString format=\"204\">")
                .append(h.issuedAt().withOffsetSameInstant(ZoneOffset.UTC).format(STAMP)).append("</DateTimeString></IssueDateTime>");
        el(x, "TypeCode", h.correctsId() == null ? "IN" : "RE");
        if (h.correctsId() != null) {
            x.append("<References>");
            el(x, "ReportId", h.correctsId());
            x.append("</References>");
        }
        party(x, "Sender", h, "CS");
        party(x, "Issuer", h, "MOA");
        x.append("</ReportDocument><").append(body).append("><ReportPeriod>");
        el(x, "StartDate", period.start().toString());
        el(x, "EndDate", period.end().toString());
        return x.append("</ReportPeriod>");
    }

    private static byte[] end(StringBuilder x, String body) {
        return x.append("</").append(body).append("></Report>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void party(StringBuilder x, String element, Header h, String role) {
        x.append('<').append(element).append("><Id schemeId=\"0002\">").append(escape(h.sellerSiren())).append("</Id>");
        el(x, "Name", h.sellerName());
        el(x, "RoleCode", role);
        x.append("</").append(element).append('>');
    }

    private static void invoice(StringBuilder x, ReportedSale s) {
        x.append("<Invoice>");
        el(x, "ID", s.number());
        el(x, "IssueDate", s.issueDate().toString());
        el(x, "TypeCode", s.typeCode());
        el(x, "CurrencyCode", s.currency());
        if (s.businessProcess() != null) {
            x.append("<BusinessProcess>");
            el(x, "ID", s.businessProcess());
            x.append("</BusinessProcess>");
        }
        x.append("<Seller><CompanyId schemeId=\"0002\">").append(escape(s.sellerSiren())).append("</CompanyId>");
        if (s.sellerVat() != null) {
            x.append("<TaxRegistrationId qualifyingId=\"VA\">").append(escape(s.sellerVat())).append("</TaxRegistrationId>");
        }
        x.append("<PostalAddress><CountryId>FR</CountryId></PostalAddress></Seller><Buyer>");
        if (s.buyerVat() != null) {
            x.append("<TaxRegistrationId qualifyingId=\"VA\">").append(escape(s.buyerVat())).append("</TaxRegistrationId>");
        }
        if (s.buyerCountry() != null) {
            x.append("<PostalAddress>");
            el(x, "CountryId", s.buyerCountry());
            x.append("</PostalAddress>");
        }
        x.append("</Buyer><MonetaryTotal>");
        el(x, "TaxExclusiveAmount", amount(s.exclVat()));
        x.append("<TaxAmount CurrencyCode=\"EUR\">").append(amount(s.vat())).append("</TaxAmount></MonetaryTotal>");
        for (VatBreakdown v : s.vatBreakdown()) {
            x.append("<TaxSubTotal>");
            el(x, "TaxableAmount", amount(v.taxableAmount()));
            el(x, "TaxAmount", amount(v.taxAmount()));
            x.append("<TaxCategory>");
            el(x, "Code", v.category());
            el(x, "Percent", amount(rate(v)));
            if (v.exemptionReasonCode() != null) {
                el(x, "TaxExemptionReasonCode", v.exemptionReasonCode());
            }
            x.append("</TaxCategory></TaxSubTotal>");
        }
        x.append("</Invoice>");
    }

    /** One group of the day's B2C sales of one category: credit notes count against it. */
    private static void aggregated(StringBuilder x, List<ReportedSale> group) {
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
        x.append("<Transactions>");
        el(x, "Date", first.issueDate().toString());
        el(x, "CurrencyCode", first.currency());
        el(x, "CategoryCode", first.category());
        el(x, "TaxExclusiveAmount", amount(excl));
        x.append("<TaxTotal CurrencyCode=\"EUR\">").append(amount(vat)).append("</TaxTotal>");
        el(x, "TransactionsCount", String.valueOf(group.size()));
        rates.forEach((rate, sum) -> {
            x.append("<TaxSubTotal>");
            el(x, "TaxableAmount", amount(sum[0]));
            el(x, "TaxAmount", amount(sum[1]));
            x.append("<TaxCategory>");
            el(x, "Percent", amount(rate));
            x.append("</TaxCategory></TaxSubTotal>");
        });
        x.append("</Transactions>");
    }

    /** What was paid per VAT rate: the taxable amount and its VAT (a sale recorded PAID is paid in full). */
    private static Map<BigDecimal, BigDecimal> paidPerRate(ReportedSale s) {
        Map<BigDecimal, BigDecimal> rates = new TreeMap<>();
        for (VatBreakdown v : s.vatBreakdown()) {
            rates.merge(rate(v), nz(v.taxableAmount()).add(nz(v.taxAmount())), BigDecimal::add);
        }
        return rates;
    }

    private static void subTotals(StringBuilder x, Map<BigDecimal, BigDecimal> rates) {
        rates.forEach((rate, paid) -> {
            x.append("<SubTotals>");
            el(x, "TaxPercent", amount(rate));
            el(x, "CurrencyCode", "EUR");
            el(x, "Amount", amount(paid));
            x.append("</SubTotals>");
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

    private static void el(StringBuilder x, String name, String value) {
        x.append('<').append(name).append('>').append(escape(value)).append("</").append(name).append('>');
    }

    private static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    // characters XML 1.0 cannot carry are dropped rather than making the report unreadable
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
