package io.einvoice.gateway.facturx;

import io.einvoice.gateway.dossier.Siren;
import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.InvoiceLine;
import io.einvoice.gateway.invoice.InvoiceType;
import io.einvoice.gateway.invoice.Money;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.xml.DomXmpParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every sample, read back through the same {@link InvoiceReader} ingest uses, says what the generator put in. */
class SampleInvoicesTest {

    private final InvoiceReader reader = new InvoiceReader();

    @ParameterizedTest
    @CsvSource({
            "facturx-en16931.pdf, FACTUR_X, FA-2026-0042",
            "invoice-cii.xml,     CII,      FA-2026-0043",
            "invoice-ubl.xml,     UBL,      FA-2026-0044"})
    void eachSampleReadsBackWithTheFieldsItWasMadeWith(String file, InvoiceFormat format, String number) throws Exception {
        StructuredInvoice read = reader.read(SampleInvoices.generateAll().get(file));

        assertThat(read.format()).isEqualTo(format);
        assertThat(read.profile()).isEqualTo("urn:cen.eu:en16931:2017");
        Invoice invoice = read.invoice();
        assertThat(invoice.number()).isEqualTo(number);
        assertThat(invoice.type()).isEqualTo(InvoiceType.INVOICE);
        assertThat(invoice.issueDate()).isEqualTo(LocalDate.of(2026, 3, 16));
        assertThat(invoice.dueDate()).isEqualTo(LocalDate.of(2026, 4, 15));
        assertThat(invoice.currency()).isEqualTo("EUR");
        assertThat(invoice.seller().name()).isEqualTo("Fournitures Lumière SARL");
        assertThat(invoice.seller().siren()).isEqualTo("732829320");
        assertThat(invoice.seller().siret()).isEqualTo("73282932000017");
        assertThat(invoice.seller().vatId()).isEqualTo("FR44732829320");
        assertThat(invoice.buyer().name()).isEqualTo("DEMONSTRATION SAS");
        assertThat(invoice.buyer().siren()).isEqualTo("123456782");
        assertThat(invoice.buyer().vatId()).isEqualTo("FR11123456782");
        assertThat(Money.format(invoice.totals().exclVat())).isEqualTo("510.60").isEqualTo(SampleInvoices.TOTAL_EXCL_VAT);
        assertThat(Money.format(invoice.totals().vat())).isEqualTo("91.68").isEqualTo(SampleInvoices.TOTAL_VAT);
        assertThat(Money.format(invoice.totals().inclVat())).isEqualTo("602.28").isEqualTo(SampleInvoices.TOTAL_INCL_VAT);
        assertThat(Money.format(invoice.totals().duePayable())).isEqualTo("602.28");
        assertThat(invoice.lines()).hasSize(SampleInvoices.LINE_COUNT).hasSize(4);
        InvoiceLine book = invoice.lines().get(2);
        assertThat(book.name()).isEqualTo("Guide « L'éclairage durable »");
        assertThat(book.quantity()).isEqualByComparingTo("3");
        assertThat(book.unitCode()).isEqualTo("C62");
        assertThat(book.netAmount()).isEqualByComparingTo("72.00");
        assertThat(book.vatRate()).isEqualByComparingTo("5.5");
        assertThat(invoice.lines().get(3).unitCode()).isEqualTo("HUR");
    }

    @Test
    void theFrenchIdentifiersAreValidAndTheVatNumbersMatchTheirSiren() {
        assertThat(Siren.isValid(SampleInvoices.SELLER_SIREN)).isTrue();
        assertThat(Siren.isValid(SampleInvoices.BUYER_SIREN)).isTrue();
        assertThat(Siren.isValidSiret(SampleInvoice.SELLER_SIRET)).isTrue();
        // keys worked out by hand: (12 + 3 × (SIREN mod 97)) mod 97
        assertThat(SampleInvoices.SELLER_VAT).isEqualTo("FR44732829320");
        assertThat(SampleInvoices.BUYER_VAT).isEqualTo("FR11123456782");
    }

    @Test
    void facturXPdfCarriesTheRequestedNumberAndTheSameTotals() throws Exception {
        byte[] first = SampleInvoices.facturXPdf("ING-7");
        byte[] second = SampleInvoices.facturXPdf("ING-8");

        assertThat(reader.read(first).invoice().number()).isEqualTo("ING-7");
        assertThat(reader.read(second).invoice().number()).isEqualTo("ING-8");
        assertThat(Money.format(reader.read(second).invoice().totals().inclVat())).isEqualTo(SampleInvoices.FACTURX_TOTAL_INCL_VAT);
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void theFacturXSampleIsAPdfA3WithEmbeddedFontsAndTheInvoiceAsAlternativeAttachment() throws Exception {
        try (PDDocument pdf = Loader.loadPDF(SampleInvoices.generateAll().get(SampleInvoices.FACTURX_FILE))) {
            XMPMetadata xmp = new DomXmpParser().parse(pdf.getDocumentCatalog().getMetadata().toByteArray());
            assertThat(xmp.getPDFAIdentificationSchema().getPart()).isEqualTo(3);
            assertThat(pdf.getDocumentCatalog().getOutputIntents()).hasSize(1);
            assertThat(pdf.getDocumentCatalog().getOutputIntents().get(0).getOutputConditionIdentifier())
                    .isEqualTo("sRGB IEC61966-2.1");
            for (COSName name : pdf.getPage(0).getResources().getFontNames()) {
                PDFont font = pdf.getPage(0).getResources().getFont(name);
                assertThat(font.isEmbedded()).as(font.getName()).isTrue();
            }
            Map<String, PDComplexFileSpecification> files = pdf.getDocumentCatalog().getNames().getEmbeddedFiles().getNames();
            assertThat(files).containsOnlyKeys("factur-x.xml");
            assertThat(files.get("factur-x.xml").getCOSObject().getNameAsString("AFRelationship")).isEqualTo("Alternative");
        }
    }

    @Test
    void theVisiblePageShowsWhatTheXmlSays() throws Exception {
        try (PDDocument pdf = Loader.loadPDF(SampleInvoices.facturXPdf("PAGE-1"))) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("PAGE-1", "Fournitures Lumière SARL", "DEMONSTRATION SAS", "SIREN 732829320",
                    "TVA FR11123456782", "510,60 €", "87,72 €", "3,96 €", "602,28 €", "16/03/2026", "15/04/2026");
        }
    }

    @Test
    void theBrokenSampleIsTheStartOfTheFacturXSampleAndReadsAsTruncated() {
        Map<String, byte[]> samples = SampleInvoices.generateAll();
        byte[] whole = samples.get(SampleInvoices.FACTURX_FILE);
        byte[] broken = SampleInvoices.brokenPdf();

        assertThat(broken).isEqualTo(samples.get(SampleInvoices.BROKEN_FILE)).isEqualTo(SampleInvoices.brokenPdf());
        assertThat(broken.length).isBetween(whole.length * 35 / 100, whole.length * 45 / 100);
        assertThat(Arrays.copyOf(whole, broken.length)).isEqualTo(broken);
        assertThatThrownBy(() -> reader.read(broken))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageStartingWith("PDF is damaged or truncated:");
    }

    @Test
    void thePlainPdfHasNoInvoiceData() {
        assertThatThrownBy(() -> reader.read(SampleInvoices.plainPdf()))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessage("no structured invoice data: the PDF has no Factur-X/ZUGFeRD XML attachment");
    }

    @Test
    void writeAllWritesTheFourFilesAndNoLeftovers(@TempDir Path dir) throws Exception {
        SampleInvoices.writeAll(dir);

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "facturx-en16931.pdf", "invoice-cii.xml", "invoice-ubl.xml", "broken.pdf");
        }
        for (Map.Entry<String, byte[]> sample : SampleInvoices.generateAll().entrySet()) {
            assertThat(dir.resolve(sample.getKey())).hasBinaryContent(sample.getValue());
        }
    }

    /** Ingest shares one reader between its consumer threads. */
    @Test
    void oneReaderServesManyThreadsAtOnce() throws Exception {
        List<byte[]> pdfs = IntStream.range(0, 16).mapToObj(i -> SampleInvoices.facturXPdf("PAR-" + i)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> numbers = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (byte[] pdf : pdfs) {
                    numbers.add(pool.submit(() -> reader.read(pdf).invoice().number()));
                }
            }
            for (int i = 0; i < numbers.size(); i++) {
                assertThat(numbers.get(i).get(30, TimeUnit.SECONDS)).isEqualTo("PAR-" + (i % pdfs.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSampleTotalsFollowTheEn16931VatArithmetic() {
        assertThat(SampleInvoice.vatByRate()).containsExactly(
                Map.entry(new BigDecimal("20"), new BigDecimal("87.72")),
                Map.entry(new BigDecimal("5.5"), new BigDecimal("3.96")));
        assertThat(new BigDecimal(SampleInvoices.TOTAL_EXCL_VAT).add(new BigDecimal(SampleInvoices.TOTAL_VAT)))
                .isEqualByComparingTo(SampleInvoices.TOTAL_INCL_VAT);
    }
}
