package io.einvoice.gateway.dispatch.chorus;

import io.einvoice.gateway.facturx.InvoiceFormat;
import io.einvoice.gateway.facturx.InvoiceReader;
import io.einvoice.gateway.facturx.SecureXml;
import io.einvoice.gateway.facturx.StructuredInvoice;
import io.einvoice.gateway.facturx.UnreadableInvoiceException;
import io.einvoice.gateway.facturx.XmlQuery;
import io.einvoice.gateway.invoice.Decimals;
import io.einvoice.gateway.invoice.InputLimitException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;



/**
 * The fields of a Factur-X's CII that Chorus Pro checks (doc chorus-pro-and-reform §3.1 and §5), read as written: the
 * gateway's canonical invoice does not carry BT-10, BT-13, BT-23 or the payment means. Used by the client's pre-checks
 * and by the simulator's content checks.
 *
 * @param number       BT-1
 * @param typeCode     BT-3 (380 invoice, 381 credit note…)
 * @param cadre        BT-23, Chorus "cadre de facturation" A1…A25
 * @param sellerSiret  seller id under scheme 0009 (global id or legal organisation), null when absent
 * @param buyerSiret   buyer id under scheme 0009, null when absent
 * @param serviceCode  BT-10 BuyerReference, where Chorus reads the service code
 * @param commitment   BT-13 buyer order reference, where Chorus reads the commitment number (EJ)
 * @param paymentMeans BT-81 type code and BT-84 IBAN of each payment means
 */
public record ChorusInvoiceFacts(String number, String typeCode, String cadre, String sellerSiret, String sellerName,
                                 String buyerSiret, String buyerName, String serviceCode, String commitment,
                                 List<PaymentMeans> paymentMeans, String issueDate, String currency,
                                 BigDecimal totalExclVat, BigDecimal totalInclVat, BigDecimal duePayable) {

    public record PaymentMeans(String typeCode, String iban) {
    }

    public static final String CREDIT_NOTE = "381";

    private static final Map<String, String> NAMESPACES = Map.of(
            "rsm", "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
            "ram", "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
            "udt", "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100");
    private static final String TRANSACTION = "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/";
    private static final String AGREEMENT = TRANSACTION + "ram:ApplicableHeaderTradeAgreement/";
    private static final String SETTLEMENT = TRANSACTION + "ram:ApplicableHeaderTradeSettlement/";

    /** Reads a Factur-X PDF; anything else (plain PDF, UBL, broken file) is refused with the reason. */
    public static ChorusInvoiceFacts fromFacturX(byte[] pdf) throws UnreadableInvoiceException {
        StructuredInvoice read = new InvoiceReader().read(pdf);
        if (read.format() != InvoiceFormat.FACTUR_X) {
            throw new UnreadableInvoiceException("not a Factur-X PDF with a CII invoice (" + read.format() + ")");
        }
        return fromCii(read.xml());
    }

    public static ChorusInvoiceFacts fromCii(byte[] xml) throws UnreadableInvoiceException {
        Document document = SecureXml.parse(xml);
        String root = document.getDocumentElement().getLocalName();
        if (!"CrossIndustryInvoice".equals(root)) {
            throw new UnreadableInvoiceException("not a CII invoice (root element " + root + ")");
        }
        XmlQuery query = new XmlQuery(NAMESPACES);
        Query q = expression -> query.text(document, expression);
        List<PaymentMeans> means = new ArrayList<>();
        for (Element payment : query.elements(document, SETTLEMENT + "ram:SpecifiedTradeSettlementPaymentMeans")) {
            means.add(new PaymentMeans(query.text(payment, "ram:TypeCode"),
                    query.text(payment, "ram:PayeePartyCreditorFinancialAccount/ram:IBANID")));
        }
        return new ChorusInvoiceFacts(
                q.text("/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:ID"),
                q.text("/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:TypeCode"),
                q.text("/rsm:CrossIndustryInvoice/rsm:ExchangedDocumentContext/"
                        + "ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID"),
                siret(q, AGREEMENT + "ram:SellerTradeParty/"),
                q.text(AGREEMENT + "ram:SellerTradeParty/ram:Name"),
                siret(q, AGREEMENT + "ram:BuyerTradeParty/"),
                q.text(AGREEMENT + "ram:BuyerTradeParty/ram:Name"),
                q.text(AGREEMENT + "ram:BuyerReference"),
                q.text(AGREEMENT + "ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID"),
                means,
                q.text("/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString"),
                q.text(SETTLEMENT + "ram:InvoiceCurrencyCode"),
                decimal(q.text(SETTLEMENT + "ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:TaxBasisTotalAmount")),
                decimal(q.text(SETTLEMENT + "ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:GrandTotalAmount")),
                decimal(q.text(SETTLEMENT + "ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:DuePayableAmount")));
    }

    public boolean creditNote() {
        return CREDIT_NOTE.equals(typeCode);
    }

    private interface Query {
        String text(String expression);
    }

    /** SIRET is the 0009 global id (BT-29/BT-46) or, failing that, the 0009 legal registration id (BT-30/BT-47). */
    private static String siret(Query q, String party) {
        String global = q.text(party + "ram:GlobalID[@schemeID='0009']");
        return global != null ? global : q.text(party + "ram:SpecifiedLegalOrganization/ram:ID[@schemeID='0009']");
    }

    private static BigDecimal decimal(String text) {
        try {
            return Decimals.parse("amount", text);
        } catch (InputLimitException e) {
            return null;
        }
    }
}
