package io.einvoice.gateway.ereporting;

import io.einvoice.gateway.invoice.VatBreakdown;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayOutputStream;
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
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

    private FrrWriter() {
    }

    public static byte[] transactions(Header h, ReportKind kind, ReportPeriod period, List<ReportedSale> sales) {
        ReportXml x = start(h, period, "TransactionsReport");
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
        ReportXml x = start(h, period, "PaymentsReport");
        if (kind.aggregated()) {
            Map<LocalDate, Map<BigDecimal, BigDecimal>> days = new TreeMap<>();
            for (ReportedPayment p : payments) {
                Map<BigDecimal, BigDecimal> rates = days.computeIfAbsent(p.paidOn(), d -> new TreeMap<>());
                paidPerRate(p.sale()).forEach((rate, amount) -> rates.merge(rate, amount, BigDecimal::add));
            }
            days.forEach((day, rates) -> {
                x.open("Transactions").open("Payment");
                x.el("Date", day.toString());
                subTotals(x, rates);
                x.close().close();
            });
        } else {
            for (ReportedPayment p : payments) {
                x.open("Invoice");
                x.el("InvoiceID", p.sale().number());
                x.el("IssueDate", p.sale().issueDate().toString());
                x.open("Payment");
                x.el("Date", p.paidOn().toString());
                subTotals(x, paidPerRate(p.sale()));
                x.close().close();
            }
        }
        return x.finish();
    }

    private static ReportXml start(Header h, ReportPeriod period, String body) {
        ReportXml x = new ReportXml();
        x.open("Report").open("ReportDocument");
        x.el("Id", h.reportId());
        x.el("Name", h.name());
        x.open("IssueDateTime").open("DateTimeString").attribute("format", "204")
                .text(h.issuedAt().withOffsetSameInstant(ZoneOffset.UTC).format(STAMP)).close().close();
        x.el("TypeCode", h.correctsId() == null ? "IN" : "RE");
        if (h.correctsId() != null) {
            x.open("References");
            x.el("ReportId", h.correctsId());
            x.close();
        }
        party(x, "Sender", h, "CS");
        party(x, "Issuer", h, "MOA");
        x.close().open(body).open("ReportPeriod");
        x.el("StartDate", period.start().toString());
        x.el("EndDate", period.end().toString());
        return x.close();
    }

    private static void party(ReportXml x, String element, Header h, String role) {
        x.open(element);
        x.el("Id", "schemeId", "0002", h.sellerSiren());
        x.el("Name", h.sellerName());
        x.el("RoleCode", role);
        x.close();
    }

    private static void invoice(ReportXml x, ReportedSale s) {
        x.open("Invoice");
        x.el("ID", s.number());
        x.el("IssueDate", s.issueDate().toString());
        x.el("TypeCode", s.typeCode());
        x.el("CurrencyCode", s.currency());
        if (s.businessProcess() != null) {
            x.open("BusinessProcess");
            x.el("ID", s.businessProcess());
            x.close();
        }
        x.open("Seller");
        x.el("CompanyId", "schemeId", "0002", s.sellerSiren());
        if (s.sellerVat() != null) {
            x.el("TaxRegistrationId", "qualifyingId", "VA", s.sellerVat());
        }
        x.open("PostalAddress");
        x.el("CountryId", "FR");
        x.close().close().open("Buyer");
        if (s.buyerVat() != null) {
            x.el("TaxRegistrationId", "qualifyingId", "VA", s.buyerVat());
        }
        if (s.buyerCountry() != null) {
            x.open("PostalAddress");
            x.el("CountryId", s.buyerCountry());
            x.close();
        }
        x.close().open("MonetaryTotal");
        x.el("TaxExclusiveAmount", amount(s.exclVat()));
        x.el("TaxAmount", "CurrencyCode", "EUR", amount(s.vat()));
        x.close();
        for (VatBreakdown v : s.vatBreakdown()) {
            x.open("TaxSubTotal");
            x.el("TaxableAmount", amount(v.taxableAmount()));
            x.el("TaxAmount", amount(v.taxAmount()));
            x.open("TaxCategory");
            x.el("Code", v.category());
            x.el("Percent", amount(rate(v)));
            if (v.exemptionReasonCode() != null) {
                x.el("TaxExemptionReasonCode", v.exemptionReasonCode());
            }
            x.close().close();
        }
        x.close();
    }

    /** One group of the day's B2C sales of one category: credit notes count against it. */
    private static void aggregated(ReportXml x, List<ReportedSale> group) {
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
        x.open("Transactions");
        x.el("Date", first.issueDate().toString());
        x.el("CurrencyCode", first.currency());
        x.el("CategoryCode", first.category());
        x.el("TaxExclusiveAmount", amount(excl));
        x.el("TaxTotal", "CurrencyCode", "EUR", amount(vat));
        x.el("TransactionsCount", String.valueOf(group.size()));
        rates.forEach((rate, sum) -> {
            x.open("TaxSubTotal");
            x.el("TaxableAmount", amount(sum[0]));
            x.el("TaxAmount", amount(sum[1]));
            x.open("TaxCategory");
            x.el("Percent", amount(rate));
            x.close().close();
        });
        x.close();
    }

    /** What was paid per VAT rate: the taxable amount and its VAT (a sale recorded PAID is paid in full). */
    private static Map<BigDecimal, BigDecimal> paidPerRate(ReportedSale s) {
        Map<BigDecimal, BigDecimal> rates = new TreeMap<>();
        for (VatBreakdown v : s.vatBreakdown()) {
            rates.merge(rate(v), nz(v.taxableAmount()).add(nz(v.taxAmount())), BigDecimal::add);
        }
        return rates;
    }

    private static void subTotals(ReportXml x, Map<BigDecimal, BigDecimal> rates) {
        rates.forEach((rate, paid) -> {
            x.open("SubTotals");
            x.el("TaxPercent", amount(rate));
            x.el("CurrencyCode", "EUR");
            x.el("Amount", amount(paid));
            x.close();
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

    /**
     * The report being written, through StAX (which escapes); its methods chain and fail unchecked, since a writer
     * over a byte array fails only on a bug.
     */
    private static final class ReportXml {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        private final XMLStreamWriter writer;

        ReportXml() {
            try {
                writer = OUTPUT.createXMLStreamWriter(bytes, "UTF-8");
                writer.writeStartDocument("UTF-8", "1.0");
                writer.writeCharacters("\n");
            } catch (XMLStreamException e) {
                throw new IllegalStateException("cannot start the report's XML", e);
            }
        }

        ReportXml open(String name) {
            return write(() -> writer.writeStartElement(name));
        }

        ReportXml attribute(String name, String value) {
            return write(() -> writer.writeAttribute(name, value));
        }

        ReportXml text(String value) {
            return write(() -> writer.writeCharacters(xmlChars(value)));
        }

        ReportXml close() {
            return write(writer::writeEndElement);
        }

        void el(String name, String value) {
            open(name).text(value).close();
        }

        void el(String name, String attribute, String attributeValue, String value) {
            open(name).attribute(attribute, attributeValue).text(value).close();
        }

        byte[] finish() {
            write(() -> {
                writer.writeEndDocument();
                writer.writeCharacters("\n");
                writer.close();
            });
            return bytes.toByteArray();
        }

        private interface Step {
            void run() throws XMLStreamException;
        }

        private ReportXml write(Step step) {
            try {
                step.run();
                return this;
            } catch (XMLStreamException e) {
                throw new IllegalStateException("cannot write the report's XML", e);
            }
        }

        /** Characters XML 1.0 cannot carry are dropped rather than making the report unreadable. */
        private static String xmlChars(String value) {
            if (value == null) {
                return "";
            }
            StringBuilder out = new StringBuilder(value.length());
            value.chars().filter(c -> c >= 0x20 || c == '\t' || c == '\n' || c == '\r').forEach(out::appendCodePoint);
            return out.toString();
        }
    }
}
