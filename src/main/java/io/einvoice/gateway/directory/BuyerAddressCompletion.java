package io.einvoice.gateway.directory;

import io.einvoice.gateway.facturx.ConversionException;
import io.einvoice.gateway.facturx.FacturXWriter;
import io.einvoice.gateway.facturx.InvoiceFormat;
import io.einvoice.gateway.facturx.InvoiceReader;
import io.einvoice.gateway.facturx.Profile;
import io.einvoice.gateway.facturx.SecureXml;
import io.einvoice.gateway.facturx.StructuredInvoice;
import io.einvoice.gateway.facturx.UnreadableInvoiceException;
import io.einvoice.gateway.facturx.XmlQuery;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.XMLConstants;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * BT-49, the buyer's electronic address, is mandatory in the reform (BR-FR-13) under scheme 0225: the addressing
 * identifier of the buyer's line in the directory. Billing software rarely knows it; when the buyer's directory line is
 * known and the Factur-X carries no BT-49 in scheme 0225 (none at all, or an e-mail address, scheme EM), it is written
 * from the line before the invoice is sent: {@code ram:URIUniversalCommunication/ram:URIID schemeID="0225"} in the
 * buyer, where the CII schema places it (after the postal address, before the tax registrations).
 */
public final class BuyerAddressCompletion {

    /** The Factur-X to send instead, and the sentence that tells the document's history what changed. */
    public record Completed(byte[] facturX, String note) {
    }

    static final String SCHEME = "0225";
    private static final String RSM = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
    private static final String RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
    private static final Map<String, String> NAMESPACES = Map.of("rsm", RSM, "ram", RAM);
    private static final String BUYER = "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/"
            + "ram:ApplicableHeaderTradeAgreement/ram:BuyerTradeParty";

    private final InvoiceReader reader;
    private final FacturXWriter writer;

    public BuyerAddressCompletion(InvoiceReader reader, FacturXWriter writer) {
        this.reader = reader;
        this.writer = writer;
    }

    public BuyerAddressCompletion() {
        this(new InvoiceReader(), new FacturXWriter());
    }

    /**
     * @return the completed Factur-X, or empty when BT-49 is there in scheme 0225 already or the file is not a Factur-X
     * with one buyer (the validation of the sent invoice says what is wrong with it)
     */
    public Optional<Completed> complete(byte[] facturX, DirectoryLine line) {
        try {
            StructuredInvoice read = reader.read(facturX);
            Profile profile = Profile.fromGuideline(read.profile());
            if (read.format() != InvoiceFormat.FACTUR_X || profile == null) {
                return Optional.empty();
            }
            Document xml = SecureXml.parse(read.xml());
            XmlQuery query = new XmlQuery(NAMESPACES);
            List<Element> buyers = query.elements(xml, BUYER);
            if (buyers.size() != 1) {
                return Optional.empty();
            }
            Element buyer = buyers.get(0);
            List<Element> uris = query.elements(buyer, "ram:URIUniversalCommunication");
            String before = uris.isEmpty() ? null : query.text(uris.get(0), "ram:URIID");
            if (!uris.isEmpty() && SCHEME.equals(query.elements(uris.get(0), "ram:URIID").stream().findFirst()
                    .map(e -> e.getAttribute("schemeID")).orElse(""))) {
                return Optional.empty();
            }
            uris.forEach(buyer::removeChild);
            Element uri = xml.createElementNS(RAM, "ram:URIUniversalCommunication");
            Element id = xml.createElementNS(RAM, "ram:URIID");
            id.setAttribute("schemeID", SCHEME);
            id.setTextContent(line.addressingIdentifier());
            uri.appendChild(id);
            List<Element> taxes = query.elements(buyer, "ram:SpecifiedTaxRegistration");
            buyer.insertBefore(uri, taxes.isEmpty() ? null : taxes.get(0));
            byte[] completed = writer.embed(facturX, serialise(xml), profile).pdf();
            return Optional.of(new Completed(completed, "note: the buyer's electronic address (BT-49) "
                    + (before == null ? "was missing" : "was not in the directory's scheme 0225")
                    + "; it was set to " + line.electronicAddress() + " from the buyer's directory line before sending"));
        } catch (UnreadableInvoiceException | ConversionException | TransformerException e) {
            return Optional.empty();
        }
    }

    private static byte[] serialise(Document xml) throws TransformerException {
        TransformerFactory factory = TransformerFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        factory.newTransformer().transform(new DOMSource(xml), new StreamResult(out));
        return out.toByteArray();
    }
}
