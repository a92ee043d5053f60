package io.einvoice.gateway.facturx;

import com.helger.cii.d16b.CIID16BCrossIndustryInvoiceTypeMarshaller;
import com.helger.commons.error.list.ErrorList;
import com.helger.en16931.cii2ubl.CIIToUBL21Converter;
import com.helger.ubl21.UBL21Marshaller;
import oasis.names.specification.ubl.schema.xsd.invoice_21.InvoiceType;
import org.mustangproject.ZUGFeRD.Profiles;
import org.mustangproject.ZUGFeRD.ZUGFeRD2PullProvider;
import org.mustangproject.ZUGFeRD.ZUGFeRDExporterFromA3;
import un.unece.uncefact.data.standard.crossindustryinvoice._100.CrossIndustryInvoiceType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Demo and test invoices: one French supplier invoice, as Factur-X EN 16931 PDF, CII and UBL, plus a truncated PDF.
 * Every sample carries the same lines, so they share the totals below. Used by the tests, the demo and
 * {@code ./gateway samples}.
 */
public final class SampleInvoices {

    public static final String SELLER_NAME = "Fournitures Lumière SARL";
    public static final String SELLER_SIREN = "732829320";
    public static final String SELLER_VAT = PartyIdentifiers.frenchVatId(SELLER_SIREN);
    public static final String SELLER_IBAN = SampleInvoice.IBAN;
    public static final String SELLER_BIC = SampleInvoice.BIC;
    /** The supplier of the purchase samples. */
    public static final Seller SUPPLIER = new Seller(SELLER_NAME, SELLER_SIREN, SampleInvoice.SELLER_SIRET,
            "facturation@fournitures-lumiere.fr");
    public static final String BUYER_NAME = "DEMONSTRATION SAS";
    public static final String BUYER_SIREN = "123456782";
    public static final String BUYER_VAT = PartyIdentifiers.frenchVatId(BUYER_SIREN);

    public static final String FACTURX_NUMBER = "FA-2026-0042";
    public static final String CII_NUMBER = "FA-2026-0043";
    public static final String UBL_NUMBER = "FA-2026-0044";
    public static final int LINE_COUNT = SampleInvoice.LINES.size();
    /** Decimal strings as the API shows them ({@code Money.format}). */
    public static final String TOTAL_EXCL_VAT = SampleInvoice.totalExclVat().toPlainString();
    public static final String TOTAL_VAT = SampleInvoice.totalVat().toPlainString();
    public static final String TOTAL_INCL_VAT = SampleInvoice.totalInclVat().toPlainString();
    /** Same as {@link #TOTAL_INCL_VAT}: every PDF from {@link #facturXPdf(String)} has these lines. */
    public static final String FACTURX_TOTAL_INCL_VAT = TOTAL_INCL_VAT;

    public static final String FACTURX_FILE = "facturx-en16931.pdf";
    public static final String CII_FILE = "invoice-cii.xml";
    public static final String UBL_FILE = "invoice-ubl.xml";
    public static final String BROKEN_FILE = "broken.pdf";

    private static final String PROFILE = "EN16931";
    /** BT-24 of an EN 16931 invoice, so the UBL sample declares the same specification as the CII it comes from. */
    private static final String EN16931_ID = "urn:cen.eu:en16931:2017";
    private static final double TRUNCATED_SHARE = 0.4;

    private SampleInvoices() {
    }

    /**
     * Who issues a sample (BG-4): a sales sample must come from the dossier that sends it. The VAT number (BT-31) is the
     * French one of the SIREN.
     */
    public record Seller(String name, String siren, String siret, String email) {
        /** A seller with its head office SIRET (NIC 00010 + n, the first with a valid Luhn key). */
        public static Seller of(String name, String siren) {
            for (int nic = 10; nic < 100; nic++) {
                String siret = siren + String.format(java.util.Locale.ROOT, "%05d", nic);
                if (io.einvoice.gateway.dossier.Siren.isValidSiret(siret)) {
                    return new Seller(name, siren, siret, "facturation@vendeur-" + siren + ".example");
                }
            }
            throw new IllegalArgumentException("no SIRET with a valid key for SIREN " + siren);
        }

        public String vat() {
            return PartyIdentifiers.frenchVatId(siren);
        }
    }

    /** A new Factur-X EN 16931 PDF/A-3 with this invoice number (BT-1): 30 to 50 ms once warm, the first one about 1 s. */
    public static byte[] facturXPdf(String number) {
        return facturXPdf(number, SUPPLIER);
    }

    /** The Factur-X sample issued by this seller. */
    public static byte[] facturXPdf(String number, Seller seller) {
        SampleInvoice sample = SampleInvoice.numbered(number, seller);
        return facturXPdf(sample, sample.toMustang());
    }

    /**
     * What a Chorus Pro buyer needs on the sample: the buyer identified by its full SIRET (scheme 0009, its SIREN as
     * legal id), BT-23 cadre de facturation, service code in BT-10 and commitment number (EJ) in BT-13 when not null,
     * and the seller's IBAN only when {@code iban} is true.
     */
    public record PublicBuyer(String siret, String cadre, String serviceCode, String commitment, boolean iban) {
        public static PublicBuyer plain(String siret) {
            return new PublicBuyer(siret, "A1", null, null, true);
        }
    }

    /** The sample for a public buyer on Chorus Pro, see {@link PublicBuyer}. */
    public static byte[] chorusFacturXPdf(String number, PublicBuyer buyer) {
        return chorusFacturXPdf(number, buyer, SUPPLIER);
    }

    /** The sample for a public buyer, issued by this seller. */
    public static byte[] chorusFacturXPdf(String number, PublicBuyer buyer, Seller seller) {
        SampleInvoice sample = SampleInvoice.numbered(number, seller);
        org.mustangproject.Invoice invoice = sample.toMustang()
                .setBusinessProcessId(buyer.cadre())
                .setReferenceNumber(buyer.serviceCode())
                .setBuyerOrderReferencedDocumentID(buyer.commitment());
        invoice.getRecipient().addGlobalID(new org.mustangproject.SchemedID(PartyIdentifiers.SIRET_SCHEME, buyer.siret()))
                .setLegalOrganisation(new org.mustangproject.LegalOrganisation(
                        new org.mustangproject.SchemedID(PartyIdentifiers.SIREN_SCHEME, buyer.siret().substring(0, 9)), null));
        if (!buyer.iban()) {
            invoice.getSender().getBankDetails().clear();
        }
        return facturXPdf(sample, invoice);
    }

    private static byte[] facturXPdf(SampleInvoice sample, org.mustangproject.Invoice invoice) {
        String number = sample.number();
        try (ZUGFeRDExporterFromA3 exporter = new ZUGFeRDExporterFromA3()) {
            exporter.load(SampleInvoicePdf.render(sample));
            exporter.setProducer("einvoice-gateway samples").setCreator(SELLER_NAME).setProfile(Profiles.getByName(PROFILE));
            exporter.setTransaction(invoice);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            exporter.export(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not build the Factur-X sample " + number, e);
        }
    }

    /** CII D16B XML, profile EN 16931. */
    public static byte[] ciiXml(String number) {
        return ciiXml(number, SUPPLIER);
    }

    /** CII D16B XML, profile EN 16931, issued by this seller. */
    public static byte[] ciiXml(String number, Seller seller) {
        ZUGFeRD2PullProvider provider = new ZUGFeRD2PullProvider();
        provider.setProfile(Profiles.getByName(PROFILE));
        provider.generateXML(SampleInvoice.numbered(number, seller).toMustang());
        return provider.getXML();
    }

    /**
     * UBL 2.1 Invoice, converted from the CII with phax's en16931-cii2ubl, the library behind Mustang's CIIToUBL (which
     * only writes UBL 2.4, and only between files).
     */
    public static byte[] ublXml(String number) {
        CrossIndustryInvoiceType cii = new CIID16BCrossIndustryInvoiceTypeMarshaller().read(ciiXml(number));
        if (cii == null) {
            throw new IllegalStateException("Mustang's CII for " + number + " does not pass the CII D16B schema");
        }
        ErrorList errors = new ErrorList();
        Object ubl = new CIIToUBL21Converter().setCustomizationID(EN16931_ID).convertCIItoUBL(cii, errors);
        if (!(ubl instanceof InvoiceType invoice) || errors.containsAtLeastOneError()) {
            throw new IllegalStateException("CII to UBL conversion of " + number + " failed: " + errors);
        }
        return UBL21Marshaller.invoice().setFormattedOutput(true).getAsBytes(invoice);
    }

    /** The visible page of the Factur-X sample, a PDF/A-3b without any invoice XML. */
    public static byte[] plainPdf() {
        return Generated.PLAIN.clone();
    }

    /** The visible page of a sample invoice with this number, without any invoice XML: what a scanner is fed. */
    public static byte[] plainPdf(String number) {
        return SampleInvoicePdf.render(SampleInvoice.numbered(number));
    }

    /** The first 40 % of the Factur-X sample, as a transfer cut short leaves it. The same bytes on every call. */
    public static byte[] brokenPdf() {
        return Generated.ALL.get(BROKEN_FILE).clone();
    }

    /** The files of {@code samples/}, by file name; the same bytes on every call within one JVM. */
    public static Map<String, byte[]> generateAll() {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        Generated.ALL.forEach((name, bytes) -> copy.put(name, bytes.clone()));
        return copy;
    }

    /**
     * Writes the samples into {@code dir}, each under a hidden temporary name first, then renamed: the directory may be a
     * watched inbox, which must never pick up a half-written file.
     */
    public static void writeAll(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> sample : Generated.ALL.entrySet()) {
            Path temporary = dir.resolve("." + sample.getKey() + ".tmp");
            Files.write(temporary, sample.getValue());
            Files.move(temporary, dir.resolve(sample.getKey()), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Built on first use only: the Mustang and JAXB start-up costs a few seconds. */
    private static final class Generated {
        static final Map<String, byte[]> ALL;
        static final byte[] PLAIN = SampleInvoicePdf.render(SampleInvoice.numbered(FACTURX_NUMBER));

        static {
            byte[] facturX = facturXPdf(FACTURX_NUMBER);
            Map<String, byte[]> all = new LinkedHashMap<>();
            all.put(FACTURX_FILE, facturX);
            all.put(CII_FILE, ciiXml(CII_NUMBER));
            all.put(UBL_FILE, ublXml(UBL_NUMBER));
            all.put(BROKEN_FILE, Arrays.copyOf(facturX, (int) (facturX.length * TRUNCATED_SHARE)));
            ALL = Collections.unmodifiableMap(all);
        }
    }
}
