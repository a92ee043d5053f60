package io.einvoice.gateway.facturx;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** StAX with prefixed names and "write nothing when the value is missing", which is what every optional BT needs. */
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
            xml.writeStartElement(parts[0], parts[1], namespaces.get(parts[0]));
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public XmlOut attribute(String name, String value) {
        if (value != null) {
            try {
                xml.writeAttribute(name, value);
            } catch (XMLStreamException e) {
                throw new IllegalStateException(e);
            }
        }
        return this;
    }

    public XmlOut text(String value) {
        try {
            xml.writeCharacters(value);
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
