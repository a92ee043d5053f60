package io.einvoice.gateway.validation;

import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import java.io.ByteArrayInputStream;
import java.io.StringReader;

/**
 * The only way outside XML enters validation: a JDK SAX parser that refuses any DOCTYPE. Invoices never need one, and
 * refusing it closes external entities (XXE) and entity expansion ("billion laughs") before anything is expanded.
 * Same policy as {@code facturx.SecureXml}, for SAX pipelines (Saxon trees, schema validation).
 */
final class SecureInput {

    private static final SAXParserFactory FACTORY = factory();

    private SecureInput() {
    }

    static XMLReader reader() {
        try {
            XMLReader reader = FACTORY.newSAXParser().getXMLReader();
            reader.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            return reader;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK XML parser refuses a security feature", e);
        }
    }

    static InputSource source(byte[] xml) {
        return new InputSource(new ByteArrayInputStream(xml));
    }

    /** The parser's message is localised, but every translation keeps the keyword DOCTYPE; Saxon wraps it in its own. */
    static boolean isDoctypeRefusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("DOCTYPE is disallowed")) {
                return true;
            }
        }
        return false;
    }

    private static SAXParserFactory factory() {
        try {
            SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setXIncludeAware(false);
            return factory;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK XML parser refuses a security feature", e);
        }
    }
}
