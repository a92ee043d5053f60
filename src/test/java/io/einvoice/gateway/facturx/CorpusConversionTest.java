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
 * EN 16931 (read into the canonical model, CII written from it, page rendered from it), passes Mustang's validator on
 * PDF/A-3 and XML. Mustang needs some 3 s per file here, so the suite runs a fixed sample of
 * {@value #SAMPLE_SIZE} files (every n-th of the list); {@code -Dcorpus.conversion=all} runs them all and prints the rate
 * ({@code -Dcorpus.conversion=REGEX} runs the files whose path matches).
 */
class CorpusConversionTest {

    static final int SAMPLE_SIZE = 20;
    private static final Pattern VALID = Pattern.compile("^valid(?!\\?)\\b.*|.*\\(valid\\).*");

    private final InvoiceReader reader = new InvoiceReader();
    private final FacturXWriter writer = new FacturXWriter();

    @Test
    void validCiiAndUblFilesBecomeFacturXThatMustangAccepts() throws Exception {
        Path corpus = CorpusReadTest.CORPUS;
        assumeTrue(Files.isDirectory(corpus), "no test corpus at " + corpus);
        List<String> files = validXmlFiles(corpus);
        String wanted = System.getProperty("corpus.conversion", "");
        List<String> chosen = wanted.equals("all") ? files : wanted.isEmpty() ? sample(files)
                : files.stream().filter(Pattern.compile(wanted).asPredicate()).toList();

        Map<String, String> failures = new LinkedHashMap<>();
        long start = System.nanoTime();
        for (String file : chosen) {
            String failure = convertAndValidate(corpus.resolve(file));
            if (failure != null) {
                failures.put(file, failure);
            }
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        System.out.printf("corpus conversion: %d of %d valid CII/UBL files became Factur-X EN 16931 that Mustang accepts"
                + " (PDF/A-3 and XML), %d s%n", chosen.size() - failures.size(), chosen.size(), seconds);
        failures.forEach((file, reason) -> System.out.println("  FAILED " + file + ": " + reason));
        assertThat(failures).isEmpty();
    }

    private String convertAndValidate(Path file) {
        try {
            StructuredInvoice read = reader.read(Files.readAllBytes(file));
            FacturXResult result = writer.toFacturX(null, read.invoice(), Profile.EN16931);
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

    private static List<String> sample(List<String> files) {
        List<String> sample = new ArrayList<>();
        double step = Math.max(1, files.size() / (double) SAMPLE_SIZE);
        for (double i = 0; i < files.size() && sample.size() < SAMPLE_SIZE; i += step) {
            sample.add(files.get((int) i));
        }
        return sample;
    }
}
