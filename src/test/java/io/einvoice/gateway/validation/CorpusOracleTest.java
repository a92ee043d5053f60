package io.einvoice.gateway.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The test corpus as an oracle: each file's verdict must be the one its manifest entry states ("valid ...",
 * "invalid ...", "corrupted ..."; entries like "valid?" or "import test input" assert nothing and are skipped).
 * Where the source's intent is no longer what today's rules say, {@code corpus-exceptions.txt} gives the verdict of
 * today's rules with the reason (Mustang 2.25 agrees with each of them; see the bench). By default a stratified sample
 * runs (a few files of every source folder, spread over the folder); {@code -Dcorpus.full=true} runs every file.
 */
class CorpusOracleTest {

    static final Path CORPUS = Path.of(System.getProperty("corpus.dir", "../shared/corpus"));
    private static final List<String> FOLDERS = List.of("facturx-valid", "facturx-invalid", "xml-cii", "xml-ubl");
    private static final int PER_SOURCE_FOLDER = 3;

    static InvoiceValidator validator;

    @BeforeAll
    static void compile() {
        assumeTrue(Files.isDirectory(CORPUS), "no test corpus at " + CORPUS);
        validator = InvoiceValidator.shared();
    }

    @TestFactory
    Stream<DynamicTest> everySampledFileGetsItsExpectedVerdict() throws IOException {
        if (!Files.isDirectory(CORPUS)) {
            return Stream.empty();
        }
        Map<String, Boolean> expected = expectations();
        Map<String, Exception> exceptions = exceptionsFile();
        boolean full = Boolean.getBoolean("corpus.full");
        Map<String, List<String>> bySource = new TreeMap<>();
        expected.keySet().forEach(file -> bySource.computeIfAbsent(file.substring(0, nthSlash(file, 2)), k -> new ArrayList<>()).add(file));
        List<String> chosen = new ArrayList<>();
        bySource.values().forEach(files -> chosen.addAll(full ? files : spread(files)));
        return chosen.stream().map(file -> DynamicTest.dynamicTest(file, () -> {
            Exception exception = exceptions.get(file);
            boolean want = exception == null ? expected.get(file) : exception.valid();
            ValidationReport report = validator.validate(Files.readAllBytes(CORPUS.resolve(file)), file);
            assertThat(report.valid())
                    .as("%s: manifest says %s%s; we found %s", file, expected.get(file) ? "valid" : "invalid",
                            exception == null ? "" : " (exception: " + exception.reason() + ")", report.errorRuleIds())
                    .isEqualTo(want);
        }));
    }

    /** Manifest entries with a definite verdict, in the four folders of structured invoices. */
    static Map<String, Boolean> expectations() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(CORPUS.resolve("manifest.json").toFile());
        Map<String, Boolean> expected = new LinkedHashMap<>();
        for (JsonNode entry : manifest) {
            String file = entry.get("file").asText();
            String verdict = entry.get("expected").asText().toLowerCase(Locale.ROOT);
            if (FOLDERS.stream().noneMatch(f -> file.startsWith(f + "/")) || !Files.isRegularFile(CORPUS.resolve(file))) {
                continue;
            }
            if (verdict.startsWith("invalid") || verdict.startsWith("corrupted")) {
                expected.put(file, false);
            } else if (verdict.startsWith("valid") && !verdict.startsWith("valid?")) {
                expected.put(file, true);
            }
        }
        return expected;
    }

    record Exception(boolean valid, String reason) {
    }

    /** {@code path | valid|invalid | reason}, one per line; # starts a comment. */
    static Map<String, Exception> exceptionsFile() throws IOException {
        Map<String, Exception> exceptions = new LinkedHashMap<>();
        try (InputStream in = CorpusOracleTest.class.getResourceAsStream("/validation/corpus-exceptions.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\|", 3);
                exceptions.put(parts[0].strip(), new Exception(parts[1].strip().equals("valid"), parts[2].strip()));
            }
        }
        return exceptions;
    }

    /** A few files from the whole length of a folder, not just its first ones. */
    private static List<String> spread(List<String> files) {
        if (files.size() <= PER_SOURCE_FOLDER) {
            return files;
        }
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < PER_SOURCE_FOLDER; i++) {
            chosen.add(files.get(i * (files.size() - 1) / (PER_SOURCE_FOLDER - 1)));
        }
        return chosen;
    }

    private static int nthSlash(String path, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = path.indexOf('/', at + 1);
            if (at < 0) {
                return path.length();
            }
        }
        return at;
    }
}
