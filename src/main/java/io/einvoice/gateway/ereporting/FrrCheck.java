package io.einvoice.gateway.ereporting;

import io.einvoice.gateway.facturx.SecureXml;
import io.einvoice.gateway.facturx.UnreadableInvoiceException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Structural checks of an e-reporting {@code Report} (flowSyntax FRR). The DGFiP's XSD and rules are not among the
 * published texts in shared/specs, so this is no schema validation: it checks what the writer relies on and what a
 * platform would refuse outright: the root and its two parts, the header's identifiers, one report kind per file,
 * the period, each group's required elements, dates inside the period, amounts with at most two decimals, VAT
 * totals equal to the sum of their rates, categories from the list (TLB1, TPS1, TNT1, TMA1). The PA simulator
 * refuses a file that fails them with {@code InvalidSchema}.
 */
public final class FrrCheck {

    /** What the file is, and what is wrong with it (nothing when it passes). */
    public record Result(Optional<ReportKind> kind, List<String> problems) {
        public boolean passed() {
            return problems.isEmpty();
        }
    }

    private static final Pattern AMOUNT = Pattern.compile("-?\\d{1,15}(\\.\\d{1,2})?");
    private static final Set<String> CATEGORIES = Set.of("TLB1", "TPS1", "TNT1", "TMA1");
    /** Problems beyond this many are not listed: the first ones say enough. */
    private static final int MAX_PROBLEMS = 20;

    private FrrCheck() {
    }

    public static Result check(byte[] xml) {
        List<String> problems = new ArrayList<>();
        Element root;
        try {
            root = SecureXml.parse(xml).getDocumentElement();
        } catch (UnreadableInvoiceException e) {
            return new Result(Optional.empty(), List.of("not readable XML: " + e.getMessage()));
        }
        if (!"Report".equals(root.getLocalName())) {
            return new Result(Optional.empty(), List.of("the root element is " + root.getLocalName() + ", not Report"));
        }
        Element header = child(root, "ReportDocument");
        if (header == null) {
            problems.add("ReportDocument is missing");
        } else {
            required(header, "Id", problems, "ReportDocument");
            String type = text(child(header, "TypeCode"));
            if (!"IN".equals(type) && !"RE".equals(type)) {
                problems.add("ReportDocument/TypeCode is IN (initial) or RE (correction), not '" + type + "'");
            } else if (type.equals("RE") && text(child(child(header, "References"), "ReportId")) == null) {
                problems.add("a correction (RE) names the report it corrects in References/ReportId");
            }
            if (text(child(child(header, "IssueDateTime"), "DateTimeString")) == null) {
                problems.add("ReportDocument/IssueDateTime/DateTimeString is missing");
            }
            Element issuer = child(header, "Issuer");
            String issuerId = text(child(issuer, "Id"));
            if (issuerId == null || !issuerId.matches("\\d{9}")) {
                problems.add("ReportDocument/Issuer/Id is the declarant's SIREN (9 digits)");
            }
        }
        Element transactions = child(root, "TransactionsReport");
        Element payments = child(root, "PaymentsReport");
        if ((transactions == null) == (payments == null)) {
            problems.add("a report has either TransactionsReport or PaymentsReport");
            return new Result(Optional.empty(), problems);
        }
        Element body = transactions != null ? transactions : payments;
        Element periodElement = child(body, "ReportPeriod");
        LocalDate start = date(child(periodElement, "StartDate"), "ReportPeriod/StartDate", problems);
        LocalDate end = date(child(periodElement, "EndDate"), "ReportPeriod/EndDate", problems);
        if (start != null && end != null && end.isBefore(start)) {
            problems.add("ReportPeriod ends before it starts");
        }
        List<Element> invoices = children(body, "Invoice");
        List<Element> groups = children(body, "Transactions");
        if (invoices.isEmpty() == groups.isEmpty()) {
            problems.add("a report carries Invoice elements (10.1, 10.2) or Transactions groups (10.3, 10.4), one kind, at"
                    + " least one");
            return new Result(Optional.empty(), problems);
        }
        ReportKind kind = transactions != null
                ? (invoices.isEmpty() ? ReportKind.B2C_TRANSACTIONS : ReportKind.B2B_INT_TRANSACTIONS)
                : (invoices.isEmpty() ? ReportKind.B2C_PAYMENTS : ReportKind.B2B_INT_PAYMENTS);
        int n = 0;
        for (Element e : invoices.isEmpty() ? groups : invoices) {
            String where = (invoices.isEmpty() ? "Transactions" : "Invoice") + "[" + (++n) + "]";
            switch (kind) {
                case B2B_INT_TRANSACTIONS -> saleInvoice(e, where, start, end, problems);
                case B2C_TRANSACTIONS -> saleGroup(e, where, start, end, problems);
                default -> payment(e, kind, where, start, end, problems);
            }
            if (problems.size() >= MAX_PROBLEMS) {
                problems.add("(further problems not listed)");
                break;
            }
        }
        return new Result(Optional.of(kind), problems);
    }

    private static void saleInvoice(Element e, String where, LocalDate start, LocalDate end, List<String> problems) {
        required(e, "ID", problems, where);
        within(date(child(e, "IssueDate"), where + "/IssueDate", problems), start, end, where + "/IssueDate", problems);
        required(e, "TypeCode", problems, where);
        required(e, "CurrencyCode", problems, where);
        if (text(child(child(e, "Seller"), "CompanyId")) == null) {
            problems.add(where + "/Seller/CompanyId is missing");
        }
        Element total = child(e, "MonetaryTotal");
        BigDecimal vat = amount(child(total, "TaxAmount"), where + "/MonetaryTotal/TaxAmount", problems);
        eur(child(total, "TaxAmount"), where + "/MonetaryTotal/TaxAmount", problems);
        subTotals(e, vat, where, problems);
    }

    private static void saleGroup(Element e, String where, LocalDate start, LocalDate end, List<String> problems) {
        within(date(child(e, "Date"), where + "/Date", problems), start, end, where + "/Date", problems);
        required(e, "CurrencyCode", problems, where);
        String category = text(child(e, "CategoryCode"));
        if (category == null || !CATEGORIES.contains(category)) {
            problems.add(where + "/CategoryCode is one of " + CATEGORIES + ", not '" + category + "'");
        }
        amount(child(e, "TaxExclusiveAmount"), where + "/TaxExclusiveAmount", problems);
        BigDecimal vat = amount(child(e, "TaxTotal"), where + "/TaxTotal", problems);
        eur(child(e, "TaxTotal"), where + "/TaxTotal", problems);
        String count = text(child(e, "TransactionsCount"));
        if (count == null || !count.matches("[1-9]\\d{0,8}")) {
            problems.add(where + "/TransactionsCount is a positive whole number");
        }
        subTotals(e, vat, where, problems);
    }

    private static void payment(Element e, ReportKind kind, String where, LocalDate start, LocalDate end,
                                List<String> problems) {
        if (kind == ReportKind.B2B_INT_PAYMENTS) {
            required(e, "InvoiceID", problems, where);
            date(child(e, "IssueDate"), where + "/IssueDate", problems);
        }
        Element payment = child(e, "Payment");
        within(date(child(payment, "Date"), where + "/Payment/Date", problems), start, end, where + "/Payment/Date", problems);
        List<Element> subTotals = children(payment, "SubTotals");
        if (subTotals.isEmpty()) {
            problems.add(where + "/Payment has no SubTotals");
        }
        for (Element s : subTotals) {
            amount(child(s, "TaxPercent"), where + "/Payment/SubTotals/TaxPercent", problems);
            amount(child(s, "Amount"), where + "/Payment/SubTotals/Amount", problems);
        }
    }

    /** Each rate's taxable amount, VAT and percent; their VAT adds up to the total. */
    private static void subTotals(Element e, BigDecimal vat, String where, List<String> problems) {
        List<Element> rates = children(e, "TaxSubTotal");
        if (rates.isEmpty()) {
            problems.add(where + " has no TaxSubTotal (VAT per rate)");
            return;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (Element r : rates) {
            amount(child(r, "TaxableAmount"), where + "/TaxSubTotal/TaxableAmount", problems);
            BigDecimal tax = amount(child(r, "TaxAmount"), where + "/TaxSubTotal/TaxAmount", problems);
            amount(child(child(r, "TaxCategory"), "Percent"), where + "/TaxSubTotal/TaxCategory/Percent", problems);
            sum = tax == null ? sum : sum.add(tax);
        }
        if (vat != null && sum.compareTo(vat) != 0) {
            problems.add(where + ": the VAT per rate adds up to " + sum.toPlainString() + ", the total says "
                    + vat.toPlainString());
        }
    }

    private static void eur(Element e, String where, List<String> problems) {
        if (e != null && !"EUR".equals(e.getAttribute("CurrencyCode"))) {
            problems.add(where + " is in EUR (CurrencyCode=\"EUR\")");
        }
    }

    private static BigDecimal amount(Element e, String where, List<String> problems) {
        String value = text(e);
        if (value == null || !AMOUNT.matcher(value).matches()) {
            problems.add(where + (value == null ? " is missing" : " is an amount with at most two decimals, not '"
                    + cut(value) + "'"));
            return null;
        }
        return new BigDecimal(value);
    }

    private static LocalDate date(Element e, String where, List<String> problems) {
        String value = text(e);
        try {
            if (value != null) {
                return LocalDate.parse(value);
            }
        } catch (DateTimeParseException ignored) {
            // said below
        }
        problems.add(where + (value == null ? " is missing" : " is a date (YYYY-MM-DD), not '" + cut(value) + "'"));
        return null;
    }

    private static void within(LocalDate day, LocalDate start, LocalDate end, String where, List<String> problems) {
        if (day != null && start != null && end != null && (day.isBefore(start) || day.isAfter(end))) {
            problems.add(where + " " + day + " is outside the reported period " + start + " to " + end);
        }
    }

    private static void required(Element parent, String name, List<String> problems, String where) {
        if (text(child(parent, name)) == null) {
            problems.add(where + "/" + name + " is missing");
        }
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent != null) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && name.equals(e.getLocalName())) {
                    found.add(e);
                }
            }
        }
        return found;
    }

    private static String text(Element e) {
        if (e == null) {
            return null;
        }
        String value = e.getTextContent().strip();
        return value.isEmpty() ? null : value;
    }

    private static String cut(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
