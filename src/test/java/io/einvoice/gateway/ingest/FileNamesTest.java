package io.einvoice.gateway.ingest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class FileNamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "facture.pdf|facture.pdf",
            "../../etc/passwd|passwd",
            "..\\..\\windows\\win.ini|win.ini",
            "/absolute/path/f.xml|f.xml",
            "..|unnamed",
            "''|unnamed",
            ".hidden.pdf|hidden.pdf",
            "fac<ture>:1?.pdf|fac_ture__1_.pdf",
            "Facture été n°12.pdf|Facture été n°12.pdf",
    })
    void keepsOnlyASafeLastSegment(String raw, String expected) {
        assertThat(FileNames.sanitize(raw)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void replacesControlCharacters() {
        assertThat(FileNames.sanitize("a\u0000b.pdf")).isEqualTo("a_b.pdf");
        assertThat(FileNames.sanitize("a\nb\r.pdf")).isEqualTo("a_b_.pdf");
    }

    @org.junit.jupiter.api.Test
    void capsTheLengthKeepingTheExtension() {
        String sanitized = FileNames.sanitize("x".repeat(1000) + ".pdf");
        assertThat(sanitized).hasSize(FileNames.MAX_LENGTH).endsWith(".pdf");
    }
}
