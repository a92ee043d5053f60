package io.einvoice.gateway.facturx;

import io.einvoice.gateway.invoice.AllowanceCharge;
import io.einvoice.gateway.invoice.Contact;
import io.einvoice.gateway.invoice.Delivery;
import io.einvoice.gateway.invoice.DirectDebit;
import io.einvoice.gateway.invoice.ElectronicAddress;
import io.einvoice.gateway.invoice.Identifier;
import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.InvoiceLine;
import io.einvoice.gateway.invoice.InvoiceType;
import io.einvoice.gateway.invoice.Note;
import io.einvoice.gateway.invoice.Party;
import io.einvoice.gateway.invoice.PaymentMeans;
import io.einvoice.gateway.invoice.Period;
import io.einvoice.gateway.invoice.PostalAddress;
import io.einvoice.gateway.invoice.PrecedingInvoice;
import io.einvoice.gateway.invoice.Totals;
import io.einvoice.gateway.invoice.VatBreakdown;
import org.w3c.dom.Element;

import java.time.LocalDate;
import java.util.ArrayList;
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
                              String lineSettlement, String lineSummation, String lineRate, String delivery,
                              String lineAgreement) {
    }

    static final CiiInvoiceMapper D16B = new CiiInvoiceMapper(new Vocabulary(Map.of(
            "rsm", "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
            "ram", "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
            "udt", "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"),
            "rsm:ExchangedDocumentContext", "rsm:ExchangedDocument", "rsm:SupplyChainTradeTransaction",
            "ram:ApplicableHeaderTradeAgreement", "ram:ApplicableHeaderTradeSettlement",
            "ram:SpecifiedTradeSettlementHeaderMonetarySummation", "ram:SpecifiedLineTradeDelivery",
            "ram:SpecifiedLineTradeSettlement", "ram:SpecifiedTradeSettlementLineMonetarySummation",
            "ram:RateApplicablePercent", "ram:ApplicableHeaderTradeDelivery", "ram:SpecifiedLineTradeAgreement"));

    static final CiiInvoiceMapper ZUGFERD_1 = new CiiInvoiceMapper(new Vocabulary(Map.of(
            "rsm", "urn:ferd:CrossIndustryDocument:invoice:1p0",
            "ram", "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:12",
            "udt", "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:15"),
            "rsm:SpecifiedExchangedDocumentContext", "rsm:HeaderExchangedDocument", "rsm:SpecifiedSupplyChainTradeTransaction",
            "ram:ApplicableSupplyChainTradeAgreement", "ram:ApplicableSupplyChainTradeSettlement",
            "ram:SpecifiedTradeSettlementMonetarySummation", "ram:SpecifiedSupplyChainTradeDelivery",
            "ram:SpecifiedSupplyChainTradeSettlement", "ram:SpecifiedTradeSettlementMonetarySummation",
            "ram:ApplicablePercent", "ram:ApplicableSupplyChainTradeDelivery", "ram:SpecifiedSupplyChainTradeAgreement"));

    private static final java.util.Set<String> NOT_INVOICED = java.util.Set.of("DETAIL", "INFORMATION");

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
        Element context = q.element(root, v.context());
        Element header = q.element(root, v.header());
        Element agreement = transaction == null ? null : q.element(transaction, v.agreement());
        Element delivery = transaction == null ? null : q.element(transaction, v.delivery());
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
                lines,
                text(q, context, "ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID"),
                text(q, context, "ram:GuidelineSpecifiedDocumentContextParameter/ram:ID"),
                text(q, agreement, "ram:BuyerReference"),
                text(q, agreement, "ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID"),
                text(q, agreement, "ram:ContractReferencedDocument/ram:IssuerAssignedID"),
                header == null ? List.of() : q.elements(header, "ram:IncludedNote").stream()
                        .map(n -> new Note(q.text(n, "ram:SubjectCode"), joined(q, n, "ram:Content"))).toList(),
                settlement == null ? List.of() : q.elements(settlement, "ram:InvoiceReferencedDocument").stream()
                        .map(d -> new PrecedingInvoice(q.text(d, "ram:IssuerAssignedID"),
                                date(q, d, "ram:FormattedIssueDateTime/*[local-name()='DateTimeString']"))).toList(),
                delivery(q, delivery),
                settlement == null || q.element(settlement, "ram:BillingSpecifiedPeriod") == null ? null : new Period(
                        date(q, settlement, "ram:BillingSpecifiedPeriod/ram:StartDateTime/udt:DateTimeString"),
                        date(q, settlement, "ram:BillingSpecifiedPeriod/ram:EndDateTime/udt:DateTimeString")),
                paymentMeans(q, settlement),
                joinedOrNull(q, settlement, "ram:SpecifiedTradePaymentTerms/ram:Description"),
                settlement == null ? List.of() : q.elements(settlement, "ram:SpecifiedTradeAllowanceCharge").stream()
                        .map(a -> allowanceCharge(q, a)).toList(),
                settlement == null ? List.of() : q.elements(settlement, "ram:ApplicableTradeTax").stream()
                        .map(t -> new VatBreakdown(q.decimal(t, "ram:BasisAmount"), q.decimal(t, "ram:CalculatedAmount"),
                                q.text(t, "ram:CategoryCode"), q.decimal(t, v.lineRate()), q.text(t, "ram:ExemptionReason"),
                                q.text(t, "ram:ExemptionReasonCode"))).toList());
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
        Party identified = ids.toParty(q.text(party, "ram:Name"), q.text(party, "ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']"));
        Element uri = q.element(party, "ram:URIUniversalCommunication/ram:URIID");
        Element contact = q.element(party, "ram:DefinedTradeContact");
        List<Identifier> others = new ArrayList<>();
        q.elements(party, "ram:ID").forEach(id -> others.add(new Identifier(null, id.getTextContent().strip())));
        q.elements(party, "ram:GlobalID").stream().filter(id -> !Party.SIRET_SCHEME.equals(id.getAttribute("schemeID").strip()))
                .forEach(id -> others.add(new Identifier(emptyToNull(id.getAttribute("schemeID")), id.getTextContent().strip())));
        Element legal = q.element(party, "ram:SpecifiedLegalOrganization/ram:ID");
        return new Party(identified.name(), identified.siren(), identified.siret(), identified.vatId(),
                q.text(party, "ram:SpecifiedLegalOrganization/ram:TradingBusinessName"),
                uri == null || uri.getTextContent().isBlank() ? null
                        : new ElectronicAddress(emptyToNull(uri.getAttribute("schemeID")), uri.getTextContent().strip()),
                address(q, q.element(party, "ram:PostalTradeAddress")),
                contact == null ? null : new Contact(q.text(contact, "ram:PersonName"),
                        q.text(contact, "ram:TelephoneUniversalCommunication/ram:CompleteNumber"),
                        q.text(contact, "ram:EmailURIUniversalCommunication/ram:URIID")),
                others,
                legal == null || legal.getTextContent().isBlank() || PartyIdentifiers.SIREN_SCHEME.equals(legal.getAttribute("schemeID").strip())
                        ? null : new Identifier(emptyToNull(legal.getAttribute("schemeID")), legal.getTextContent().strip()),
                q.text(party, "ram:SpecifiedTaxRegistration/ram:ID[@schemeID='FC']"));
    }

    private static PostalAddress address(XmlQuery q, Element a) {
        return a == null ? null : new PostalAddress(q.text(a, "ram:LineOne"), q.text(a, "ram:LineTwo"), q.text(a, "ram:LineThree"),
                q.text(a, "ram:CityName"), q.text(a, "ram:PostcodeCode"), q.text(a, "ram:CountrySubDivisionName"),
                q.text(a, "ram:CountryID"));
    }

    private static Delivery delivery(XmlQuery q, Element delivery) {
        if (delivery == null) {
            return null;
        }
        Element shipTo = q.element(delivery, "ram:ShipToTradeParty");
        LocalDate date = date(q, delivery, "ram:ActualDeliverySupplyChainEvent/ram:OccurrenceDateTime/udt:DateTimeString");
        if (shipTo == null && date == null) {
            return null;
        }
        return new Delivery(shipTo == null ? null : q.text(shipTo, "ram:Name"),
                shipTo == null ? null : q.text(shipTo, "ram:ID"), date,
                shipTo == null ? null : address(q, q.element(shipTo, "ram:PostalTradeAddress")));
    }

    /**
     * BT-83 sits once at settlement level in CII; each payment means carries it in the model. So do BT-89 (in the payment
     * terms) and BT-90 (in the settlement) of BG-19, whose BT-91 sits in the means (see {@link DirectDebitPlacement}).
     */
    private static List<PaymentMeans> paymentMeans(XmlQuery q, Element settlement) {
        if (settlement == null) {
            return List.of();
        }
        String remittance = q.text(settlement, "ram:PaymentReference");
        List<PaymentMeans> means = q.elements(settlement, "ram:SpecifiedTradeSettlementPaymentMeans").stream().map(m -> new PaymentMeans(
                q.text(m, "ram:TypeCode"), q.text(m, "ram:Information"), remittance,
                firstText(q, m, "ram:PayeePartyCreditorFinancialAccount/ram:IBANID",
                        "ram:PayeePartyCreditorFinancialAccount/ram:ProprietaryID"),
                q.text(m, "ram:PayeePartyCreditorFinancialAccount/ram:AccountName"),
                q.text(m, "ram:PayeeSpecifiedCreditorFinancialInstitution/ram:BICID"),
                DirectDebit.of(null, null, q.text(m, "ram:PayerPartyDebtorFinancialAccount/ram:IBANID")))).toList();
        return DirectDebitPlacement.place(means, q.text(settlement, "ram:SpecifiedTradePaymentTerms/ram:DirectDebitMandateID"),
                q.text(settlement, "ram:CreditorReferenceID"));
    }

    private AllowanceCharge allowanceCharge(XmlQuery q, Element a) {
        return new AllowanceCharge("true".equalsIgnoreCase(q.text(a, "ram:ChargeIndicator/udt:Indicator")),
                q.decimal(a, "ram:ActualAmount"), q.decimal(a, "ram:BasisAmount"), q.decimal(a, "ram:CalculationPercent"),
                q.text(a, "ram:CategoryTradeTax/ram:CategoryCode"), q.decimal(a, "ram:CategoryTradeTax/" + v.lineRate()),
                q.text(a, "ram:Reason"), q.text(a, "ram:ReasonCode"));
    }

    private static Totals totals(XmlQuery q, Element summation, String currency) {
        if (summation == null) {
            return new Totals(null, null, null, null);
        }
        return new Totals(
                q.decimal(summation, "ram:LineTotalAmount"),
                q.decimal(summation, "ram:AllowanceTotalAmount"),
                q.decimal(summation, "ram:ChargeTotalAmount"),
                q.decimal(summation, "ram:TaxBasisTotalAmount"),
                VatTotal.inDocumentCurrency(q.elements(summation, "ram:TaxTotalAmount"), currency),
                q.decimal(summation, "ram:GrandTotalAmount"),
                q.decimal(summation, "ram:TotalPrepaidAmount"),
                q.decimal(summation, "ram:RoundingAmount"),
                q.decimal(summation, "ram:DuePayableAmount"));
    }

    private List<InvoiceLine> lines(XmlQuery q, Element transaction) {
        // EXTENDED sub-lines (DETAIL) and information lines are not EN 16931 lines: their amounts are in no total
        return q.detachedElements(transaction, "ram:IncludedSupplyChainTradeLineItem").stream().filter(line -> !NOT_INVOICED.contains(
                String.valueOf(q.text(line, "ram:AssociatedDocumentLineDocument/ram:LineStatusReasonCode")))).map(line -> {
            Element quantity = q.element(line, v.lineDelivery() + "/ram:BilledQuantity");
            String tax = v.lineSettlement() + "/ram:ApplicableTradeTax/";
            String price = v.lineAgreement() + "/ram:NetPriceProductTradePrice/";
            return new InvoiceLine(
                    q.text(line, "ram:AssociatedDocumentLineDocument/ram:LineID"),
                    q.text(line, "ram:SpecifiedTradeProduct/ram:Name"),
                    quantity == null ? null : XmlQuery.decimal(quantity.getTextContent(), "BilledQuantity"),
                    quantity == null || quantity.getAttribute("unitCode").isEmpty() ? null : quantity.getAttribute("unitCode"),
                    q.decimal(line, v.lineSettlement() + "/" + v.lineSummation() + "/ram:LineTotalAmount"),
                    q.decimal(line, tax + v.lineRate()),
                    q.text(line, tax + "ram:CategoryCode"),
                    q.decimal(line, price + "ram:ChargeAmount"),
                    q.decimal(line, price + "ram:BasisQuantity"),
                    q.text(line, "ram:SpecifiedTradeProduct/ram:Description"),
                    joinedOrNull(q, line, "ram:AssociatedDocumentLineDocument/ram:IncludedNote/ram:Content"));
        }).toList();
    }

    /** A CII note may split its text over several Content elements; the model keeps one text. */
    private static String joined(XmlQuery q, Element context, String path) {
        String text = joinedOrNull(q, context, path);
        return text == null ? "" : text;
    }

    private static String joinedOrNull(XmlQuery q, Element context, String path) {
        if (context == null) {
            return null;
        }
        List<String> parts = q.elements(context, path).stream().map(e -> e.getTextContent().strip())
                .filter(t -> !t.isEmpty()).toList();
        return parts.isEmpty() ? null : String.join("\n", parts);
    }

    private static String firstText(XmlQuery q, Element context, String... paths) {
        for (String path : paths) {
            String text = q.text(context, path);
            if (text != null) {
                return text;
            }
        }
        return null;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String text(XmlQuery q, Element context, String path) {
        return context == null ? null : q.text(context, path);
    }

    private static LocalDate date(XmlQuery q, Element context, String path) {
        Element element = context == null ? null : q.element(context, path);
        return element == null ? null : CiiDates.parse(element.getTextContent(), element.getAttribute("format"));
    }
}
