package io.einvoice.gateway.facturx;

import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;

/**
 * Parses XML that comes from outside. A DOCTYPE is refused outright: invoices never need one, and refusing it closes
 * external entities (XXE) and entity expansion ("billion laughs") in one step. The JDK parser is named explicitly
 * because Saxon on the class path would otherwise change what JAXP lookups return.
 */
public final class SecureXml {

    /**
     * A parser costs more to build than a small invoice takes to parse, and neither a factory nor a builder is
     * thread-safe: each thread keeps one builder, reset before each use (the gateway's threads are pooled).
     */
    private static final ThreadLocal<DocumentBuilder> BUILDERS = ThreadLocal.withInitial(SecureXml::newBuilder);

    private SecureXml() {
    }

    public static Document parse(byte[] xml) throws UnreadableInvoiceException {
        try {
            DocumentBuilder builder = BUILDERS.get();
            // back to the state newDocumentBuilder() gave it, which forgets the handlers: they are set again
            builder.reset();
            builder.setErrorHandler(FAIL_ON_ERRORS);
            // second line of defence should a DOCTYPE ever get through: resolve nothing, read nothing
            builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            int start = FileSignature.utf8BomLength(xml);
            return builder.parse(new ByteArrayInputStream(xml, start, xml.length - start));
        } catch (SAXParseException e) {
            throw refusal(e);
        } catch (SAXException e) {
            throw new UnreadableInvoiceException("XML is not well-formed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UnreadableInvoiceException("XML could not be read: " + e.getMessage(), e);
        }
    }

    /** A parser set up as {@link #parse} uses it, for a caller that keeps its own (one per thread: not thread-safe). */
    public static DocumentBuilder newBuilder() {
        try {
            return factory().newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser refuses a security feature", e);
        }
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }

    private static UnreadableInvoiceException refusal(SAXParseException e) {
        // the parser's message is localised, but every translation keeps the keyword DOCTYPE
        if (e.getMessage() != null && e.getMessage().contains("DOCTYPE")) {
            return new UnreadableInvoiceException(
                    "XML refused: it contains a DOCTYPE declaration (DTDs and external entities are not accepted)", e);
        }
        return new UnreadableInvoiceException(String.format("XML is not well-formed: line %d, column %d: %s",
                e.getLineNumber(), e.getColumnNumber(), e.getMessage()), e);
    }

    /** Without it the parser also prints every fatal error to stderr before throwing. */
    private static final ErrorHandler FAIL_ON_ERRORS = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // warnings do not make a document unreadable
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };
}
