package io.einvoice.gateway.validation;

import net.sf.saxon.Configuration;
import net.sf.saxon.lib.ResourceResolver;
import net.sf.saxon.om.NodeInfo;
import net.sf.saxon.s9api.DocumentBuilder;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XsltCompiler;
import net.sf.saxon.s9api.XsltExecutable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Every schema and schematron the gateway validates with, compiled once. The files are the ones Mustang's validator
 * artefact ({@code org.mustangproject:validator}) publishes on Maven Central, read from the class path, so our verdicts
 * rest on exactly the rules Mustang applies. Compiled schemas ({@link Schema}) and stylesheets ({@link XsltExecutable})
 * are immutable and thread-safe: one instance serves every thread.
 */
public final class ValidationArtefacts {

    private static final Logger LOG = LoggerFactory.getLogger(ValidationArtefacts.class);

    static final String FX_MINIMUM_XSD = "schema/ZF_250/MINIMUM/FACTUR-X_MINIMUM.xsd";
    static final String FX_BASIC_WL_XSD = "schema/ZF_250/BASIC-WL/FACTUR-X_BASICWL.xsd";
    static final String FX_BASIC_XSD = "schema/ZF_250/BASIC/FACTUR-X_BASIC.xsd";
    static final String FX_EN16931_XSD = "schema/ZF_250/EN16931/FACTUR-X_EN16931.xsd";
    static final String FX_EXTENDED_XSD = "schema/ZF_250/EXTENDED/FACTUR-X_EXTENDED.xsd";
    static final String UBL_INVOICE_XSD = "schema/UBL_21/maindoc/UBL-Invoice-2.1.xsd";
    static final String UBL_CREDIT_NOTE_XSD = "schema/UBL_21/maindoc/UBL-CreditNote-2.1.xsd";
    static final String ZF1_XSD = "schema/ZF_10/ZUGFeRD1p0.xsd";

    static final String FX_MINIMUM_SCH = "xslt/ZF_250/FACTUR-X_MINIMUM.xslt";
    static final String FX_BASIC_WL_SCH = "xslt/ZF_250/FACTUR-X_BASIC-WL.xslt";
    static final String FX_BASIC_SCH = "xslt/ZF_250/FACTUR-X_BASIC.xslt";
    static final String FX_EN16931_SCH = "xslt/ZF_250/FACTUR-X_EN16931.xslt";
    static final String FX_EXTENDED_SCH = "xslt/ZF_250/FACTUR-X_EXTENDED.xslt";
    static final String CEN_CII_SCH = "xslt/en16931schematron/EN16931-CII-validation.xslt";
    static final String CEN_UBL_SCH = "xslt/en16931schematron/EN16931-UBL-validation.xslt";
    static final String BR_FR_CII_SCH = "xslt/XP_Z12_012/20260216_BR-FR-Flux2-Schematron-CII_V1.3.0.xsl";
    static final String ZF1_SCH = "xslt/ZUGFeRD_1p0.xslt";
    /** FNFE CTC 1.3.0 (2026-02-16) rules Mustang does not carry, from phive-rules-france. */
    private static final String FNFE_CTC = "external/schematron/ctc/1.3.0/xslt/";
    static final String BR_FR_UBL_SCH = FNFE_CTC + "20260216_BR-FR-Flux2-Schematron-UBL_V1.3.0.xslt";
    static final String CDV_CDAR_SCH = FNFE_CTC + "20260216_BR-FR-CDV-Schematron-CDAR_V1.3.0.xslt";
    /** The French EXTENDED-CTC-FR profile: EN 16931 rules widened for it, and its own BR-FREXT rules. */
    static final String EXTENDED_CTC_FR_CII_SCH = FNFE_CTC + "20260216_EXTENDED-CTC-FR-CII-V1.3.0.xslt";
    static final String EXTENDED_CTC_FR_UBL_SCH = FNFE_CTC + "20260216_EXTENDED-CTC-FR-UBL-V1.3.0.xslt";
    /** XRechnung versions Mustang knows, newest last; the CIUS is chosen by the version at the end of BT-24. */
    static final List<String> XRECHNUNG_VERSIONS = List.of("12", "20", "21", "22", "23", "30");

    static String xrechnungSchematron(String version, boolean ubl) {
        return "xslt/XR_" + version + "/XRechnung-" + (ubl ? "UBL" : "CII") + "-validation.xslt";
    }

    /** The code lists the Factur-X schematrons read with document(), parsed once instead of once per invoice. */
    private static final List<String> CODE_LISTS = List.of("xslt/ZF_250/FACTUR-X_MINIMUM_codedb.xml",
            "xslt/ZF_250/FACTUR-X_BASIC-WL_codedb.xml", "xslt/ZF_250/FACTUR-X_BASIC_codedb.xml",
            "xslt/ZF_250/FACTUR-X_EN16931_codedb.xml", "xslt/ZF_250/FACTUR-X_EXTENDED_codedb.xml");

    private final Processor processor;
    private final OnePassSchematron onePass;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    private final Map<String, XsltExecutable> stylesheets = new ConcurrentHashMap<>();
    private final Map<String, NodeInfo> codeLists;

    private ValidationArtefacts(Processor processor, Map<String, NodeInfo> codeLists) {
        this.processor = processor;
        this.onePass = new OnePassSchematron(processor);
        this.codeLists = codeLists;
    }

    static List<String> schemaNames() {
        return List.of(FX_MINIMUM_XSD, FX_BASIC_WL_XSD, FX_BASIC_XSD, FX_EN16931_XSD, FX_EXTENDED_XSD, UBL_INVOICE_XSD,
                UBL_CREDIT_NOTE_XSD, ZF1_XSD);
    }

    static List<String> stylesheetNames() {
        List<String> names = new ArrayList<>(List.of(FX_MINIMUM_SCH, FX_BASIC_WL_SCH, FX_BASIC_SCH, FX_EN16931_SCH,
                FX_EXTENDED_SCH, CEN_CII_SCH, CEN_UBL_SCH, BR_FR_CII_SCH, BR_FR_UBL_SCH, CDV_CDAR_SCH, EXTENDED_CTC_FR_CII_SCH,
                EXTENDED_CTC_FR_UBL_SCH, ZF1_SCH));
        for (String version : XRECHNUNG_VERSIONS) {
            names.add(xrechnungSchematron(version, false));
            names.add(xrechnungSchematron(version, true));
        }
        return names;
    }

    /**
     * Compiles everything, on every core: the large schematrons take seconds each. For the gateway and the bench, which
     * validate whatever comes.
     *
     * @throws IllegalStateException when an artefact is missing or does not compile: validation cannot run at all
     */
    public static ValidationArtefacts compile() {
        long start = System.nanoTime();
        ValidationArtefacts artefacts = onDemand();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        try {
            List<Future<?>> work = new ArrayList<>();
            // largest first, so the slowest compilation starts at once
            stylesheetNames().stream().sorted((a, b) -> Long.compare(size(b), size(a)))
                    .forEach(name -> work.add(pool.submit(() -> artefacts.stylesheet(name))));
            schemaNames().forEach(name -> work.add(pool.submit(() -> artefacts.schema(name))));
            for (Future<?> f : work) {
                f.get();
            }
            LOG.info("validation: {} schematrons and {} schemas compiled in {} ms", artefacts.stylesheets.size(),
                    artefacts.schemas.size(), (System.nanoTime() - start) / 1_000_000);
            return artefacts;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IllegalStateException ise ? ise
                    : new IllegalStateException("a validation artefact does not compile: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling the validation artefacts", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Compiles each schema and schematron the first time a document needs it, once. For the {@code validate} command:
     * a few files need two or three of the 33 artefacts, and compiling all of them would take most of its time.
     *
     * @throws IllegalStateException when a code list cannot be read
     */
    public static ValidationArtefacts onDemand() {
        Processor processor = new Processor(false);
        Map<String, NodeInfo> codeLists = new LinkedHashMap<>();
        DocumentBuilder builder = processor.newDocumentBuilder();
        try {
            for (String name : CODE_LISTS) {
                try (InputStream in = open(name)) {
                    XdmNode node = builder.build(new StreamSource(in, resource(name).toExternalForm()));
                    codeLists.put(resource(name).toExternalForm(), node.getUnderlyingNode());
                }
            }
        } catch (IOException | SaxonApiException e) {
            throw new IllegalStateException("a validation code list cannot be read: " + e.getMessage(), e);
        }
        return new ValidationArtefacts(processor, Map.copyOf(codeLists));
    }

    Processor processor() {
        return processor;
    }

    /** @throws IllegalStateException when the schema does not compile */
    Schema schema(String name) {
        if (!schemaNames().contains(name)) {
            throw new IllegalArgumentException("no schema " + name);
        }
        return schemas.computeIfAbsent(name, n -> {
            try {
                return compileSchema(n);
            } catch (SAXException e) {
                throw new IllegalStateException("validation schema " + n + " does not compile: " + e.getMessage(), e);
            }
        });
    }

    /** @throws IllegalStateException when the schematron does not compile */
    XsltExecutable stylesheet(String name) {
        if (!stylesheetNames().contains(name)) {
            throw new IllegalArgumentException("no schematron " + name);
        }
        return stylesheets.computeIfAbsent(name, n -> {
            try {
                return compileStylesheet(n);
            } catch (IOException | SaxonApiException e) {
                throw new IllegalStateException("validation schematron " + n + " does not compile: " + e.getMessage(), e);
            }
        });
    }

    /** How many schemas and schematrons are compiled so far. */
    int count() {
        return schemas.size() + stylesheets.size();
    }

    /** Hands the pre-parsed code lists to document(); everything else is refused, so a rule can never reach out. */
    ResourceResolver codeListResolver() {
        return request -> {
            NodeInfo codeList = codeLists.get(request.uri);
            if (codeList == null) {
                throw new net.sf.saxon.trans.XPathException("validation rules may only read their code lists, not " + request.uri);
            }
            return codeList;
        };
    }

    private XsltExecutable compileStylesheet(String name) throws IOException, SaxonApiException {
        try (InputStream in = open(name)) {
            XsltCompiler compiler = compatibleProcessor().newXsltCompiler();
            // the published stylesheets raise style warnings (xsl:value-of in functions): nothing to act on here
            compiler.setErrorReporter(error -> {
                if (!error.isWarning()) {
                    LOG.error("{}: {}", name, error.getMessage());
                }
            });
            return compiler.compile(onePass.rewrite(new StreamSource(in, resource(name).toExternalForm()), resource(name)));
        }
    }

    /**
     * A processor of its own for one stylesheet, whose trees and names are those of {@link #processor} (same name pool,
     * same document numbers), so a compiled stylesheet runs on the invoice parsed once by the latter. Why not the shared
     * one: Saxon 13 caches type relationships per configuration under a hash that leaves out the element name, so in
     * one configuration every element test of every rule set lands in one bucket, searched whole at each lookup (a
     * profile of a node's start: three quarters of the rule compile's samples there); a cache per stylesheet keeps each
     * bucket small. At each start: 40 CPU-seconds for the 25 schematrons and 8 schemas, now 32 (best of three runs
     * each, 2 cores).
     */
    private Processor compatibleProcessor() {
        Processor own = new Processor(false);
        Configuration config = own.getUnderlyingConfiguration();
        config.setNamePool(processor.getUnderlyingConfiguration().getNamePool());
        config.setDocumentNumberAllocator(processor.getUnderlyingConfiguration().getDocumentNumberAllocator());
        return own;
    }

    private static Schema compileSchema(String name) throws SAXException {
        SchemaFactory factory = SchemaFactory.newDefaultInstance();
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        // the schema's own includes sit next to it in the jar
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "jar,file");
        return factory.newSchema(resource(name));
    }

    private static URL resource(String name) {
        URL url = ValidationArtefacts.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException("validation artefact " + name + " is not on the class path"
                    + " (it comes with org.mustangproject:validator)");
        }
        return url;
    }

    private static InputStream open(String name) throws IOException {
        return resource(name).openStream();
    }

    private static long size(String name) {
        try {
            return resource(name).openConnection().getContentLengthLong();
        } catch (IOException e) {
            return 0;
        }
    }
}
