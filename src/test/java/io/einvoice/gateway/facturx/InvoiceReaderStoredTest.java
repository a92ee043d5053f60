package io.einvoice.gateway.facturx;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A stored blob read twice is parsed once, unless its XML is large enough to matter in memory. */
class InvoiceReaderStoredTest {

    @Test
    void aStoredInvoiceReadAgainIsTheOneReadBefore() throws Exception {
        InvoiceReader reader = new InvoiceReader();
        byte[] cii = SampleInvoices.ciiXml("STORED-1");

        StructuredInvoice first = reader.readStored("a".repeat(64), cii);

        assertThat(reader.readStored("a".repeat(64), cii)).isSameAs(first);
        assertThat(first.invoice().number()).isEqualTo("STORED-1");
    }

    @Test
    void aStoredInvoiceOfMoreThan256KilobytesOfXmlIsReadAgainNotKept() throws Exception {
        InvoiceReader reader = new InvoiceReader();
        String cii = new String(SampleInvoices.ciiXml("STORED-2"), StandardCharsets.UTF_8);
        int afterDeclaration = cii.startsWith("<?xml") ? cii.indexOf("?>") + 2 : 0;
        byte[] large = (cii.substring(0, afterDeclaration) + "<!--" + "x".repeat(300 * 1024) + "-->"
                + cii.substring(afterDeclaration))
                .getBytes(StandardCharsets.UTF_8);

        StructuredInvoice first = reader.readStored("b".repeat(64), large);

        assertThat(first.invoice().number()).isEqualTo("STORED-2");
        assertThat(reader.readStored("b".repeat(64), large)).isNotSameAs(first);
    }
}
