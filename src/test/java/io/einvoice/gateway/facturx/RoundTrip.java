package io.einvoice.gateway.facturx;

import io.einvoice.gateway.invoice.AllowanceCharge;
import io.einvoice.gateway.invoice.Contact;
import io.einvoice.gateway.invoice.Delivery;
import io.einvoice.gateway.invoice.ElectronicAddress;
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
import io.einvoice.gateway.invoice.VatArithmetic;
import io.einvoice.gateway.invoice.VatBreakdown;
import org.w3c.dom.Document;

import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Write → read → write for the business-term round-trip tests: a French B2B invoice that uses every group the model
 * has, written as CII and UBL, read back, written again. The second CII must equal the first byte for byte, and the
 * tests ask XPath questions of it.
 */
final class RoundTrip {

    static final Map<String, String> NS = Map.of(
            "rsm", "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
            "ram", "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
            "udt", "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
            "qdt", "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
            "cbc", "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
            "cac", "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2");

    private static final FacturXWriter WRITER = new FacturXWriter();
    private static final InvoiceReader READER = new InvoiceReader();

    private RoundTrip() {
    }

    static Invoice frenchInvoice() {
        Party seller = new Party("Fournitures Lumière SARL", "732829320", "73282932000074", "FR44732829320",
                "Lumière", new ElectronicAddress("0225", "732829320"),
                new PostalAddress("12 rue des Lilas", "Bâtiment B", null, "Paris", "75011", null, "FR"),
                new Contact("Claire Martin", "+33 1 43 55 21 09", "facturation@lumiere.example"));
        Party buyer = new Party("DEMONSTRATION SAS", "123456782", null, "FR32123456782", null,
                new ElectronicAddress("0225", "123456782"),
                new PostalAddress("3 avenue de la Gare", null, null, "Lyon", "69002", null, "FR"), null);
        List<InvoiceLine> lines = List.of(
                new InvoiceLine("1", "Ramette papier A4", new BigDecimal("12"), "C62",
                        VatArithmetic.lineNet(new BigDecimal("12"), new BigDecimal("4.175"), null), new BigDecimal("20"),
                        "S", new BigDecimal("4.175"), null, "80 g, blanc", "Livraison partielle"),
                new InvoiceLine("2", "Livre de comptes", new BigDecimal("3"), "C62",
                        VatArithmetic.lineNet(new BigDecimal("3"), new BigDecimal("19.99"), null), new BigDecimal("5.5"),
                        "S", new BigDecimal("19.99"), null, null, null));
        List<AllowanceCharge> allowancesCharges = List.of(
                new AllowanceCharge(false, new BigDecimal("5.00"), null, null, "S", new BigDecimal("20"), "Remise fidélité", "95"),
                new AllowanceCharge(true, new BigDecimal("7.50"), null, null, "S", new BigDecimal("20"), "Frais de port", "FC"));
        Invoice draft = new Invoice("FA-2026-0100", InvoiceType.INVOICE, LocalDate.of(2026, 3, 16), LocalDate.of(2026, 4, 15),
                "EUR", seller, buyer, null, lines, "B1", null, "SERVICE-ACHATS", "BC-2026-117", "CT-2025-09",
                List.of(new Note(Note.LATE_PAYMENT_PENALTIES, "Pénalités de retard : trois fois le taux d'intérêt légal."),
                        new Note(Note.RECOVERY_INDEMNITY, "Indemnité forfaitaire pour frais de recouvrement : 40 €."),
                        new Note(Note.EARLY_PAYMENT_DISCOUNT, "Pas d'escompte pour paiement anticipé.")),
                List.of(new PrecedingInvoice("FA-2026-0042", LocalDate.of(2026, 2, 1))),
                new Delivery("DEMONSTRATION SAS - entrepôt", "ENTREPOT-LYON-7", LocalDate.of(2026, 3, 14),
                        new PostalAddress("8 rue du Port", null, null, "Villeurbanne", "69100", null, "FR")),
                new Period(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 14)),
                List.of(new PaymentMeans("58", "Virement SEPA", "FA-2026-0100", "FR7630006000011234567890189",
                        "Fournitures Lumière", "AGRIFRPPXXX")),
                "Paiement à 30 jours fin de mois", allowancesCharges, List.of());
        return VatArithmetic.computed(draft);
    }

    /** CII written, read, written again: the two writes must be identical. Returns the second one, parsed. */
    static Document ciiTwice(Invoice invoice, Profile profile) throws Exception {
        byte[] first = WRITER.toCii(invoice, profile);
        Invoice read = READER.read(first).invoice();
        byte[] second = WRITER.toCii(read, profile);
        assertThat(new String(second, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(new String(first, java.nio.charset.StandardCharsets.UTF_8));
        return parse(second);
    }

    /** UBL written (through phax's converter), read back into the model. */
    static Invoice throughUbl(Invoice invoice) throws Exception {
        return READER.read(WRITER.toUbl(invoice)).invoice();
    }

    static Document ubl(Invoice invoice) throws Exception {
        return parse(WRITER.toUbl(invoice));
    }

    static String xpath(Document document, String expression) throws Exception {
        XPath xpath = XPathFactory.newDefaultInstance().newXPath();
        xpath.setNamespaceContext(new NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                return NS.get(prefix);
            }

            @Override
            public String getPrefix(String namespaceURI) {
                return null;
            }

            @Override
            public Iterator<String> getPrefixes(String namespaceURI) {
                return null;
            }
        });
        return xpath.evaluate(expression, document);
    }

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    static Totals totals(Invoice invoice) {
        return invoice.totals();
    }

    static VatBreakdown vat(Invoice invoice, String rate) {
        return invoice.vatBreakdown().stream().filter(v -> v.rate().compareTo(new BigDecimal(rate)) == 0).findFirst().orElseThrow();
    }
}
