package io.einvoice.gateway.facturx;

import org.junit.jupiter.api.Test;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class XmlOutTest {

    @Test
    void controlCharactersFromAnInputAreDroppedSoTheDocumentStillParses() throws Exception {
        byte[] xml = new XmlOut(Map.of("ram", "urn:x")).root("ram:Party")
                .leaf("ram:Name", "Lumi\u0001ère\u000B & fils", "lang", "fr\u0002").finish();

        var document = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml));

        assertThat(document.getDocumentElement().getTextContent()).isEqualTo("Lumière & fils");
        assertThat(new String(xml, StandardCharsets.UTF_8)).contains("lang=\"fr\"");
    }

    @Test
    void aFormatWithoutNamespaceIsWrittenWithPlainNamesAndMissingValuesAreLeftOut() {
        String xml = new String(new XmlOut(Map.of()).root("Report").leaf("Id", "r-1").leaf("Name", (String) null)
                .leaf("Amount", "1.00", "CurrencyCode", "EUR").end().finish(), StandardCharsets.UTF_8);

        assertThat(xml).endsWith("<Report><Id>r-1</Id><Amount CurrencyCode=\"EUR\">1.00</Amount></Report>");
    }
}
