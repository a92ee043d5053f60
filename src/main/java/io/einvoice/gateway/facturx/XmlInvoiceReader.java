package io.einvoice.gateway.facturx;

import io.einvoice.gateway.invoice.Invoice;
import org.w3c.dom.Element;

/** Parses invoice XML safely and hands it to the mapper its root element calls for. */
final class XmlInvoiceReader {

    static final String CII_NS = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
    static final String ZUGFERD_1_NS = "urn:ferd:CrossIndustryDocument:invoice:1p0";

    enum Syntax { CII, UBL, ZUGFERD_1 }

    record Parsed(Syntax syntax, String profile, Invoice invoice) {
    }

    private static final UblInvoiceMapper UBL = new UblInvoiceMapper();

    private XmlInvoiceReader() {
    }

    static Parsed read(byte[] xml) throws UnreadableInvoiceException {
        Element root = SecureXml.parse(xml).getDocumentElement();
        String namespace = root.getNamespaceURI() == null ? "" : root.getNamespaceURI();
        String name = root.getLocalName();
        if (CII_NS.equals(namespace) && "CrossIndustryInvoice".equals(name)) {
            return new Parsed(Syntax.CII, CiiInvoiceMapper.D16B.profile(root), CiiInvoiceMapper.D16B.map(root));
        }
        if ((UblInvoiceMapper.INVOICE_NS.equals(namespace) && "Invoice".equals(name))
                || (UblInvoiceMapper.CREDIT_NOTE_NS.equals(namespace) && "CreditNote".equals(name))) {
            return new Parsed(Syntax.UBL, UBL.profile(root), UBL.map(root));
        }
        if (ZUGFERD_1_NS.equals(namespace) && "CrossIndustryDocument".equals(name)) {
            return new Parsed(Syntax.ZUGFERD_1, CiiInvoiceMapper.ZUGFERD_1.profile(root), CiiInvoiceMapper.ZUGFERD_1.map(root));
        }
        throw new UnreadableInvoiceException("not an invoice: root element " + describe(namespace, name)
                + " is neither a CII CrossIndustryInvoice nor a UBL Invoice/CreditNote");
    }

    private static String describe(String namespace, String name) {
        return namespace.isEmpty() ? name + " (no namespace)" : "{" + namespace + "}" + name;
    }
}
