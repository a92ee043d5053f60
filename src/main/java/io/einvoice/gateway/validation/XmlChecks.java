package io.einvoice.gateway.validation;

import net.sf.saxon.s9api.DocumentBuilder;
import net.sf.saxon.s9api.QName;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XPathCompiler;
import net.sf.saxon.s9api.XPathExecutable;
import net.sf.saxon.s9api.XPathSelector;
import net.sf.saxon.s9api.XdmDestination;
import net.sf.saxon.s9api.XdmItem;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.streams.Predicates;
import net.sf.saxon.s9api.Xslt30Transformer;
import net.sf.saxon.s9api.streams.Steps;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.transform.sax.SAXSource;
import javax.xml.validation.Validator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Validates invoice XML: parse once (DOCTYPE refused), pick the rules ({@link RuleSelection}), then the XML schema and
 * every schematron on the same parsed tree. Thread-safe: the compiled artefacts are shared, the rest is per call.
 */
final class XmlChecks {

    private static final String SVRL = "http://purl.oclc.org/dsdl/svrl";
    private static final QName ID = new QName("id");
    private static final QName FLAG = new QName("flag");
    private static final QName LOCATION = new QName("location");
    /** Enough to show what is wrong; a broken file can raise thousands of schema errors. */
    private static final int MAX_SCHEMA_ERRORS = 50;

    private final ValidationArtefacts artefacts;
    private final XPathExecutable profilePath;
    private final XPathExecutable sellerCountryPath;
    private final XPathExecutable buyerCountryPath;

    XmlChecks(ValidationArtefacts artefacts) {
        this.artefacts = artefacts;
        XPathCompiler xpath = artefacts.processor().newXPathCompiler();
        try {
            // the last one wins, as in Mustang
            profilePath = xpath.compile("string((//*:GuidelineSpecifiedDocumentContextParameter/*:ID/text()"
                    + " | /*/*:CustomizationID/text())[last()])");
            String party = "/*:CrossIndustryInvoice/*:SupplyChainTradeTransaction/*:ApplicableHeaderTradeAgreement/*:%s"
                    + "/*:PostalTradeAddress/*:CountryID";
            String ublParty = "/*[local-name() = ('Invoice', 'CreditNote')]/*:%s/*:Party/*:PostalAddress/*:Country/*:IdentificationCode";
            sellerCountryPath = xpath.compile("normalize-space((" + party.formatted("SellerTradeParty") + " | "
                    + ublParty.formatted("AccountingSupplierParty") + ")[1])");
            buyerCountryPath = xpath.compile("normalize-space((" + party.formatted("BuyerTradeParty") + " | "
                    + ublParty.formatted("AccountingCustomerParty") + ")[1])");
        } catch (SaxonApiException e) {
            throw new IllegalStateException("built-in XPath does not compile", e);
        }
    }

    record Outcome(String syntax, String profile, List<String> ruleSets, List<Finding> findings) {
    }

    Outcome check(byte[] xml, boolean inPdf) {
        List<Finding> findings = new ArrayList<>();
        List<String> ruleSets = new ArrayList<>();
        XdmNode document;
        try {
            DocumentBuilder builder = artefacts.processor().newDocumentBuilder();
            document = builder.build(new SAXSource(SecureInput.reader(), SecureInput.source(xml)));
        } catch (SaxonApiException e) {
            findings.add(SecureInput.isDoctypeRefusal(e)
                    ? Finding.error(Layer.INPUT, "XML-DOCTYPE", "XML refused: it contains a DOCTYPE declaration"
                    + " (DTDs and entities are not accepted in invoices)")
                    : Finding.error(Layer.INPUT, "XML-NOT-WELL-FORMED", "XML is not well-formed: " + e.getMessage()));
            return new Outcome(null, null, ruleSets, findings);
        }
        XdmNode root = document.select(Steps.child(Predicates.isElement())).findFirst().orElseThrow();
        String profile = blankToNull(evaluate(profilePath, document));
        RuleSelection.Plan plan = RuleSelection.select(root.getNodeName().getLocalName(), profile,
                evaluate(sellerCountryPath, document), evaluate(buyerCountryPath, document), inPdf);
        findings.addAll(plan.problems());
        if (plan.schema() != null) {
            ruleSets.add(plan.schema());
            findings.addAll(schemaErrors(plan.schema(), xml));
        }
        for (String schematron : plan.schematrons()) {
            ruleSets.add(schematron);
            findings.addAll(schematron(schematron, document));
        }
        return new Outcome(plan.syntax(), profile, ruleSets, findings);
    }

    private List<Finding> schemaErrors(String schemaName, byte[] xml) {
        List<Finding> errors = new ArrayList<>();
        Validator validator = artefacts.schema(schemaName).newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                    // schema warnings say nothing about the invoice
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    errors.add(new Finding(Layer.XSD, schemaName, "XSD", Severity.ERROR,
                            "line " + e.getLineNumber() + ", column " + e.getColumnNumber(), e.getMessage()));
                    if (errors.size() >= MAX_SCHEMA_ERRORS) {
                        throw e;
                    }
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    error(e);
                    throw e;
                }
            });
            validator.validate(new SAXSource(SecureInput.reader(), SecureInput.source(xml)));
        } catch (SAXException e) {
            // already recorded by the handler: the error limit, or a fatal error
            if (errors.isEmpty()) {
                errors.add(new Finding(Layer.XSD, schemaName, "XSD", Severity.ERROR, null, e.getMessage()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading bytes in memory failed", e);
        }
        return errors;
    }

    private List<Finding> schematron(String name, XdmNode document) {
        Xslt30Transformer transformer = artefacts.stylesheet(name).load30();
        transformer.setResourceResolver(artefacts.codeListResolver());
        transformer.setMessageHandler(message -> {
            // schematron skeletons print progress with xsl:message; the SVRL says everything
        });
        XdmDestination svrl = new XdmDestination();
        try {
            transformer.setGlobalContextItem(document);
            transformer.applyTemplates(document, svrl);
        } catch (SaxonApiException e) {
            // a rule set that crashes on this document has not cleared it
            return List.of(new Finding(Layer.SCHEMATRON, name, "RULESET-FAILED", Severity.ERROR, null,
                    "the rule set failed on this document: " + e.getMessage()));
        }
        List<Finding> findings = new ArrayList<>();
        int firedRules = 0;
        for (XdmNode node : svrl.getXdmNode().select(Steps.descendant(Predicates.isElement())).asListOfNodes()) {
            QName element = node.getNodeName();
            if (!SVRL.equals(element.getNamespace())) {
                continue;
            }
            if (element.getLocalName().equals("fired-rule")) {
                firedRules++;
            } else if (element.getLocalName().equals("failed-assert")) {
                String text = node.select(Steps.child(SVRL, "text")).findFirst().map(XdmItem::getStringValue).orElse("");
                findings.add(new Finding(Layer.SCHEMATRON, name, node.getAttributeValue(ID),
                        severity(node.getAttributeValue(FLAG)), node.getAttributeValue(LOCATION), text.strip()));
            }
        }
        if (firedRules == 0) {
            findings.add(new Finding(Layer.SCHEMATRON, name, "NO-RULE-FIRED", Severity.ERROR, null,
                    "no rule of this rule set applies: the XML is not the invoice it claims to be"));
        }
        return findings;
    }

    /** The schematrons flag errors as fatal (CEN) or error, warnings as warning; anything unflagged counts as an error. */
    private static Severity severity(String flag) {
        if (flag == null) {
            return Severity.ERROR;
        }
        return switch (flag.toLowerCase(Locale.ROOT)) {
            case "warning" -> Severity.WARNING;
            case "information", "info" -> Severity.INFO;
            default -> Severity.ERROR;
        };
    }

    private static String evaluate(XPathExecutable path, XdmNode document) {
        try {
            XPathSelector selector = path.load();
            selector.setContextItem(document);
            return selector.evaluateSingle().getStringValue().strip();
        } catch (SaxonApiException e) {
            throw new IllegalStateException("built-in XPath failed", e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
