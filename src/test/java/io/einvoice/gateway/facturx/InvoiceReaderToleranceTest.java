package io.einvoice.gateway.facturx;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Files that look odd but hold a readable invoice are read, not refused. */
class InvoiceReaderToleranceTest {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final InvoiceReader reader = new InvoiceReader();

    /** Encryption with an owner password only restricts permissions; everyone can open it, so the invoice is read. */
    @Test
    void aPdfRestrictedByAnOwnerPasswordOnly() throws Exception {
        byte[] restricted = InvoiceReaderRefusalTest.protect(SampleInvoices.facturXPdf("RESTRICTED-1"), "owner-secret", "");

        assertThat(reader.read(restricted).invoice().number()).isEqualTo("RESTRICTED-1");
    }

    @Test
    void aPdfWithBytesBeforeItsHeader() throws Exception {
        byte[] pdf = concat("HTTP leftovers\r\n\r\n".getBytes(StandardCharsets.US_ASCII), SampleInvoices.facturXPdf("PREFIXED-1"));

        StructuredInvoice read = reader.read(pdf);

        assertThat(read.format()).isEqualTo(InvoiceFormat.FACTUR_X);
        assertThat(read.invoice().number()).isEqualTo("PREFIXED-1");
    }

    @Test
    void xmlWithAByteOrderMarkAndLeadingWhiteSpace() throws Exception {
        String cii = new String(SampleInvoices.ciiXml("BOM-1"), StandardCharsets.UTF_8);
        // an XML declaration must come first, so the white-space variant goes without one
        String undeclared = "\n  " + cii.replaceFirst("^<\\?xml[^>]*\\?>", "");

        assertThat(reader.read(concat(BOM, cii.getBytes(StandardCharsets.UTF_8))).invoice().number()).isEqualTo("BOM-1");
        assertThat(reader.read(concat(BOM, undeclared.getBytes(StandardCharsets.UTF_8))).invoice().number()).isEqualTo("BOM-1");
    }

    @Test
    void utf16Xml() throws Exception {
        String cii = new String(SampleInvoices.ciiXml("UTF16-1"), StandardCharsets.UTF_8).replaceFirst("^<\\?xml[^>]*\\?>", "");

        assertThat(reader.read(cii.getBytes(StandardCharsets.UTF_16)).invoice().seller().name())
                .isEqualTo(SampleInvoices.SELLER_NAME);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = new byte[a.length + b.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
