package io.einvoice.gateway.dispatch.chorus;

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
 * Chorus Pro identifies the seller by its SIRET (scheme 0009); billing software often writes only the SIREN (BT-30,
 * scheme 0002). When that SIREN is the sending dossier's own and the dossier's SIRET is known, the SIRET is written
 * into BT-30 under scheme 0009 rather than the invoice being refused: it names the same company, one establishment
 * more precisely. Any other seller is left as it is, and the pre-checks refuse it with their reason.
 */
public final class SellerSiretCompletion {

    /** The Factur-X to deposit instead, and the sentence that tells the document's history what changed. */
    public record Completed(byte[] facturX, String note) {
    }

    static final String SIRET_SCHEME = "0009";
    static final String SIREN_SCHEME = "0002";
    private static final Map<String, String> NAMESPACES = Map.of(
            "rsm", "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
            "ram", "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100");
    private static final String SELLER = "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/"
            + "ram:ApplicableHeaderTradeAgreement/ram:SellerTradeParty";

    private final InvoiceReader reader;
    private final FacturXWriter writer;

    public SellerSiretCompletion(InvoiceReader reader, FacturXWriter writer) {
        this.reader = reader;
        this.writer = writer;
    }

    public SellerSiretCompletion() {
        this(new InvoiceReader(), new FacturXWriter());
    }

    /**
     * @return the completed Factur-X, or empty when there is nothing to complete (the SIRET is there) or nothing this
     * may complete (not a Factur-X, no SIREN, another company's SIREN, no SIRET of the dossier that extends it)
     */
    public Optional<Completed> complete(byte[] facturX, String dossierSiren, String dossierSiret) {
        if (dossierSiren == null || dossierSiret == null || !dossierSiret.matches("\\d{14}")
                || !dossierSiret.startsWith(dossierSiren)) {
            return Optional.empty();
        }
        try {
            StructuredInvoice read = reader.read(facturX);
            Profile profile = Profile.fromGuideline(read.profile());
            if (read.format() != InvoiceFormat.FACTUR_X || profile == null) {
                return Optional.empty();
            }
            Document xml = SecureXml.parse(read.xml());
            XmlQuery query = new XmlQuery(NAMESPACES);
            List<Element> sellers = query.elements(xml, SELLER);
            if (sellers.size() != 1 || hasSiret(query, sellers.get(0))) {
                return Optional.empty();
            }
            List<Element> legal = query.elements(sellers.get(0), "ram:SpecifiedLegalOrganization/ram:ID");
            if (legal.size() != 1 || !isDossierSiren(legal.get(0), dossierSiren)) {
                return Optional.empty();
            }
            legal.get(0).setTextContent(dossierSiret);
            legal.get(0).setAttribute("schemeID", SIRET_SCHEME);
            byte[] completed = writer.embed(facturX, serialise(xml), profile).pdf();
            return Optional.of(new Completed(completed, "note: the seller's SIRET (scheme 0009), which Chorus Pro"
                    + " identifies suppliers by, was missing; BT-30 was completed with the dossier's SIRET " + dossierSiret
                    + " in place of its SIREN " + dossierSiren + " before sending to Chorus Pro"));
        } catch (UnreadableInvoiceException | ConversionException | TransformerException e) {
            // the pre-checks read the same file and say what is wrong with it in their own words
            return Optional.empty();
        }
    }

    private static boolean hasSiret(XmlQuery query, Element seller) {
        return query.text(seller, "ram:GlobalID[@schemeID='" + SIRET_SCHEME + "']") != null
                || query.text(seller, "ram:SpecifiedLegalOrganization/ram:ID[@schemeID='" + SIRET_SCHEME + "']") != null;
    }

    private static boolean isDossierSiren(Element id, String dossierSiren) {
        String scheme = id.getAttribute("schemeID");
        return (scheme.isEmpty() || SIREN_SCHEME.equals(scheme)) && dossierSiren.equals(id.getTextContent().strip());
    }

    private static byte[] serialise(Document xml) throws TransformerException {
        TransformerFactory factory = TransformerFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        factory.newTransformer().transform(new DOMSource(xml), new StreamResult(out));
        return out.toByteArray();
    }
}
