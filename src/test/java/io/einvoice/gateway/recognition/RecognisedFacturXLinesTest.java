package io.einvoice.gateway.recognition;

import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.facturx.FacturXResult;
import io.einvoice.gateway.facturx.FacturXWriter;
import io.einvoice.gateway.facturx.InvoiceReader;
import io.einvoice.gateway.facturx.Profile;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.validation.InvoiceValidator;
import io.einvoice.gateway.validation.ValidationReport;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Lines read from a text PDF's table make the recognised Factur-X EN 16931, and our validator accepts it (no OCR here). */
class RecognisedFacturXLinesTest {

    private static final RecognitionLimits LIMITS = new RecognitionLimits(100, 100_000_000L);
    private static final Dossier BUYER = new Dossier("d1", "f1", SampleInvoices.BUYER_SIREN, null, "DEMONSTRATION SAS",
            SampleInvoices.BUYER_VAT, 12, "ACTIVE", false);

    @Test
    void anExtractedInvoiceWithLinesBecomesAValidEn16931FacturX() throws Exception {
        ExtractedInvoice table = FieldExtractorPartiesTest.extract(LineItemsTest.frenchInvoice("127,50", "447,50", "89,50", "537,00"));
        ExtractedInvoice extracted = new ExtractedInvoice(TextSource.PDF_TEXT, 1, header(table), table.vat(), table.lines());
        Invoice invoice = FacturXInvoice.of(extracted, BUYER, List.of());
        assertThat(invoice.lines()).hasSize(3);

        byte[] page = VisualPdf.of(TestFiles.textPdf("Facture F-2026-014", "Total HT 447,50", "Total TTC 537,00"), LIMITS, List.of()).pdf();
        FacturXResult result = new FacturXWriter().toFacturX(page, invoice, invoice.lines().isEmpty() ? Profile.BASIC_WL : Profile.EN16931);

        ValidationReport ours = InvoiceValidator.shared().validate(result.pdf(), "lines.facturx.pdf");
        assertThat(ours.valid()).as(ours.findings().toString()).isTrue();
        assertThat(ours.profile()).isEqualTo(Profile.EN16931.guideline());
        Invoice back = new InvoiceReader().read(result.pdf()).invoice();
        assertThat(back.lines()).extracting(l -> l.name()).containsExactly("Maintenance annuelle chaudière gaz murale",
                "Pièces détachées", "Déplacement");
        assertThat(back.lines().get(1).netAmount()).isEqualByComparingTo("127.50");
    }

    @Test
    void linesThatNoLongerAddUpAfterACorrectionAreLeftOut() {
        ExtractedInvoice table = FieldExtractorPartiesTest.extract(LineItemsTest.frenchInvoice("127,50", "447,50", "89,50", "537,00"));
        Map<Field, ExtractedField> fields = header(table);
        fields.put(Field.TOTAL_EXCL_VAT, new ExtractedField("457.50", 1, null, null));
        Invoice invoice = FacturXInvoice.of(new ExtractedInvoice(TextSource.PDF_TEXT, 1, fields, table.vat(), table.lines()), BUYER, List.of());
        assertThat(invoice.lines()).isEmpty();
    }

    /** The table's totals with the header fields of a French supplier's invoice. */
    private static Map<Field, ExtractedField> header(ExtractedInvoice table) {
        Map<Field, ExtractedField> fields = new EnumMap<>(table.fields());
        put(fields, Field.NUMBER, "F-2026-014");
        put(fields, Field.ISSUE_DATE, "2026-03-12");
        put(fields, Field.CURRENCY, "EUR");
        put(fields, Field.SELLER_NAME, "Atelier Dupont SARL");
        put(fields, Field.SELLER_SIREN, "732829320");
        put(fields, Field.SELLER_VAT, "FR44732829320");
        put(fields, Field.IBAN, "FR7630006000011234567890189");
        return fields;
    }

    private static void put(Map<Field, ExtractedField> fields, Field f, String value) {
        fields.put(f, new ExtractedField(value, 0.9, null, null));
    }
}
