package io.einvoice.gateway.facturx;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FacturXWriterTest {

    private final InvoiceReader reader = new InvoiceReader();
    private final FacturXWriter writer = new FacturXWriter();

    @Test
    void fromXmlAloneRendersAPageAndPassesMustang() throws Exception {
        StructuredInvoice read = reader.read(Files.readAllBytes(Path.of("samples/invoice-ubl.xml")));
        FacturXResult result = writer.toFacturX(null, read.invoice(), Profile.EN16931);
        Files.write(Path.of("target/scratch-facturx.pdf"), result.pdf());
        Files.write(Path.of("target/scratch-cii.xml"), writer.toCii(read.invoice(), Profile.EN16931));
        MustangVerdict verdict = MustangVerdict.of(result.pdf(), "x.pdf");
        assertThat(verdict.errors()).isEmpty();
        assertThat(verdict.valid()).isTrue();
    }
}
