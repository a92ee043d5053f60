package io.einvoice.gateway.validation;

import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.XdmDestination;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XsltExecutable;
import net.sf.saxon.s9api.Xslt30Transformer;
import org.junit.jupiter.api.Test;

import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stream.StreamSource;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The rewritten schematrons must report exactly what the published ones report: same SVRL, byte for byte, on the
 * corpus' ZUGFeRD 1 invoices (4,140 single-rule patterns, all rewritten) and Factur-X EN 16931 invoices (mixed).
 * The published ZUGFeRD 1 rules take seconds per invoice, so a few invoices of each folder run by default;
 * {@code -Dcorpus.full=true} compares every one.
 */
class OnePassSchematronTest {

    private static final Path CORPUS = CorpusOracleTest.CORPUS;
    private static final int SAMPLE = 4;

    /** Skeleton-shaped: M1 has one rule on elements, M2 two rules (one a relative path), M3 one rule on an attribute. */
    private static final String SKELETON = """
            <xsl:stylesheet version="2.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                            xmlns:svrl="http://purl.oclc.org/dsdl/svrl">
              <xsl:template match="text()" priority="-1"/>
              <xsl:template match="/">
                <svrl:schematron-output>
                  <svrl:active-pattern><xsl:apply-templates/></svrl:active-pattern>
                  <xsl:apply-templates select="/" mode="M1"/>
                  <svrl:active-pattern><xsl:apply-templates/></svrl:active-pattern>
                  <xsl:apply-templates select="/" mode="M2"/>
                  <svrl:active-pattern><xsl:apply-templates/></svrl:active-pattern>
                  <xsl:apply-templates select="/" mode="M3"/>
                </svrl:schematron-output>
              </xsl:template>
              <xsl:template match="/invoice/line[@qty = '0']" mode="M1" priority="1000">
                <svrl:fired-rule context="line"/>
                <svrl:failed-assert id="ZERO"><svrl:text><xsl:value-of select="@id"/></svrl:text></svrl:failed-assert>
                <xsl:apply-templates select="*" mode="M1"/>
              </xsl:template>
              <xsl:template match="text()" mode="M1" priority="-1"/>
              <xsl:template match="@*|node()" mode="M1" priority="-2"><xsl:apply-templates select="*" mode="M1"/></xsl:template>
              <xsl:template match="line/note" mode="M2" priority="1001">
                <svrl:fired-rule context="note"/><xsl:apply-templates select="@*|*" mode="M2"/>
              </xsl:template>
              <xsl:template match="/invoice" mode="M2" priority="1000">
                <svrl:fired-rule context="invoice"/><xsl:apply-templates select="@*|*" mode="M2"/>
              </xsl:template>
              <xsl:template match="text()" mode="M2" priority="-1"/>
              <xsl:template match="@*|node()" mode="M2" priority="-2"><xsl:apply-templates select="@*|*" mode="M2"/></xsl:template>
              <xsl:template match="/invoice/@currency" mode="M3" priority="1000">
                <svrl:fired-rule context="@currency"/><xsl:apply-templates select="*" mode="M3"/>
              </xsl:template>
              <xsl:template match="text()" mode="M3" priority="-1"/>
              <xsl:template match="@*|node()" mode="M3" priority="-2"><xsl:apply-templates select="*" mode="M3"/></xsl:template>
            </xsl:stylesheet>
            """;

    private static final String INVOICE = """
            <invoice currency="EUR"><line id="1" qty="0"/><line id="2" qty="3"><note/></line><line id="3" qty="0"/></invoice>
            """;

    /** One Saxon configuration for stylesheets, invoices and the code lists the Factur-X rules read. */
    private final ValidationArtefacts artefacts = ValidationArtefacts.onDemand();
    private final Processor processor = artefacts.processor();
    private final OnePassSchematron onePass = new OnePassSchematron(processor);

    @Test
    void patternsWithRulesOnElementsOnlyLoseTheirWalkAndTheReportStaysTheSame() throws Exception {
        URL base = Path.of("skeleton.xsl").toUri().toURL();
        String rewritten = new String(((StreamSource) onePass.rewrite(new StreamSource(new StringReader(SKELETON)), base))
                .getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(rewritten)
                .contains("select=\"/invoice/line[@qty = '0']\"")
                .contains("select=\"//line/note | /invoice\"")
                .contains("select=\"/\" mode=\"M3\"")
                .doesNotContain("<svrl:active-pattern><xsl:apply-templates/>");
        XdmNode invoice = parse(INVOICE.getBytes(StandardCharsets.UTF_8));
        String published = svrl(compile(new StreamSource(new StringReader(SKELETON))), invoice);
        assertThat(published).contains("ZERO").containsSubsequence("\"invoice\"", "\"note\"")
                .doesNotContain("@currency"); // the walk never visits attributes in M3, so neither may the rewrite
        assertThat(svrl(compile(new StreamSource(new StringReader(rewritten))), invoice)).isEqualTo(published);
    }

    @Test
    void zugferd1ReportsAreUnchanged() throws Exception {
        assertSameReports(ValidationArtefacts.ZF1_SCH, pdfs("zugferd-corpus-v1"));
    }

    @Test
    void facturXEn16931ReportsAreUnchanged() throws Exception {
        assertSameReports(ValidationArtefacts.FX_EN16931_SCH, pdfs("fnfe-facturx-1.08"));
    }

    /** Its rules match by relative paths, several per pattern: 52 of its 53 patterns are rewritten. */
    @Test
    void frenchCtcReportsAreUnchanged() throws Exception {
        assertSameReports(ValidationArtefacts.BR_FR_CII_SCH, pdfs("afnor-xp-z12"));
    }

    private void assertSameReports(String stylesheet, List<byte[]> invoices) throws Exception {
        assumeTrue(!invoices.isEmpty(), "no test corpus at " + CORPUS);
        URL location = getClass().getClassLoader().getResource(stylesheet);
        XsltExecutable published;
        XsltExecutable rewritten;
        try (InputStream in = location.openStream(); InputStream again = location.openStream()) {
            published = compile(new StreamSource(in, location.toExternalForm()));
            rewritten = compile(onePass.rewrite(new StreamSource(again, location.toExternalForm()), location));
        }
        int compared = 0;
        for (byte[] xml : invoices) {
            XdmNode invoice = parse(xml);
            String expected = svrl(published, invoice, artefacts);
            assertThat(expected).contains("fired-rule");
            assertThat(svrl(rewritten, invoice, artefacts)).isEqualTo(expected);
            compared++;
        }
        assertThat(compared).isEqualTo(invoices.size());
    }

    /** The invoice XML of every Factur-X / ZUGFeRD PDF of a corpus source folder, valid and invalid. */
    private List<byte[]> pdfs(String source) throws Exception {
        List<byte[]> xmls = new ArrayList<>();
        PdfChecks pdf = new PdfChecks();
        for (String folder : List.of("facturx-valid", "facturx-invalid")) {
            Path dir = CORPUS.resolve(folder).resolve(source);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                List<Path> all = files.filter(f -> f.toString().endsWith(".pdf")).sorted().toList();
                for (Path file : Boolean.getBoolean("corpus.full") ? all : spread(all)) {
                    byte[] xml = pdf.check(Files.readAllBytes(file)).invoiceXml();
                    if (xml != null && wellFormed(xml)) {
                        xmls.add(xml);
                    }
                }
            }
        }
        return xmls;
    }

    private static List<Path> spread(List<Path> files) {
        int step = Math.max(1, files.size() / SAMPLE);
        List<Path> chosen = new ArrayList<>();
        for (int i = 0; i < files.size() && chosen.size() < SAMPLE; i += step) {
            chosen.add(files.get(i));
        }
        return chosen;
    }

    private boolean wellFormed(byte[] xml) {
        try {
            parse(xml);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private XdmNode parse(byte[] xml) throws Exception {
        return processor.newDocumentBuilder().build(new SAXSource(SecureInput.reader(), SecureInput.source(xml)));
    }

    private XsltExecutable compile(javax.xml.transform.Source source) throws Exception {
        var compiler = processor.newXsltCompiler();
        compiler.setErrorReporter(error -> {
        });
        return compiler.compile(source);
    }

    private static String svrl(XsltExecutable stylesheet, XdmNode invoice) throws Exception {
        return svrl(stylesheet, invoice, null);
    }

    private static String svrl(XsltExecutable stylesheet, XdmNode invoice, ValidationArtefacts codeLists) throws Exception {
        Xslt30Transformer transformer = stylesheet.load30();
        if (codeLists != null) {
            transformer.setResourceResolver(codeLists.codeListResolver());
        }
        transformer.setMessageHandler(message -> {
        });
        transformer.setGlobalContextItem(invoice);
        XdmDestination svrl = new XdmDestination();
        try {
            transformer.applyTemplates(invoice, svrl);
        } catch (net.sf.saxon.s9api.SaxonApiException e) {
            return "failed: " + e.getMessage();
        }
        return svrl.getXdmNode().toString();
    }
}
