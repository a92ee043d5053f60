package io.einvoice.gateway.validation;

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
    private final Map<String, Schema> schemas;
    private final Map<String, XsltExecutable> stylesheets;
    private final Map<String, NodeInfo> codeLists;

    private ValidationArtefacts(Processor processor, Map<String, Schema> schemas, Map<String, XsltExecutable> stylesheets,
                                Map<String, NodeInfo> codeLists) {
        this.processor = processor;
        this.schemas = schemas;
        this.stylesheets = stylesheets;
        this.codeLists = codeLists;
    }

    static List<String> schemaNames() {
        return List.of(FX_MINIMUM_XSD, FX_BASIC_WL_XSD, FX_BASIC_XSD, FX_EN16931_XSD, FX_EXTENDED_XSD, UBL_INVOICE_XSD,
                UBL_CREDIT_NOTE_XSD, ZF1_XSD);
    }

    static List<String> stylesheetNames() {
        List<String> names = new ArrayList<>(List.of(FX_MINIMUM_SCH, FX_BASIC_WL_SCH, FX_BASIC_SCH, FX_EN16931_SCH,
                FX_EXTENDED_SCH, CEN_CII_SCH, CEN_UBL_SCH, BR_FR_CII_SCH, ZF1_SCH));
        for (String version : XRECHNUNG_VERSIONS) {
            names.add(xrechnungSchematron(version, false));
            names.add(xrechnungSchematron(version, true));
        }
        return names;
    }

    /**
     * Compiles everything, on every core: the large schematrons take seconds each.
     *
     * @throws IllegalStateException when an artefact is missing or does not compile: validation cannot run at all
     */
    public static ValidationArtefacts compile() {
        long start = System.nanoTime();
        Processor processor = new Processor(false);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        try {
            Map<String, Future<XsltExecutable>> xslt = new LinkedHashMap<>();
            // largest first, so the slowest compilation starts at once
            stylesheetNames().stream().sorted((a, b) -> Long.compare(size(b), size(a)))
                    .forEach(name -> xslt.put(name, pool.submit(() -> compileStylesheet(processor, name))));
            Map<String, Future<Schema>> xsd = new LinkedHashMap<>();
            schemaNames().forEach(name -> xsd.put(name, pool.submit(() -> compileSchema(name))));
            Map<String, NodeInfo> codeLists = new LinkedHashMap<>();
            DocumentBuilder builder = processor.newDocumentBuilder();
            for (String name : CODE_LISTS) {
                try (InputStream in = open(name)) {
                    XdmNode node = builder.build(new StreamSource(in, resource(name).toExternalForm()));
                    codeLists.put(resource(name).toExternalForm(), node.getUnderlyingNode());
                }
            }
            Map<String, XsltExecutable> stylesheets = new LinkedHashMap<>();
            for (var e : xslt.entrySet()) {
                stylesheets.put(e.getKey(), e.getValue().get());
            }
            Map<String, Schema> schemas = new LinkedHashMap<>();
            for (var e : xsd.entrySet()) {
                schemas.put(e.getKey(), e.getValue().get());
            }
            LOG.info("validation: {} schematrons and {} schemas compiled in {} ms", stylesheets.size(), schemas.size(),
                    (System.nanoTime() - start) / 1_000_000);
            return new ValidationArtefacts(processor, Map.copyOf(schemas), Map.copyOf(stylesheets), Map.copyOf(codeLists));
        } catch (ExecutionException e) {
            throw new IllegalStateException("a validation artefact does not compile: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling the validation artefacts", e);
        } catch (IOException | SaxonApiException e) {
            throw new IllegalStateException("a validation code list cannot be read: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    Processor processor() {
        return processor;
    }

    Schema schema(String name) {
        Schema schema = schemas.get(name);
        if (schema == null) {
            throw new IllegalArgumentException("no compiled schema " + name);
        }
        return schema;
    }

    XsltExecutable stylesheet(String name) {
        XsltExecutable executable = stylesheets.get(name);
        if (executable == null) {
            throw new IllegalArgumentException("no compiled schematron " + name);
        }
        return executable;
    }

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

    private static XsltExecutable compileStylesheet(Processor processor, String name) throws IOException, SaxonApiException {
        try (InputStream in = open(name)) {
            XsltCompiler compiler = processor.newXsltCompiler();
            // the published stylesheets raise style warnings (xsl:value-of in functions): nothing to act on here
            compiler.setErrorReporter(error -> {
                if (!error.isWarning()) {
                    LOG.error("{}: {}", name, error.getMessage());
                }
            });
            return compiler.compile(new StreamSource(in, resource(name).toExternalForm()));
        }
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
