package io.einvoice.gateway.recognition;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The benchmark's scans are made only of pages PDFBox draws as they are, and judged on what page 1 shows. */
class GroundTruthGeneratorTest {

    private static final Path LEGACY = Path.of(System.getProperty("corpus.dir", "../shared/corpus"))
            .resolve("facturx-valid/fnfe-facturx-1.0-legacy");

    @Test
    void aPageWhoseFontProgramPdfBoxCannotReadIsNotScanned() throws Exception {
        assumeTrue(Files.isDirectory(LEGACY), "no test corpus at " + LEGACY);
        // its ArialMT is embedded but unreadable to PDFBox, which then draws stand-in glyphs in place of the text
        assertThat(GroundTruthGenerator.undrawableFont(Files.readAllBytes(LEGACY.resolve("Facture_FR_EN16931.pdf"))))
                .contains("BAAAAA+ArialMT");
        assertThat(GroundTruthGenerator.undrawableFont(Files.readAllBytes(LEGACY.resolve("Facture_FR_BASICWL.pdf"))))
                .isEmpty();
    }

    @Test
    void aScanIsJudgedOnWhatItsPageShows() throws Exception {
        byte[] twoPages = TestFiles.textPdfPages(new String[] {"Facture N° F-100", "Date : 12/03/2024"},
                new String[] {"Total TTC 120,00 EUR"});
        var expected = com.fasterxml.jackson.databind.json.JsonMapper.builder().build().createObjectNode()
                .put("number", "F-100").put("issueDate", "2024-03-12").put("totalInclVat", "120.00");

        assertThat(GroundTruthGenerator.visibleOnly(expected, twoPages, 1).fieldNames())
                .toIterable().containsExactlyInAnyOrder("number", "issueDate");
        assertThat(GroundTruthGenerator.visibleOnly(expected, twoPages, Integer.MAX_VALUE).fieldNames())
                .toIterable().containsExactlyInAnyOrder("number", "issueDate", "totalInclVat");
    }
}
