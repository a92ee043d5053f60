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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a UBL 2.x Invoice or CreditNote (EN 16931 syntax binding) into the canonical {@link Invoice}. */
final class UblInvoiceMapper {

    static final String INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    static final String CREDIT_NOTE_NS = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";

    private static final Logger LOG = LoggerFactory.getLogger(UblInvoiceMapper.class);
    private static final Map<String, String> NAMESPACES = Map.of(
            "cbc", "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
            "cac", "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2");

    private static final String SELLER = "cac:AccountingSupplierParty/cac:Party";
    /** BT-90 in the EN 16931 UBL binding: a seller or payee identifier under the scheme SEPA, not a party identifier. */
    private static final String SEPA_ID = "cac:PartyIdentification/cbc:ID[@schemeID='SEPA']";
    private static final String PARTY_ID = "cac:PartyIdentification/cbc:ID[not(@schemeID='SEPA')]";

    private static final Pattern SUBJECT_PREFIX = Pattern.compile("(?s)#([A-Z]{3})#(.*)");

    String profile(Element root) {
        return new XmlQuery(NAMESPACES).text(root, "cbc:CustomizationID");
    }

    Invoice map(Element root) {
        XmlQuery q = new XmlQuery(NAMESPACES);
        boolean creditNote = "CreditNote".equals(root.getLocalName());
        // lines first: they are cut out of the tree, which keeps every later query small (see XmlQuery.detachedElements)
        List<InvoiceLine> lines = lines(q, root, creditNote);
        String currency = q.text(root, "cbc:DocumentCurrencyCode");
        String typeCode = q.text(root, creditNote ? "cbc:CreditNoteTypeCode" : "cbc:InvoiceTypeCode");
        return new Invoice(
                q.text(root, "cbc:ID"),
                creditNote && typeCode == null ? InvoiceType.CREDIT_NOTE : InvoiceType.fromCode(typeCode),
                date(q.text(root, "cbc:IssueDate")),
                // a CreditNote has no cbc:DueDate; BT-9 then sits in the payment means
                date(firstText(q, root, "cbc:DueDate", "cac:PaymentMeans/cbc:PaymentDueDate")),
                currency,
                party(q, q.element(root, SELLER)),
                party(q, q.element(root, "cac:AccountingCustomerParty/cac:Party")),
                totals(q, root, currency),
                lines,
                q.text(root, "cbc:ProfileID"),
                q.text(root, "cbc:CustomizationID"),
                q.text(root, "cbc:BuyerReference"),
                q.text(root, "cac:OrderReference/cbc:ID"),
                q.text(root, "cac:ContractDocumentReference/cbc:ID"),
                q.elements(root, "cbc:Note").stream().map(n -> note(n.getTextContent())).toList(),
                q.elements(root, "cac:BillingReference/cac:InvoiceDocumentReference").stream()
                        .map(r -> new PrecedingInvoice(q.text(r, "cbc:ID"), date(q.text(r, "cbc:IssueDate")))).toList(),
                delivery(q, q.element(root, "cac:Delivery")),
                q.element(root, "cac:InvoicePeriod") == null ? null : new Period(date(q.text(root, "cac:InvoicePeriod/cbc:StartDate")),
                        date(q.text(root, "cac:InvoicePeriod/cbc:EndDate"))),
                DirectDebitPlacement.place(q.elements(root, "cac:PaymentMeans").stream().map(m -> paymentMeans(q, m)).toList(),
                        null, firstText(q, root, SELLER + "/" + SEPA_ID, "cac:PayeeParty/" + SEPA_ID)),
                q.text(root, "cac:PaymentTerms/cbc:Note"),
                q.elements(root, "cac:AllowanceCharge").stream().map(a -> allowanceCharge(q, a)).toList(),
                q.elements(root, "cac:TaxTotal/cac:TaxSubtotal").stream().map(t -> new VatBreakdown(
                        q.decimal(t, "cbc:TaxableAmount"), q.decimal(t, "cbc:TaxAmount"), q.text(t, "cac:TaxCategory/cbc:ID"),
                        q.decimal(t, "cac:TaxCategory/cbc:Percent"), q.text(t, "cac:TaxCategory/cbc:TaxExemptionReason"),
                        q.text(t, "cac:TaxCategory/cbc:TaxExemptionReasonCode"))).toList());
    }

    /** UBL notes have no subject code; the French CTC convention writes it first between hashes: {@code #PMT#text}. */
    static Note note(String text) {
        String t = text.strip();
        Matcher m = SUBJECT_PREFIX.matcher(t);
        return m.matches() ? new Note(m.group(1), m.group(2).strip()) : new Note(null, t);
    }

    private static Party party(XmlQuery q, Element party) {
        if (party == null) {
            return Party.unknown();
        }
        PartyIdentifiers ids = new PartyIdentifiers();
        for (String path : List.of("cac:PartyLegalEntity/cbc:CompanyID", PARTY_ID, "cbc:EndpointID")) {
            for (Element id : q.elements(party, path)) {
                ids.add(id.getAttribute("schemeID"), id.getTextContent());
            }
        }
        String name = firstText(q, party, "cac:PartyLegalEntity/cbc:RegistrationName", "cac:PartyName/cbc:Name");
        Party identified = ids.toParty(name, q.text(party, "cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT']/cbc:CompanyID"));
        Element endpoint = q.element(party, "cbc:EndpointID");
        String registrationName = q.text(party, "cac:PartyLegalEntity/cbc:RegistrationName");
        Element contact = q.element(party, "cac:Contact");
        List<Identifier> others = q.elements(party, PARTY_ID).stream()
                .filter(id -> !Party.SIRET_SCHEME.equals(id.getAttribute("schemeID").strip()))
                .map(id -> new Identifier(blankToNull(id.getAttribute("schemeID")), id.getTextContent().strip())).toList();
        Element legal = q.element(party, "cac:PartyLegalEntity/cbc:CompanyID");
        return new Party(identified.name(), identified.siren(), identified.siret(), identified.vatId(),
                registrationName == null ? null : q.text(party, "cac:PartyName/cbc:Name"),
                endpoint == null || endpoint.getTextContent().isBlank() ? null
                        : new ElectronicAddress(blankToNull(endpoint.getAttribute("schemeID")), endpoint.getTextContent().strip()),
                address(q, q.element(party, "cac:PostalAddress")),
                contact == null ? null : new Contact(q.text(contact, "cbc:Name"), q.text(contact, "cbc:Telephone"),
                        q.text(contact, "cbc:ElectronicMail")),
                others,
                legal == null || legal.getTextContent().isBlank() || PartyIdentifiers.SIREN_SCHEME.equals(legal.getAttribute("schemeID").strip())
                        ? null : new Identifier(blankToNull(legal.getAttribute("schemeID")), legal.getTextContent().strip()),
                q.text(party, "cac:PartyTaxScheme[not(cac:TaxScheme/cbc:ID='VAT')]/cbc:CompanyID"));
    }

    private static PostalAddress address(XmlQuery q, Element a) {
        return a == null ? null : new PostalAddress(q.text(a, "cbc:StreetName"), q.text(a, "cbc:AdditionalStreetName"),
                q.text(a, "cac:AddressLine/cbc:Line"), q.text(a, "cbc:CityName"), q.text(a, "cbc:PostalZone"),
                q.text(a, "cbc:CountrySubentity"), q.text(a, "cac:Country/cbc:IdentificationCode"));
    }

    private static Delivery delivery(XmlQuery q, Element delivery) {
        if (delivery == null) {
            return null;
        }
        return new Delivery(q.text(delivery, "cac:DeliveryParty/cac:PartyName/cbc:Name"),
                q.text(delivery, "cac:DeliveryLocation/cbc:ID"), date(q.text(delivery, "cbc:ActualDeliveryDate")),
                address(q, q.element(delivery, "cac:DeliveryLocation/cac:Address")));
    }

    private static PaymentMeans paymentMeans(XmlQuery q, Element m) {
        Element code = q.element(m, "cbc:PaymentMeansCode");
        return new PaymentMeans(code == null ? null : code.getTextContent().strip(),
                code == null ? null : blankToNull(code.getAttribute("name")), q.text(m, "cbc:PaymentID"),
                q.text(m, "cac:PayeeFinancialAccount/cbc:ID"), q.text(m, "cac:PayeeFinancialAccount/cbc:Name"),
                q.text(m, "cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID"),
                DirectDebit.of(q.text(m, "cac:PaymentMandate/cbc:ID"), null,
                        q.text(m, "cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID")));
    }

    private static AllowanceCharge allowanceCharge(XmlQuery q, Element a) {
        return new AllowanceCharge("true".equalsIgnoreCase(q.text(a, "cbc:ChargeIndicator")), q.decimal(a, "cbc:Amount"),
                q.decimal(a, "cbc:BaseAmount"), q.decimal(a, "cbc:MultiplierFactorNumeric"), q.text(a, "cac:TaxCategory/cbc:ID"),
                q.decimal(a, "cac:TaxCategory/cbc:Percent"), q.text(a, "cbc:AllowanceChargeReason"),
                q.text(a, "cbc:AllowanceChargeReasonCode"));
    }

    private static Totals totals(XmlQuery q, Element root, String currency) {
        Element monetary = q.element(root, "cac:LegalMonetaryTotal");
        BigDecimal vat = VatTotal.inDocumentCurrency(q.elements(root, "cac:TaxTotal/cbc:TaxAmount"), currency);
        if (monetary == null) {
            return new Totals(null, null, vat, null);
        }
        return new Totals(
                q.decimal(monetary, "cbc:LineExtensionAmount"),
                q.decimal(monetary, "cbc:AllowanceTotalAmount"),
                q.decimal(monetary, "cbc:ChargeTotalAmount"),
                q.decimal(monetary, "cbc:TaxExclusiveAmount"),
                vat,
                q.decimal(monetary, "cbc:TaxInclusiveAmount"),
                q.decimal(monetary, "cbc:PrepaidAmount"),
                q.decimal(monetary, "cbc:PayableRoundingAmount"),
                q.decimal(monetary, "cbc:PayableAmount"));
    }

    private static List<InvoiceLine> lines(XmlQuery q, Element root, boolean creditNote) {
        String quantityPath = creditNote ? "cbc:CreditedQuantity" : "cbc:InvoicedQuantity";
        return q.detachedElements(root, creditNote ? "cac:CreditNoteLine" : "cac:InvoiceLine").stream().map(line -> {
            Element quantity = q.element(line, quantityPath);
            return new InvoiceLine(
                    q.text(line, "cbc:ID"),
                    q.text(line, "cac:Item/cbc:Name"),
                    quantity == null ? null : XmlQuery.decimal(quantity.getTextContent(), quantityPath),
                    quantity == null || quantity.getAttribute("unitCode").isEmpty() ? null : quantity.getAttribute("unitCode"),
                    q.decimal(line, "cbc:LineExtensionAmount"),
                    q.decimal(line, "cac:Item/cac:ClassifiedTaxCategory/cbc:Percent"),
                    q.text(line, "cac:Item/cac:ClassifiedTaxCategory/cbc:ID"),
                    q.decimal(line, "cac:Price/cbc:PriceAmount"),
                    q.decimal(line, "cac:Price/cbc:BaseQuantity"),
                    q.text(line, "cac:Item/cbc:Description"),
                    q.text(line, "cbc:Note"));
        }).toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
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

    private static LocalDate date(String text) {
        if (text == null) {
            return null;
        }
        try {
            // xs:date may carry a time zone ("2026-03-16+01:00"); the day is the first ten characters
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            LOG.warn("UBL date '{}' is not yyyy-MM-dd, left empty", text);
            return null;
        }
    }
}
