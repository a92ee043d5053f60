package io.einvoice.gateway.facturx;

import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.InvoiceLine;
import io.einvoice.gateway.invoice.InvoiceType;
import io.einvoice.gateway.invoice.Party;
import io.einvoice.gateway.invoice.Totals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** Reads a UBL 2.x Invoice or CreditNote (EN 16931 syntax binding) into the canonical {@link Invoice}. */
final class UblInvoiceMapper {

    static final String INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    static final String CREDIT_NOTE_NS = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";

    private static final Logger LOG = LoggerFactory.getLogger(UblInvoiceMapper.class);
    private static final Map<String, String> NAMESPACES = Map.of(
            "cbc", "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
            "cac", "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2");

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
                party(q, q.element(root, "cac:AccountingSupplierParty/cac:Party")),
                party(q, q.element(root, "cac:AccountingCustomerParty/cac:Party")),
                totals(q, root, currency),
                lines);
    }

    private static Party party(XmlQuery q, Element party) {
        if (party == null) {
            return Party.unknown();
        }
        PartyIdentifiers ids = new PartyIdentifiers();
        for (String path : List.of("cac:PartyLegalEntity/cbc:CompanyID", "cac:PartyIdentification/cbc:ID", "cbc:EndpointID")) {
            for (Element id : q.elements(party, path)) {
                ids.add(id.getAttribute("schemeID"), id.getTextContent());
            }
        }
        String name = firstText(q, party, "cac:PartyLegalEntity/cbc:RegistrationName", "cac:PartyName/cbc:Name");
        return ids.toParty(name, q.text(party, "cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT']/cbc:CompanyID"));
    }

    private static Totals totals(XmlQuery q, Element root, String currency) {
        Element monetary = q.element(root, "cac:LegalMonetaryTotal");
        return new Totals(
                monetary == null ? null : q.decimal(monetary, "cbc:TaxExclusiveAmount"),
                VatTotal.inDocumentCurrency(q.elements(root, "cac:TaxTotal/cbc:TaxAmount"), currency),
                monetary == null ? null : q.decimal(monetary, "cbc:TaxInclusiveAmount"),
                monetary == null ? null : q.decimal(monetary, "cbc:PayableAmount"));
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
                    q.decimal(line, "cac:Item/cac:ClassifiedTaxCategory/cbc:Percent"));
        }).toList();
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
