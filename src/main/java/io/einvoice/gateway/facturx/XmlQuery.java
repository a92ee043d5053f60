package io.einvoice.gateway.facturx;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.namespace.QName;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * XPath over one parsed document with fixed prefixes. Not thread-safe (neither is {@link XPath}): make one per document.
 * Values come back trimmed, and an empty element counts as missing.
 */
public final class XmlQuery {

    private static final Logger LOG = LoggerFactory.getLogger(XmlQuery.class);

    private final XPath xpath;
    private final Map<String, XPathExpression> compiledExpressions = new HashMap<>();

    public XmlQuery(Map<String, String> namespaces) {
        // the JDK engine, not whatever JAXP would find first on the class path (Saxon)
        xpath = XPathFactory.newDefaultInstance().newXPath();
        xpath.setNamespaceContext(new FixedPrefixes(namespaces));
    }

    public String text(Node context, String expression) {
        Node node = (Node) evaluate(context, expression, XPathConstants.NODE);
        if (node == null) {
            return null;
        }
        String text = node.getTextContent().strip();
        return text.isEmpty() ? null : text;
    }

    Element element(Node context, String expression) {
        return (Element) evaluate(context, expression, XPathConstants.NODE);
    }

    public List<Element> elements(Node context, String expression) {
        NodeList nodes = (NodeList) evaluate(context, expression, XPathConstants.NODESET);
        List<Element> elements = new ArrayList<>(nodes.getLength());
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    /**
     * Like {@link #elements}, but each element is cut out of its document. The JDK evaluates every expression over a
     * copy of the context node's whole tree, so querying lines in place makes reading an invoice quadratic in its
     * line count (2,000 lines: 37 s); cut out, a line is its own small tree. The document is changed: call it last.
     */
    List<Element> detachedElements(Node context, String expression) {
        List<Element> elements = elements(context, expression);
        elements.forEach(element -> element.getParentNode().removeChild(element));
        return elements;
    }

    /** The number exactly as written (scale kept); null when missing or not a number, which validation reports. */
    BigDecimal decimal(Node context, String expression) {
        return decimal(text(context, expression), expression);
    }

    static BigDecimal decimal(String text, String what) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            LOG.warn("{} is not a decimal number: '{}', left empty", what, text);
            return null;
        }
    }

    private Object evaluate(Node context, String expression, QName type) {
        try {
            return compiled(expression).evaluate(context, type);
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException("bad XPath in the mapper: " + expression, e);
        }
    }

    /** Line queries repeat once per line; compiling them once per document saves most of their cost. */
    private XPathExpression compiled(String expression) throws XPathExpressionException {
        XPathExpression compiled = compiledExpressions.get(expression);
        if (compiled == null) {
            compiled = xpath.compile(expression);
            compiledExpressions.put(expression, compiled);
        }
        return compiled;
    }

    private record FixedPrefixes(Map<String, String> namespaces) implements NamespaceContext {

        @Override
        public String getNamespaceURI(String prefix) {
            return namespaces.getOrDefault(prefix, XMLConstants.NULL_NS_URI);
        }

        @Override
        public String getPrefix(String namespaceURI) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Iterator<String> getPrefixes(String namespaceURI) {
            throw new UnsupportedOperationException();
        }
    }
}
