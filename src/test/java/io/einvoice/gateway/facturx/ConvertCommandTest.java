package io.einvoice.gateway.facturx;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./gateway convert}: exit 0 converted, 1 could not convert (reason printed), 2 usage error. */
class ConvertCommandTest {

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void ublToCiiAndBackToUbl() throws Exception {
        Path ubl = Files.write(dir.resolve("in.xml"), SampleInvoices.ublXml("FA-CLI-1"));
        Path cii = dir.resolve("out-cii.xml");
        Path ublAgain = dir.resolve("out-ubl.xml");

        assertThat(run(ubl.toString(), "--to", "cii", "-o", cii.toString())).isZero();
        assertThat(run(cii.toString(), "--to", "ubl", "-o", ublAgain.toString())).isZero();

        StructuredInvoice fromCii = new InvoiceReader().read(Files.readAllBytes(cii));
        assertThat(fromCii.format()).isEqualTo(InvoiceFormat.CII);
        assertThat(fromCii.invoice().number()).isEqualTo("FA-CLI-1");
        StructuredInvoice fromUbl = new InvoiceReader().read(Files.readAllBytes(ublAgain));
        assertThat(fromUbl.format()).isEqualTo(InvoiceFormat.UBL);
        assertThat(fromUbl.invoice().totals().inclVat()).isEqualByComparingTo(SampleInvoices.TOTAL_INCL_VAT);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("-> " + ublAgain + " (UBL 2.1)");
    }

    @Test
    void ciiToFacturXInTheChosenProfile() throws Exception {
        Path cii = Files.write(dir.resolve("in.xml"), SampleInvoices.ciiXml("FA-CLI-2"));
        Path pdf = dir.resolve("out.pdf");

        assertThat(run(cii.toString(), "--to", "facturx", "--profile", "basic", "-o", pdf.toString())).isZero();

        StructuredInvoice read = new InvoiceReader().read(Files.readAllBytes(pdf));
        assertThat(read.format()).isEqualTo(InvoiceFormat.FACTUR_X);
        assertThat(read.profile()).isEqualTo(Profile.BASIC.guideline());
    }

    @Test
    void aFacturXConvertedAgainKeepsItsPageAndCarriesOneInvoiceXml() throws Exception {
        Path in = Files.write(dir.resolve("in.pdf"), SampleInvoices.facturXPdf("FA-CLI-3"));
        Path pdf = dir.resolve("out.pdf");

        assertThat(run(in.toString(), "--to", "facturx", "--profile", "extended", "-o", pdf.toString())).isZero();

        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            assertThat(document.getDocumentCatalog().getNames().getEmbeddedFiles().getNames()).containsOnlyKeys("factur-x.xml");
        }
        StructuredInvoice read = new InvoiceReader().read(Files.readAllBytes(pdf));
        assertThat(read.profile()).isEqualTo(Profile.EXTENDED.guideline());
        assertThat(read.invoice().number()).isEqualTo("FA-CLI-3");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("could not be kept");
    }

    @Test
    void aFileThatIsNoInvoiceCannotBeConverted() throws Exception {
        Path plain = Files.write(dir.resolve("plain.pdf"), SampleInvoices.plainPdf());
        Path target = dir.resolve("never.xml");

        assertThat(run(plain.toString(), "--to", "ubl", "-o", target.toString())).isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("cannot convert " + plain + ": no structured invoice data");
        assertThat(target).doesNotExist();
    }

    @Test
    void anExternalEntityInUblIsRefusedAndNeverRead() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-42");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE Invoice [<!ENTITY leak SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"><ID>&leak;</ID></Invoice>";
        Path ubl = Files.writeString(dir.resolve("xxe.xml"), xml);
        Path target = dir.resolve("out.pdf");

        assertThat(run(ubl.toString(), "--to", "facturx", "-o", target.toString())).isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("DOCTYPE").doesNotContain("TOP-SECRET-42");
        assertThat(target).doesNotExist();
    }

    @Test
    void usageErrors() {
        assertThat(run("x.xml", "--to", "pdf", "-o", "y")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--to must be facturx, cii or ubl, not 'pdf'")
                .contains(ConvertCommand.USAGE);
        assertThat(run("x.xml", "--to", "cii")).isEqualTo(2);
        assertThat(run("x.xml", "--to", "cii", "-o", "y", "--profile", "GOLD")).isEqualTo(2);
        assertThat(run("x.xml", "--to")).isEqualTo(2);
    }

    private int run(String... args) {
        return new ConvertCommand().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
