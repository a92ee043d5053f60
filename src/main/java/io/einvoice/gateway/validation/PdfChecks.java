package io.einvoice.gateway.validation;

import io.einvoice.gateway.facturx.InflationLimit;
import io.einvoice.gateway.facturx.PdfStreamInflation;
import io.einvoice.gateway.facturx.SecureXml;
import io.einvoice.gateway.facturx.UnreadableInvoiceException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.verapdf.as.io.ASMemoryInStream;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges a Factur-X / ZUGFeRD PDF as a container and takes its invoice XML out: PDF/A-3 conformance through veraPDF,
 * the Factur-X XMP metadata (the checks of Mustang's {@code PDFValidator}), and the embedded invoice file.
 */
final class PdfChecks {

    /**
     * The attachment names invoice data is taken from, as Mustang's importer does (the last one found wins). Listed for
     * the messages: a Set.of iterates in an order that changes from one JVM to the next, and so did they.
     */
    private static final List<String> INVOICE_FILE_NAMES = List.of("ZUGFeRD-invoice.xml", "zugferd-invoice.xml", "factur-x.xml",
            "xrechnung.xml", "order-x.xml", "cida.xml");
    private static final Set<String> INVOICE_FILES = Set.copyOf(INVOICE_FILE_NAMES);
    private static final Set<PDFAFlavour> PDF_A_3 = Set.of(PDFAFlavour.PDFA_3_A, PDFAFlavour.PDFA_3_B, PDFAFlavour.PDFA_3_U);
    private static final List<String> CONFORMANCE_LEVELS = List.of("BASIC WL", "BASIC", "MINIMUM", "EN 16931", "COMFORT",
            "CIUS", "EXTENDED", "XRECHNUNG");
    private static final List<String> DOCUMENT_TYPES = List.of("INVOICE", "ORDER", "ORDER_RESPONSE", "ORDER_CHANGE");
    private static final List<String> XMP_VERSIONS = List.of("1.0", "1p0", "2p0", "1.2", "2.0", "2.1", "2.2", "2.3", "3.0");
    private static final Set<String> FX_PROPERTIES = Set.of("ConformanceLevel", "DocumentType", "DocumentFileName", "Version");
    private static final String XMLNS = "http://www.w3.org/2000/xmlns/";
    private static final int MAX_NAME_TREE_DEPTH = 16;
    private static final int MAX_PDFA_FINDINGS = 100;
    private static final String VERAPDF = "veraPDF 1.30 (ISO 19005)";

    static {
        VeraGreenfieldFoundryProvider.initialise();
    }

    /**
     * A veraPDF validator loads its validation profile and compiles the profile's rule scripts when it is built, and
     * resets itself at each {@code validate}; it is not thread-safe, so each thread keeps one per flavour and reuses it
     * instead of building one per file as Mustang does.
     */
    private static final ThreadLocal<Map<PDFAFlavour, PDFAValidator>> VALIDATORS =
            ThreadLocal.withInitial(() -> new EnumMap<>(PDFAFlavour.class));

    /** A parser costs more to build than an XMP packet takes to parse; builders are not thread-safe. */
    private static final ThreadLocal<DocumentBuilder> XMP_PARSERS = ThreadLocal.withInitial(SecureXml::newBuilder);

    record Outcome(List<Finding> findings, byte[] invoiceXml) {
    }

    Outcome check(byte[] pdf) {
        List<Finding> findings = new ArrayList<>();
        byte[] xml;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            // before the XMP, the attachment and veraPDF are unpacked whole
            PdfStreamInflation.requireWithin(document, InflationLimit.configured(), Map.of());
            findings.addAll(xmp(document.getDocumentCatalog().getMetadata()));
            xml = invoiceXml(document);
        } catch (UnreadableInvoiceException e) {
            findings.add(Finding.error(Layer.INPUT, "PDF-INFLATION-LIMIT", e.getMessage()));
            return new Outcome(findings, null);
        } catch (InvalidPasswordException e) {
            findings.add(Finding.error(Layer.INPUT, "PDF-ENCRYPTED", "PDF is encrypted (password protected)"));
            return new Outcome(findings, null);
        } catch (IOException e) {
            findings.add(Finding.error(Layer.INPUT, "PDF-DAMAGED", "PDF is damaged or truncated: " + e.getMessage()));
            return new Outcome(findings, null);
        }
        if (xml == null) {
            findings.add(Finding.error(Layer.INPUT, "NO-INVOICE-XML", "no invoice XML attachment (expected one of "
                    + String.join(", ", INVOICE_FILE_NAMES) + ")"));
        }
        findings.addAll(pdfA(pdf));
        return new Outcome(findings, xml);
    }

    /**
     * veraPDF reads the claimed flavour from the XMP. A file that does not claim PDF/A-3 cannot be a valid Factur-X
     * whatever else it conforms to, so it is not checked further: that is Mustang's verdict too, without the work.
     */
    private static List<Finding> pdfA(byte[] pdf) {
        List<Finding> findings = new ArrayList<>();
        // veraPDF copies any other stream to a temporary file before parsing; the bytes are in memory already
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new ASMemoryInStream(pdf, pdf.length, false))) {
            PDFAFlavour flavour = parser.getFlavour();
            if (!PDF_A_3.contains(flavour)) {
                findings.add(new Finding(Layer.PDFA, VERAPDF, "PDFA-3", Severity.ERROR, null,
                        "not a PDF/A-3 file (its metadata claims " + describe(flavour) + "); Factur-X requires PDF/A-3"));
                return findings;
            }
            PDFAValidator validator = VALIDATORS.get().computeIfAbsent(flavour,
                    f -> Foundries.defaultInstance().createValidator(f, false));
            ValidationResult result = validator.validate(parser);
            for (TestAssertion assertion : result.getTestAssertions()) {
                if (assertion.getStatus() != TestAssertion.Status.FAILED || findings.size() >= MAX_PDFA_FINDINGS) {
                    continue;
                }
                var rule = assertion.getRuleId();
                findings.add(new Finding(Layer.PDFA, VERAPDF, rule.getSpecification().getId() + ":" + rule.getClause()
                        + "-" + rule.getTestNumber(), Severity.ERROR,
                        assertion.getLocation() == null ? null : assertion.getLocation().getContext(), assertion.getMessage()));
            }
            if (!result.isCompliant() && findings.isEmpty()) {
                findings.add(new Finding(Layer.PDFA, VERAPDF, "PDFA", Severity.ERROR, null,
                        "not PDF/A " + describe(flavour) + " compliant"));
            }
        } catch (Exception e) {
            // veraPDF fails on what it cannot parse, with checked and unchecked exceptions alike
            findings.add(new Finding(Layer.PDFA, VERAPDF, "PDFA-UNREADABLE", Severity.ERROR, null,
                    "veraPDF cannot read this PDF: " + e.getMessage()));
        }
        return findings;
    }

    private static String describe(PDFAFlavour flavour) {
        return flavour == null || flavour == PDFAFlavour.NO_FLAVOUR ? "no PDF/A part" : "PDF/A-" + flavour.getId();
    }

    private static byte[] invoiceXml(PDDocument document) throws IOException {
        PDDocumentNameDictionary names = document.getDocumentCatalog().getNames();
        List<byte[]> found = new ArrayList<>();
        collect(names == null ? null : names.getEmbeddedFiles(), found, 0);
        return found.isEmpty() ? null : found.get(found.size() - 1);
    }

    private static void collect(PDNameTreeNode<PDComplexFileSpecification> node, List<byte[]> found, int depth)
            throws IOException {
        // a crafted name tree may point back at itself
        if (node == null || depth > MAX_NAME_TREE_DEPTH) {
            return;
        }
        if (node.getNames() != null) {
            for (PDComplexFileSpecification spec : node.getNames().values()) {
                PDEmbeddedFile file = spec.getEmbeddedFile();
                if (spec.getFilename() != null && INVOICE_FILES.contains(spec.getFilename()) && file != null) {
                    found.add(file.toByteArray());
                }
            }
        }
        if (node.getKids() != null) {
            for (PDNameTreeNode<PDComplexFileSpecification> kid : node.getKids()) {
                collect(kid, found, depth + 1);
            }
        }
    }

    /** The Factur-X extension schema: ConformanceLevel, DocumentType, DocumentFileName and Version, as elements or attributes. */
    private static List<Finding> xmp(PDMetadata metadata) throws IOException {
        List<Finding> findings = new ArrayList<>();
        byte[] packet = metadata == null ? null : metadata.toByteArray();
        if (packet == null || packet.length == 0) {
            findings.add(Finding.error(Layer.XMP, "XMP-MISSING", "XMP metadata not found"));
            return findings;
        }
        Document xmp;
        try {
            String text = new String(packet, StandardCharsets.UTF_8);
            int start = text.indexOf('<');
            DocumentBuilder builder = XMP_PARSERS.get();
            builder.reset();
            builder.setErrorHandler(null);
            xmp = builder.parse(new ByteArrayInputStream(text.substring(Math.max(start, 0)).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            findings.add(Finding.error(Layer.XMP, "XMP-UNREADABLE", "XMP metadata cannot be parsed: " + e.getMessage()));
            return findings;
        }
        Map<String, List<String>> values = propertyValues(xmp, FX_PROPERTIES);
        check(values, "ConformanceLevel", CONFORMANCE_LEVELS, findings);
        check(values, "DocumentType", DOCUMENT_TYPES, findings);
        check(values, "DocumentFileName", INVOICE_FILE_NAMES.stream().filter(n -> !n.equals("cida.xml")).toList(), findings);
        check(values, "Version", XMP_VERSIONS, findings);
        return findings;
    }

    /**
     * The values of each property, in document order: elements of that local name anywhere (their text), and
     * attributes of that local name on {@code Description} elements, i.e. {@code //*[local-name()=P] |
     * //*[local-name()='Description']/@*[local-name()=P]}. One walk over the packet for the four properties: the JDK's
     * XPath costs more per evaluation than the whole walk.
     */
    private static Map<String, List<String>> propertyValues(Document xmp, Set<String> properties) {
        Map<String, List<String>> values = new HashMap<>();
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(xmp);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (node.getNodeType() == Node.ELEMENT_NODE) {
                String name = localName(node);
                if (properties.contains(name)) {
                    values.computeIfAbsent(name, k -> new ArrayList<>()).add(node.getTextContent());
                }
                if ("Description".equals(name)) {
                    var attributes = node.getAttributes();
                    for (int i = 0; i < attributes.getLength(); i++) {
                        Node attribute = attributes.item(i);
                        String attributeName = localName(attribute);
                        // XPath's @* leaves namespace declarations out; the DOM lists them as attributes
                        if (properties.contains(attributeName) && !XMLNS.equals(attribute.getNamespaceURI())) {
                            values.computeIfAbsent(attributeName, k -> new ArrayList<>()).add(attribute.getTextContent());
                        }
                    }
                }
            }
            // children pushed last first, so that they are visited in document order
            for (Node child = node.getLastChild(); child != null; child = child.getPreviousSibling()) {
                pending.push(child);
            }
        }
        return values;
    }

    /** XPath's local-name(): the name without its prefix, also for nodes parsed without namespace support. */
    private static String localName(Node node) {
        return node.getLocalName() != null ? node.getLocalName() : node.getNodeName().substring(node.getNodeName().indexOf(':') + 1);
    }

    private static void check(Map<String, List<String>> found, String property, List<String> allowed, List<Finding> findings) {
        List<String> values = found.getOrDefault(property, List.of());
        if (values.isEmpty()) {
            findings.add(new Finding(Layer.XMP, "Factur-X XMP extension schema", "XMP-" + property, Severity.ERROR, null,
                    "XMP metadata: fx:" + property + " not found"));
            return;
        }
        if (values.stream().noneMatch(allowed::contains)) {
            findings.add(new Finding(Layer.XMP, "Factur-X XMP extension schema", "XMP-" + property, Severity.ERROR, null,
                    "XMP metadata: fx:" + property + " " + values + " is not one of " + allowed));
        }
    }
}
