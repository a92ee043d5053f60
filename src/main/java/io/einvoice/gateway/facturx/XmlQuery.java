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
import java.util.regex.Pattern;

/**
 * XPath over one parsed document with fixed prefixes. Not thread-safe (neither is {@link XPath}): make one per document.
 * Values come back trimmed, and an empty element counts as missing.
 */
public final class XmlQuery {

    private static final Logger LOG = LoggerFactory.getLogger(XmlQuery.class);

    /** Prefixed element names joined by "/": the expressions {@link #childPath} answers without XPath. */
    private static final Pattern CHILD_PATH = Pattern.compile(
            "[A-Za-z_][\\w.-]*:[A-Za-z_][\\w.-]*(/[A-Za-z_][\\w.-]*:[A-Za-z_][\\w.-]*)*");
    private static final String[][] NOT_A_CHILD_PATH = new String[0][];

    private final Map<String, String> namespaces;
    private final XPath xpath;
    private final Map<String, XPathExpression> compiledExpressions = new HashMap<>();
    private final Map<String, String[][]> childPaths = new HashMap<>();

    public XmlQuery(Map<String, String> namespaces) {
        this.namespaces = namespaces;
        // the JDK engine, not whatever JAXP would find first on the class path (Saxon)
        xpath = XPathFactory.newDefaultInstance().newXPath();
        xpath.setNamespaceContext(new FixedPrefixes(namespaces));
    }

    public String text(Node context, String expression) {
        Node node = node(context, expression);
        if (node == null) {
            return null;
        }
        String text = node.getTextContent().strip();
        return text.isEmpty() ? null : text;
    }

    Element element(Node context, String expression) {
        return (Element) node(context, expression);
    }

    /** The first node the expression selects: an element, or what XPath answers (an attribute, say). */
    private Node node(Node context, String expression) {
        String[][] steps = childPath(context, expression);
        if (steps != NOT_A_CHILD_PATH) {
            List<Element> found = new ArrayList<>(1);
            collect(context, steps, 0, found, true);
            return found.isEmpty() ? null : found.get(0);
        }
        return (Node) evaluate(context, expression, XPathConstants.NODE);
    }

    public List<Element> elements(Node context, String expression) {
        String[][] steps = childPath(context, expression);
        if (steps != NOT_A_CHILD_PATH) {
            List<Element> found = new ArrayList<>();
            collect(context, steps, 0, found, false);
            return found;
        }
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

    /**
     * The steps of a path of child elements ("ram:A/ram:B"), each {namespace, local name}, else NOT_A_CHILD_PATH (XPath
     * answers). The JDK's XPath wraps the whole document in a new tree model at every evaluation (most of the time an
     * invoice took to read); these paths, most of a mapper's queries, are walked in the DOM directly, which finds the
     * same elements in the same (document) order.
     */
    private String[][] childPath(Node context, String expression) {
        if (context == null) {
            return NOT_A_CHILD_PATH;
        }
        return childPaths.computeIfAbsent(expression, e -> {
            if (!CHILD_PATH.matcher(e).matches()) {
                return NOT_A_CHILD_PATH;
            }
            String[] names = e.split("/");
            String[][] steps = new String[names.length][];
            for (int i = 0; i < names.length; i++) {
                int colon = names[i].indexOf(':');
                String namespace = namespaces.get(names[i].substring(0, colon));
                if (namespace == null) {
                    return NOT_A_CHILD_PATH;
                }
                steps[i] = new String[] {namespace, names[i].substring(colon + 1)};
            }
            return steps;
        });
    }

    /** Depth first through the children in order, i.e. in document order. */
    private static boolean collect(Node parent, String[][] steps, int depth, List<Element> found, boolean firstOnly) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE && steps[depth][1].equals(child.getLocalName())
                    && steps[depth][0].equals(child.getNamespaceURI())) {
                if (depth == steps.length - 1) {
                    found.add((Element) child);
                    if (firstOnly) {
                        return true;
                    }
                } else if (collect(child, steps, depth + 1, found, firstOnly)) {
                    return true;
                }
            }
        }
        return false;
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
