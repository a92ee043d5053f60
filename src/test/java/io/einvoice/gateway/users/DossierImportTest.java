package io.einvoice.gateway.users;

import io.einvoice.gateway.party.ImportTable;
import io.einvoice.gateway.party.PartyExport;
import io.einvoice.gateway.party.SheetReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The template reads back as what the import expects, in both formats. */
class DossierImportTest {

    @Test
    void theTemplateReadsBackWithItsHeadersAndItsExampleLine() {
        for (PartyExport.Format format : PartyExport.Format.values()) {
            ImportTable table = SheetReader.read(DossierImport.template(format));
            assertThat(table.headers()).as(format.name()).containsExactlyElementsOf(DossierImport.Column.headers());
            assertThat(table.rows()).as(format.name()).hasSize(1);
            assertThat(table.rows().get(0).cells()).as(format.name()).startsWith("732829320", "Exemple SARL");
            for (String header : table.headers()) {
                assertThat(DossierImport.Column.guess(header)).as(header).isPresent();
            }
        }
    }
}
