package io.einvoice.gateway.system;

import io.einvoice.gateway.facturx.SampleInvoices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./gateway validate}: one line per file and the exit status scripts rely on (docs/contract.md). */
class ValidateCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void allValidExitsZeroWithOneLinePerFile() throws Exception {
        Path pdf = Files.write(dir.resolve("fx.pdf"), SampleInvoices.facturXPdf("CLI-1"));
        Path cii = Files.write(dir.resolve("cii.xml"), SampleInvoices.ciiXml("CLI-2"));

        int status = run(pdf.toString(), cii.toString());

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(2)
                .allSatisfy(line -> assertThat(line).startsWith("VALID   "))
                .anySatisfy(line -> assertThat(line).contains("fx.pdf").contains("urn:cen.eu:en16931:2017"));
    }

    @Test
    void someInvalidExitsOneAndNamesTheRules() throws Exception {
        Path good = Files.write(dir.resolve("good.xml"), SampleInvoices.ublXml("CLI-3"));
        Path bad = Files.write(dir.resolve("bad.xml"), "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"/>"
                .getBytes(StandardCharsets.UTF_8));

        int status = run(good.toString(), bad.toString());

        assertThat(status).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("VALID   " + good).contains("INVALID " + bad)
                .contains("NO-PROFILE");
    }

    @Test
    void jsonPrintsTheFullReports() throws Exception {
        Path cii = Files.write(dir.resolve("cii.xml"), SampleInvoices.ciiXml("CLI-4"));

        int status = run("--json", cii.toString());

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("[").contains("\"ruleSets\"").contains("\"findings\"");
    }

    @Test
    void aMissingFileOrNoFileExitsTwo() throws Exception {
        assertThat(run(dir.resolve("missing.pdf").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing.pdf").contains("cannot be read");
        assertThat(run()).isEqualTo(2);
    }

    private int run(String... args) {
        return ValidateCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
