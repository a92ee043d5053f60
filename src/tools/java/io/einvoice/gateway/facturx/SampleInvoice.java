package io.einvoice.gateway.facturx;

import org.mustangproject.BankDetails;
import org.mustangproject.Contact;
import org.mustangproject.IncludedNote;
import org.mustangproject.Invoice;
import org.mustangproject.Item;
import org.mustangproject.LegalOrganisation;
import org.mustangproject.Product;
import org.mustangproject.SchemedID;
import org.mustangproject.SubjectCode;
import org.mustangproject.TradeParty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content of the demo invoices, in one place for both the XML (through Mustang) and the visible PDF page, so the two
 * always agree. Totals are computed here the way EN 16931 does (VAT per rate, rounded to the cent) and the tests check
 * them against what Mustang writes.
 */
record SampleInvoice(String number, LocalDate issueDate, LocalDate deliveryDate, LocalDate dueDate,
                     SampleInvoices.Seller seller) {

    record Line(String name, BigDecimal quantity, String unitCode, String unitLabel, BigDecimal unitPrice, BigDecimal vatRate) {
        BigDecimal netAmount() {
            return quantity.multiply(unitPrice).setScale(2, RoundingMode.HALF_UP);
        }
    }

    record Address(String street, String postcode, String city) {
        @Override
        public String toString() {
            return street + ", " + postcode + " " + city;
        }
    }

    static final Address SELLER_ADDRESS = new Address("18 rue des Artisans", "75011", "Paris");
    static final Address BUYER_ADDRESS = new Address("12 avenue de la République", "69002", "Lyon");
    static final String SELLER_SIRET = "73282932000017";
    static final String IBAN = "FR7630006000011234567890189";
    static final String BIC = "AGRIFRPPXXX";
    static final String PAYMENT_TERMS = "Paiement à 30 jours par virement SEPA";
    static final List<String> LEGAL_NOTES = List.of(
            "Pénalités de retard : trois fois le taux d'intérêt légal.",
            "Indemnité forfaitaire pour frais de recouvrement : 40 €.",
            "Pas d'escompte pour paiement anticipé.");

    static final List<Line> LINES = List.of(
            new Line("Lampe de bureau LED Lumina", new BigDecimal("4"), "C62", "pièce", new BigDecimal("45.90"), new BigDecimal("20")),
            new Line("Ampoules LED E27 (lot de 10)", new BigDecimal("10"), "C62", "lot", new BigDecimal("12.50"), new BigDecimal("20")),
            new Line("Guide « L'éclairage durable »", new BigDecimal("3"), "C62", "pièce", new BigDecimal("24.00"), new BigDecimal("5.5")),
            new Line("Installation sur site", new BigDecimal("2"), "HUR", "heure", new BigDecimal("65.00"), new BigDecimal("20")));

    static SampleInvoice numbered(String number) {
        return numbered(number, SampleInvoices.SUPPLIER);
    }

    static SampleInvoice numbered(String number, SampleInvoices.Seller seller) {
        return new SampleInvoice(number, LocalDate.of(2026, 3, 16), LocalDate.of(2026, 3, 13), LocalDate.of(2026, 4, 15),
                seller);
    }

    static BigDecimal totalExclVat() {
        return LINES.stream().map(Line::netAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** VAT per rate, highest rate first, as the page shows it. */
    static Map<BigDecimal, BigDecimal> vatByRate() {
        Map<BigDecimal, BigDecimal> bases = new TreeMap<>((a, b) -> b.compareTo(a));
        LINES.forEach(line -> bases.merge(line.vatRate(), line.netAmount(), BigDecimal::add));
        Map<BigDecimal, BigDecimal> vat = new TreeMap<>((a, b) -> b.compareTo(a));
        bases.forEach((rate, base) -> vat.put(rate, base.multiply(rate).movePointLeft(2).setScale(2, RoundingMode.HALF_UP)));
        return vat;
    }

    static BigDecimal totalVat() {
        return vatByRate().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static BigDecimal totalInclVat() {
        return totalExclVat().add(totalVat());
    }

    Invoice toMustang() {
        TradeParty seller = new TradeParty(this.seller.name(), SELLER_ADDRESS.street(), SELLER_ADDRESS.postcode(),
                SELLER_ADDRESS.city(), "FR")
                .addVATID(this.seller.vat())
                .setLegalOrganisation(new LegalOrganisation(new SchemedID(PartyIdentifiers.SIREN_SCHEME, this.seller.siren()), null))
                .addGlobalID(new SchemedID(PartyIdentifiers.SIRET_SCHEME, this.seller.siret()))
                .setEmail(this.seller.email())
                .setContact(new Contact("Claire Martin", "+33 1 43 55 21 09", this.seller.email()))
                .addBankDetails(new BankDetails(IBAN, BIC));
        TradeParty buyer = new TradeParty(SampleInvoices.BUYER_NAME, BUYER_ADDRESS.street(), BUYER_ADDRESS.postcode(),
                BUYER_ADDRESS.city(), "FR")
                .addVATID(SampleInvoices.BUYER_VAT)
                .setLegalOrganisation(new LegalOrganisation(new SchemedID(PartyIdentifiers.SIREN_SCHEME, SampleInvoices.BUYER_SIREN), null))
                .setEmail("comptabilite@demonstration.example");
        Invoice invoice = new Invoice()
                .setNumber(number)
                .setIssueDate(date(issueDate))
                .setDeliveryDate(date(deliveryDate))
                .setDueDate(date(dueDate))
                .setCurrency("EUR")
                .setSender(seller)
                .setRecipient(buyer)
                .setBuyerOrderReferencedDocumentID("BC-2026-117")
                .setPaymentTermDescription(PAYMENT_TERMS)
                // the three mentions French law requires, under the subject codes the French CTC rules expect
                .addNotes(List.of(new IncludedNote(LEGAL_NOTES.get(0), SubjectCode.PMD),
                        new IncludedNote(LEGAL_NOTES.get(1), SubjectCode.PMT),
                        new IncludedNote(LEGAL_NOTES.get(2), SubjectCode.AAB)));
        for (Line line : LINES) {
            invoice.addItem(new Item(new Product(line.name(), null, line.unitCode(), line.vatRate()), line.unitPrice(), line.quantity()));
        }
        return invoice;
    }

    /** Mustang formats dates in the JVM's zone, so the instant must be midnight in that zone. */
    private static Date date(LocalDate day) {
        return Date.from(day.atStartOfDay(ZoneId.systemDefault()).toInstant());
    }
}
