package io.einvoice.gateway.facturx;

import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.InvoiceLine;
import io.einvoice.gateway.invoice.InvoiceType;
import io.einvoice.gateway.invoice.Party;
import io.einvoice.gateway.invoice.Totals;
import org.w3c.dom.Element;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Reads a Cross Industry Invoice into the canonical {@link Invoice}: CII D16B (Factur-X, ZUGFeRD 2, bare CII) and
 * ZUGFeRD 1, whose document has the same shape under older element names.
 */
final class CiiInvoiceMapper {

    /** The element names that differ between the two CII generations; everything else is shared. */
    private record Vocabulary(Map<String, String> namespaces, String context, String header, String transaction,
                              String agreement, String settlement, String summation, String lineDelivery,
                              String lineSettlement, String lineSummation, String lineRate) {
    }

    static final CiiInvoiceMapper D16B = new CiiInvoiceMapper(new Vocabulary(Map.of(
            "rsm", "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
            "ram", "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
            "udt", "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"),
            "rsm:ExchangedDocumentContext", "rsm:ExchangedDocument", "rsm:SupplyChainTradeTransaction",
            "ram:ApplicableHeaderTradeAgreement", "ram:ApplicableHeaderTradeSettlement",
            "ram:SpecifiedTradeSettlementHeaderMonetarySummation", "ram:SpecifiedLineTradeDelivery",
            "ram:SpecifiedLineTradeSettlement", "ram:SpecifiedTradeSettlementLineMonetarySummation",
            "ram:RateApplicablePercent"));

    static final CiiInvoiceMapper ZUGFERD_1 = new CiiInvoiceMapper(new Vocabulary(Map.of(
            "rsm", "urn:ferd:CrossIndustryDocument:invoice:1p0",
            "ram", "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:12",
            "udt", "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:15"),
            "rsm:SpecifiedExchangedDocumentContext", "rsm:HeaderExchangedDocument", "rsm:SpecifiedSupplyChainTradeTransaction",
            "ram:ApplicableSupplyChainTradeAgreement", "ram:ApplicableSupplyChainTradeSettlement",
            "ram:SpecifiedTradeSettlementMonetarySummation", "ram:SpecifiedSupplyChainTradeDelivery",
            "ram:SpecifiedSupplyChainTradeSettlement", "ram:SpecifiedTradeSettlementMonetarySummation",
            "ram:ApplicablePercent"));

    private final Vocabulary v;

    private CiiInvoiceMapper(Vocabulary vocabulary) {
        this.v = vocabulary;
    }

    String profile(Element root) {
        return query().text(root, v.context() + "/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID");
    }

    Invoice map(Element root) {
        XmlQuery q = query();
        Element transaction = q.element(root, v.transaction());
        // lines first: they are cut out of the tree, which keeps every later query small (see XmlQuery.detachedElements)
        List<InvoiceLine> lines = transaction == null ? List.of() : lines(q, transaction);
        Element header = q.element(root, v.header());
        Element agreement = transaction == null ? null : q.element(transaction, v.agreement());
        Element settlement = transaction == null ? null : q.element(transaction, v.settlement());
        String currency = text(q, settlement, "ram:InvoiceCurrencyCode");
        return new Invoice(
                text(q, header, "ram:ID"),
                InvoiceType.fromCode(text(q, header, "ram:TypeCode")),
                date(q, header, "ram:IssueDateTime/udt:DateTimeString"),
                date(q, settlement, "ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/udt:DateTimeString"),
                currency,
                party(q, agreement, "ram:SellerTradeParty"),
                party(q, agreement, "ram:BuyerTradeParty"),
                totals(q, settlement == null ? null : q.element(settlement, v.summation()), currency),
                lines);
    }

    private XmlQuery query() {
        return new XmlQuery(v.namespaces());
    }

    private static Party party(XmlQuery q, Element agreement, String role) {
        Element party = agreement == null ? null : q.element(agreement, role);
        if (party == null) {
            return Party.unknown();
        }
        PartyIdentifiers ids = new PartyIdentifiers();
        for (String path : List.of("ram:SpecifiedLegalOrganization/ram:ID", "ram:GlobalID")) {
            for (Element id : q.elements(party, path)) {
                ids.add(id.getAttribute("schemeID"), id.getTextContent());
            }
        }
        return ids.toParty(q.text(party, "ram:Name"), q.text(party, "ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']"));
    }

    private static Totals totals(XmlQuery q, Element summation, String currency) {
        if (summation == null) {
            return new Totals(null, null, null, null);
        }
        return new Totals(
                q.decimal(summation, "ram:TaxBasisTotalAmount"),
                VatTotal.inDocumentCurrency(q.elements(summation, "ram:TaxTotalAmount"), currency),
                q.decimal(summation, "ram:GrandTotalAmount"),
                q.decimal(summation, "ram:DuePayableAmount"));
    }

    private List<InvoiceLine> lines(XmlQuery q, Element transaction) {
        return q.detachedElements(transaction, "ram:IncludedSupplyChainTradeLineItem").stream().map(line -> {
            Element quantity = q.element(line, v.lineDelivery() + "/ram:BilledQuantity");
            return new InvoiceLine(
                    q.text(line, "ram:AssociatedDocumentLineDocument/ram:LineID"),
                    q.text(line, "ram:SpecifiedTradeProduct/ram:Name"),
                    quantity == null ? null : XmlQuery.decimal(quantity.getTextContent(), "BilledQuantity"),
                    quantity == null || quantity.getAttribute("unitCode").isEmpty() ? null : quantity.getAttribute("unitCode"),
                    q.decimal(line, v.lineSettlement() + "/" + v.lineSummation() + "/ram:LineTotalAmount"),
                    q.decimal(line, v.lineSettlement() + "/ram:ApplicableTradeTax/" + v.lineRate()));
        }).toList();
    }

    private static String text(XmlQuery q, Element context, String path) {
        return context == null ? null : q.text(context, path);
    }

    private static LocalDate date(XmlQuery q, Element context, String path) {
        Element element = context == null ? null : q.element(context, path);
        return element == null ? null : CiiDates.parse(element.getTextContent(), element.getAttribute("format"));
    }
}
