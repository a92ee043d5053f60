package io.einvoice.gateway.facturx;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * StAX with prefixed names (or plain ones, for a format without namespace) and "write nothing when the value is
 * missing", which is what every optional BT needs. Characters XML 1.0 cannot carry (control characters an OCR or a
 * pasted name may hold) are dropped, so what is written always parses.
 */
public final class XmlOut {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final XMLStreamWriter xml;
    private final Map<String, String> namespaces;

    public XmlOut(Map<String, String> namespaces) {
        this.namespaces = namespaces;
        try {
            // the JDK's writer: Saxon on the class path would otherwise answer the JAXP lookup
            xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(bytes, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    public XmlOut root(String name) {
        start(name);
        try {
            for (Map.Entry<String, String> ns : namespaces.entrySet()) {
                xml.writeNamespace(ns.getKey(), ns.getValue());
            }
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public XmlOut start(String name) {
        try {
            String[] parts = name.split(":", 2);
            if (parts.length == 1) {
                xml.writeStartElement(name);
            } else {
                xml.writeStartElement(parts[0], parts[1], namespaces.get(parts[0]));
            }
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public XmlOut attribute(String name, String value) {
        if (value != null) {
            try {
                xml.writeAttribute(name, xmlChars(value));
            } catch (XMLStreamException e) {
                throw new IllegalStateException(e);
            }
        }
        return this;
    }

    public XmlOut text(String value) {
        try {
            xml.writeCharacters(xmlChars(value));
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public XmlOut end() {
        try {
            xml.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** {@code <name attribute=attributeValue>value</name>}, or nothing when value is null or blank. */
    public XmlOut leaf(String name, String value, String attribute, String attributeValue) {
        if (value != null && !value.isBlank()) {
            start(name).attribute(attribute, attributeValue).text(value).end();
        }
        return this;
    }

    public XmlOut leaf(String name, String value) {
        return leaf(name, value, null, null);
    }

    public XmlOut leaf(String name, BigDecimal value) {
        return leaf(name, plain(value));
    }

    private static String xmlChars(String value) {
        if (value.chars().allMatch(XmlOut::allowed)) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        value.chars().filter(XmlOut::allowed).forEach(c -> out.append((char) c));
        return out.toString();
    }

    private static boolean allowed(int c) {
        return c >= 0x20 && c != 0xFFFE && c != 0xFFFF || c == '\t' || c == '\n' || c == '\r';
    }

    static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    public byte[] finish() {
        try {
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toString(StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
    }
}
