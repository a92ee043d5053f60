package io.einvoice.gateway.facturx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The "done when": every CII and UBL file of the corpus whose manifest verdict is valid, converted to Factur-X
 * (read into the canonical model, CII written from it, page rendered from it; EXTENDED when the content needs it) passes
 * Mustang's validator on PDF/A-3 and XML, or, when no Factur-X profile can hold it, is refused for the reason
 * {@link #REFUSED} gives. Mustang needs some 3 s per file here, so the suite runs a fixed sample of
 * {@value #SAMPLE_SIZE} files (every n-th of the list) plus the {@link #ADAPTED} and {@link #REFUSED} ones; {@code -Dcorpus.conversion=all} runs them all and prints the rate
 * ({@code -Dcorpus.conversion=REGEX} runs the files whose path matches).
 */
class CorpusConversionTest {

    static final int SAMPLE_SIZE = 20;

    /**
     * Files no Factur-X profile can hold, with the reason the converter must give (measured with -Dcorpus.conversion=all;
     * Mustang rejects both originals for the same rule). Always run: a refusal costs no Mustang run.
     */
    static final Map<String, String> REFUSED = Map.of(
            "xml-cii/mustang-validator-tests/valid_with_VAT_O.xml",
            "the seller has no identifier (BT-29), legal registration identifier (BT-30) nor VAT identifier (BT-31);"
                    + " rule BR-CO-26",
            "xml-cii/mustang-validator-tests/validZREtestZugferd.xml",
            "(only a tax registration number, BT-32); rule BR-CO-26");

    /**
     * Files whose Factur-X differs from a plain EN 16931 rewrite, with the note the converter must give; they once failed
     * Mustang, so they always run.
     */
    static final Map<String, String> ADAPTED = Map.ofEntries(
            Map.entry("xml-cii/zugferd-corpus-xmlrechnung/EN16931_ElektronischeAdresse.cii.xml", "scheme 9958"),
            Map.entry("xml-cii/zugferd-corpus-xmlrechnung/EN16931_RechnungsUebertragung.cii.xml", "scheme 9958"),
            Map.entry("xml-cii/cen-en16931-1.3.16-examples/XRechnung-O.xml", "vatex-eu-132-1a is written VATEX-EU-132-1A"),
            Map.entry("xml-ubl/cen-en16931-testfiles/CreditNote-Max_content.xml", "vatex-eu-132-1g is written VATEX-EU-132-1G"),
            Map.entry("xml-ubl/cen-en16931-testfiles/Invoice-Max_content.xml", "vatex-eu-132-1g is written VATEX-EU-132-1G"),
            Map.entry("xml-ubl/cen-en16931-1.3.16-examples/FT_G2G_TD01_con_Allegato__Bonifico_e_Split_Payment.xml",
                    "VAT category code B (split payment)"),
            Map.entry("xml-cii/zugferd-2.5.2-official-via-phive/extended/factur-x-5.xml", "received EXTENDED CII is attached"),
            Map.entry("xml-cii/zugferd-2.5.2-official-via-phive/extended/factur-x-15.xml", "received EXTENDED CII is attached"),
            Map.entry("xml-cii/zugferd-2.5.2-official-via-phive/extended/factur-x-24.xml", "received EXTENDED CII is attached"));
    private static final Pattern VALID = Pattern.compile("^valid(?!\\?)\\b.*|.*\\(valid\\).*");

    private final InvoiceReader reader = new InvoiceReader();
    private final FacturXWriter writer = new FacturXWriter();

    @Test
    void validCiiAndUblFilesBecomeFacturXThatMustangAccepts() throws Exception {
        Path corpus = CorpusReadTest.CORPUS;
        assumeTrue(Files.isDirectory(corpus), "no test corpus at " + corpus);
        List<String> files = validXmlFiles(corpus);
        String wanted = System.getProperty("corpus.conversion", "");
        List<String> chosen = wanted.equals("all") ? files
                : wanted.isEmpty() ? withAdaptedAndRefused(sample(files))
                : files.stream().filter(Pattern.compile(wanted).asPredicate()).toList();

        Map<String, String> failures = new LinkedHashMap<>();
        long start = System.nanoTime();
        for (String file : chosen) {
            String failure = convertAndValidate(file, corpus.resolve(file));
            if (failure != null) {
                failures.put(file, failure);
            }
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        System.out.printf("corpus conversion: %d valid CII/UBL files, %d s%n", chosen.size(), seconds);
        failures.forEach((file, reason) -> System.out.println("  FAILED " + file + ": " + reason));
        long refused = chosen.stream().filter(REFUSED::containsKey).count();
        System.out.printf("corpus conversion: %d of %d converted files pass Mustang; %d refused with the expected reason%n",
                chosen.size() - refused - failures.size(), chosen.size() - refused, refused);
        assertThat(failures).isEmpty();
    }

    /** Null when the file behaved as it must: converted and accepted by Mustang, or refused for the expected reason. */
    private String convertAndValidate(String name, Path file) {
        try {
            StructuredInvoice read = reader.read(Files.readAllBytes(file));
            FacturXResult result;
            try {
                result = writer.toFacturX(null, read, Profile.EN16931);
            } catch (ConversionException e) {
                return REFUSED.containsKey(name) && e.getMessage().contains(REFUSED.get(name)) ? null
                        : "refused: " + e.getMessage();
            }
            if (REFUSED.containsKey(name)) {
                return "converted although it must be refused (" + REFUSED.get(name) + ")";
            }
            if (ADAPTED.containsKey(name) && result.notes().stream().noneMatch(n -> n.contains(ADAPTED.get(name)))) {
                return "no note '" + ADAPTED.get(name) + "' in " + result.notes();
            }
            MustangVerdict verdict = MustangVerdict.of(result.pdf(), file.getFileName() + ".pdf");
            return verdict.valid() ? null : "pdf=" + verdict.pdfStatus() + " xml=" + verdict.xmlStatus() + " " + verdict.errors();
        } catch (Exception e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    static List<String> validXmlFiles(Path corpus) throws Exception {
        JsonNode manifest = new ObjectMapper().readTree(corpus.resolve("manifest.json").toFile());
        List<String> files = new ArrayList<>();
        for (JsonNode entry : manifest) {
            String file = entry.get("file").asText();
            if ((file.startsWith("xml-cii/") || file.startsWith("xml-ubl/")) && file.endsWith(".xml")
                    && VALID.matcher(entry.get("expected").asText()).matches()) {
                files.add(file);
            }
        }
        return files;
    }

    private static List<String> withAdaptedAndRefused(List<String> sample) {
        List<String> chosen = new ArrayList<>(sample);
        ADAPTED.keySet().stream().sorted().filter(f -> !chosen.contains(f)).forEach(chosen::add);
        REFUSED.keySet().stream().sorted().filter(f -> !chosen.contains(f)).forEach(chosen::add);
        return chosen;
    }

    private static List<String> sample(List<String> files) {
        List<String> sample = new ArrayList<>();
        double step = Math.max(1, files.size() / (double) SAMPLE_SIZE);
        for (double i = 0; i < files.size() && sample.size() < SAMPLE_SIZE; i += step) {
            sample.add(files.get((int) i));
        }
        return sample;
    }
}
