package io.einvoice.gateway.facturx;

import io.einvoice.gateway.dossier.Siren;
import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.InvoiceType;
import io.einvoice.gateway.invoice.Totals;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Reads the shared test corpus in place (official FNFE, CEN, ZUGFeRD, XRechnung, Mustang samples; see its manifest.json).
 * Skipped when the corpus is not there; {@code -Dcorpus.dir=...} points elsewhere.
 */
class CorpusReadTest {

    static final Path CORPUS = Path.of(System.getProperty("corpus.dir", "../shared/corpus"));
    /** vefa unit test sets wrap many small fragments in a testSet root: they are refused as "not an invoice". */
    private static final String TEST_SET_FOLDER = "cen-en16931-unit-testsets";

    private final InvoiceReader reader = new InvoiceReader();

    @BeforeAll
    static void corpusIsThere() {
        assumeTrue(Files.isDirectory(CORPUS), "no test corpus at " + CORPUS);
    }

    @Test
    void everyFacturXAndZugferdPdfThatIsMeantToBeValidIsRead() {
        Outcome outcome = readAll("facturx-valid", ".pdf");

        assertThat(outcome.read()).hasSizeGreaterThan(150);
        assertThat(outcome.refused()).isEmpty();
        assertThat(outcome.read().values()).allSatisfy(i -> assertThat(i.number()).isNotNull());
    }

    @Test
    void everyCiiInvoiceIsReadAndTheTestSetWrappersAreRefusedAsSuch() {
        Outcome outcome = readAll("xml-cii", ".xml");

        assertThat(outcome.read()).hasSizeGreaterThan(150);
        assertOnlyTestSetsRefused(outcome);
    }

    @Test
    void everyUblInvoiceIsReadAndTheTestSetWrappersAreRefusedAsSuch() {
        Outcome outcome = readAll("xml-ubl", ".xml");

        assertThat(outcome.read()).hasSizeGreaterThan(100);
        assertOnlyTestSetsRefused(outcome);
    }

    @Test
    void plainPdfsAreRefusedForHavingNoInvoiceData() {
        Outcome outcome = readAll("plain-pdf", ".pdf");

        assertThat(outcome.read()).isEmpty();
        assertThat(outcome.refused()).hasSizeGreaterThan(10)
                .allSatisfy((file, reason) -> assertThat(reason).startsWith("no structured invoice data: "));
        assertThat(outcome.refused().get("plain-pdf/invoice2data/AzureInterior.pdf"))
                .contains("it embeds UBL-Invoice-2.1.xml");
    }

    @Test
    void brokenPdfsOfTheInvalidFolderGetTheirReason() throws IOException {
        assertThat(refusal("facturx-invalid/mustang-tests/corrupt-factur-x-waytoosmall.pdf"))
                .startsWith("PDF is damaged or truncated: it does not end with the %%EOF marker (15 bytes received");
        assertThat(refusal("facturx-invalid/mustang-tests/corruptedV2PDF.pdf"))
                .startsWith("PDF is damaged: its metadata announces the invoice attachment factur-x.xml");
        assertThat(refusal("facturx-invalid/zugferd-corpus-v2/factur-x-invalid-xml-encoding-attribute.pdf"))
                .startsWith("XML is not well-formed: line 1, column 47: ")
                .endsWith("(in the PDF's factur-x.xml attachment)");
    }

    static Stream<Path> fnfe108() {
        return CORPUS.toFile().isDirectory() ? files("facturx-valid/fnfe-facturx-1.08", ".pdf").stream() : Stream.empty();
    }

    /** The official French samples: the number is in the file name, the profile is the folder. */
    @ParameterizedTest
    @MethodSource("fnfe108")
    void officialFnfeFacturX108Sample(Path pdf) throws Exception {
        StructuredInvoice read = reader.read(Files.readAllBytes(pdf));
        Invoice invoice = read.invoice();
        String profileFolder = pdf.getParent().getFileName().toString();
        String fileName = pdf.getFileName().toString();

        assertThat(read.format()).isEqualTo(InvoiceFormat.FACTUR_X);
        assertThat(read.profile()).isEqualTo(Map.of(
                "MINIMUM", "urn:factur-x.eu:1p0:minimum",
                "BASICWL", "urn:factur-x.eu:1p0:basicwl",
                "BASIC", "urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic",
                "EN16931", "urn:cen.eu:en16931:2017",
                "EXTENDED", "urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended").get(profileFolder));
        assertThat(invoice.number()).isEqualTo(fileName.substring("Facture_".length(), fileName.indexOf('-')));
        assertThat(invoice.currency()).isEqualTo("EUR");
        assertThat(Siren.isValid(invoice.seller().siren())).as("seller SIREN %s", invoice.seller().siren()).isTrue();
        assertThat(invoice.totals().inclVat()).isNotNull();
        assertTotalsAgree(invoice.totals());
        boolean linesInProfile = !profileFolder.equals("MINIMUM") && !profileFolder.equals("BASICWL");
        assertThat(invoice.lines().isEmpty()).isEqualTo(!linesInProfile);
        if (linesInProfile) {
            assertThat(invoice.lines()).allSatisfy(line -> assertThat(line.netAmount()).isNotNull());
        }
    }

    @Test
    void oneFnfeInvoiceSaysTheSameInAllFiveProfiles() {
        Map<String, List<Totals>> totalsByNumber = new TreeMap<>();
        fnfe108().forEach(pdf -> {
            Invoice invoice = readOrFail(pdf);
            totalsByNumber.computeIfAbsent(invoice.number(), n -> new ArrayList<>()).add(headline(invoice.totals()));
        });

        assertThat(totalsByNumber).hasSizeGreaterThanOrEqualTo(10);
        totalsByNumber.forEach((number, totals) -> assertThat(totals).as(number).hasSizeGreaterThan(1)
                .allSatisfy(t -> assertThat(t).isEqualTo(totals.get(0))));
    }

    /** Values read by eye from the XML of each file. */
    @Test
    void namedFilesGiveTheValuesTheirXmlStates() throws Exception {
        Invoice fnfe = read("facturx-valid/fnfe-facturx-1.08/EN16931/Facture_F20260023-LE_FOURNISSEUR-POUR-LE_CLIENT_EN_16931.pdf");
        assertThat(fnfe.number()).isEqualTo("F20260023");
        assertThat(fnfe.type()).isEqualTo(InvoiceType.INVOICE);
        assertThat(fnfe.issueDate()).isEqualTo(LocalDate.of(2026, 1, 31));
        assertThat(fnfe.seller().name()).isEqualTo("LE FOURNISSEUR");
        assertThat(fnfe.seller().siren()).isEqualTo("123456782");
        assertThat(fnfe.seller().siret()).isEqualTo("12345678200077");
        assertThat(fnfe.seller().vatId()).isEqualTo("FR11123456782");
        assertThat(fnfe.buyer().siren()).isEqualTo("987654321");
        assertThat(fnfe.buyer().vatId()).isEqualTo("FR 05 987 654 321");
        assertThat(headline(fnfe.totals())).isEqualTo(totals("100.00", "4.90", "104.90", "104.90"));
        assertThat(fnfe.lines()).hasSize(3);

        StructuredInvoice zugferd1 = reader.read(Files.readAllBytes(
                CORPUS.resolve("facturx-valid/zugferd-corpus-v1/MustangGnuaccountingBeispielRE-20140703_502.pdf")));
        assertThat(zugferd1.format()).isEqualTo(InvoiceFormat.ZUGFERD);
        assertThat(zugferd1.profile()).isEqualTo("urn:ferd:invoice:rc:comfort");
        assertThat(zugferd1.invoice().number()).isEqualTo("RE-20140703/502");
        assertThat(zugferd1.invoice().dueDate()).isEqualTo(LocalDate.of(2014, 7, 24));
        assertThat(zugferd1.invoice().seller().vatId()).isEqualTo("DE136695976");
        assertThat(headline(zugferd1.invoice().totals())).isEqualTo(totals("496.00", "75.04", "571.04", "571.04"));
        assertThat(zugferd1.invoice().lines()).hasSize(3);
        assertThat(zugferd1.invoice().lines().get(0).vatRate()).isEqualByComparingTo("7");

        Invoice ubl = read("xml-ubl/cen-en16931-1.3.16-examples/ubl-tc434-example1.xml");
        assertThat(ubl.number()).isEqualTo("12115118");
        assertThat(ubl.issueDate()).isEqualTo(LocalDate.of(2015, 1, 9));
        assertThat(ubl.seller().name()).isEqualTo("De Koksmaat");
        assertThat(ubl.seller().vatId()).isEqualTo("NL8200.98.395.B.01");
        assertThat(headline(ubl.totals())).isEqualTo(totals("229.60", "20.73", "250.33", "250.33"));
        assertThat(ubl.lines()).hasSize(20);

        Invoice creditNote = read("xml-ubl/mustang-tests/ubl-creditnote.xml");
        assertThat(creditNote.type()).isEqualTo(InvoiceType.CREDIT_NOTE);
        assertThat(creditNote.number()).isEqualTo("TOSL108");
        // as written: 1436.5 + 292.20 is 1728.70, the file rounds its payable amount
        assertThat(headline(creditNote.totals())).isEqualTo(totals("1436.5", "292.20", "1729", "729"));
    }

    private void assertOnlyTestSetsRefused(Outcome outcome) {
        Map<String, String> notTestSets = outcome.refused().entrySet().stream()
                .filter(e -> !e.getKey().contains("/" + TEST_SET_FOLDER + "/"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(notTestSets).isEmpty();
        assertThat(outcome.refused().values()).allSatisfy(reason -> assertThat(reason)
                .isEqualTo("not an invoice: root element {http://difi.no/xsd/vefa/validator/1.0}testSet is neither"
                        + " a CII CrossIndustryInvoice nor a UBL Invoice/CreditNote"));
        assertThat(outcome.read().keySet()).noneMatch(file -> file.contains("/" + TEST_SET_FOLDER + "/"));
    }

    private static void assertTotalsAgree(Totals totals) {
        if (totals.exclVat() != null && totals.vat() != null && totals.inclVat() != null) {
            assertThat(totals.exclVat().add(totals.vat())).isEqualByComparingTo(totals.inclVat());
        }
    }

    /** The four totals every profile states (MINIMUM has no line, allowance or charge total). */
    private static Totals headline(Totals t) {
        return new Totals(t.exclVat(), t.vat(), t.inclVat(), t.duePayable());
    }

    private static Totals totals(String exclVat, String vat, String inclVat, String due) {
        return new Totals(new BigDecimal(exclVat), new BigDecimal(vat),
                new BigDecimal(inclVat), new BigDecimal(due));
    }

    private record Outcome(Map<String, Invoice> read, Map<String, String> refused) {
    }

    /** Reads a folder and prints the counts, so a run shows how much of the corpus the reader covers and how fast. */
    private Outcome readAll(String folder, String extension) {
        Map<String, Invoice> read = new TreeMap<>();
        Map<String, String> refused = new TreeMap<>();
        long started = System.nanoTime();
        List<Path> files = files(folder, extension);
        for (Path file : files) {
            String name = CORPUS.relativize(file).toString();
            try {
                read.put(name, reader.read(Files.readAllBytes(file)).invoice());
            } catch (UnreadableInvoiceException e) {
                refused.put(name, e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "corpus %s: %d files, %d read, %d refused, %.1f s, %.0f files/s%n",
                folder, files.size(), read.size(), refused.size(), seconds, files.size() / seconds);
        refused.entrySet().stream().filter(e -> !e.getKey().contains("/" + TEST_SET_FOLDER + "/"))
                .forEach(e -> System.out.printf("  refused %s: %s%n", e.getKey(), e.getValue()));
        return new Outcome(read, refused);
    }

    private static List<Path> files(String folder, String extension) {
        try (Stream<Path> walk = Files.walk(CORPUS.resolve(folder))) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(extension))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Invoice read(String file) throws Exception {
        return reader.read(Files.readAllBytes(CORPUS.resolve(file))).invoice();
    }

    private Invoice readOrFail(Path file) {
        try {
            return reader.read(Files.readAllBytes(file)).invoice();
        } catch (Exception e) {
            throw new AssertionError(file + ": " + e.getMessage(), e);
        }
    }

    private String refusal(String file) throws IOException {
        byte[] content = Files.readAllBytes(CORPUS.resolve(file));
        UnreadableInvoiceException refused = catchThrowableOfType(UnreadableInvoiceException.class, () -> reader.read(content));
        assertThat(refused).as(file).isNotNull();
        return refused.getMessage();
    }
}
