package io.einvoice.gateway.facturx;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Paths of child elements are walked in the DOM; what they find must be what XPath finds. */
class XmlQueryTest {

    private static final Map<String, String> NAMESPACES = Map.of("a", "urn:a", "b", "urn:b");

    private static final String XML = "<a:Root xmlns:a='urn:a' xmlns:b='urn:b' xmlns:c='urn:c'>"
            + "<a:Group><b:Item>1</b:Item><c:Item>other namespace</c:Item><b:Item b:code='x'>2</b:Item></a:Group>"
            + "<a:Empty/>"
            + "<a:Group><b:Item>  3 </b:Item><b:Item><b:Item>nested</b:Item></b:Item></a:Group>"
            + "<Item>no namespace</Item>"
            + "</a:Root>";

    private final XmlQuery query = new XmlQuery(NAMESPACES);
    private final Element root = root();

    @Test
    void aChildPathFindsTheSameElementsInTheSameOrderAsXPath() {
        for (String path : List.of("a:Group/b:Item", "a:Group", "a:Group/b:Item/b:Item", "a:Empty", "b:Item",
                "a:Missing/b:Item")) {
            // "./" keeps the expression away from the walk: XPath answers it
            assertThat(query.elements(root, path)).as(path).containsExactlyElementsOf(query.elements(root, "./" + path));
            assertThat(query.element(root, path)).as(path).isEqualTo(query.element(root, "./" + path));
            assertThat(query.text(root, path)).as(path).isEqualTo(query.text(root, "./" + path));
        }
        assertThat(query.elements(root, "a:Group/b:Item")).extracting(Element::getTextContent)
                .containsExactly("1", "2", "  3 ", "nested");
        assertThat(query.text(root, "a:Group/b:Item")).isEqualTo("1");
        assertThat(query.text(root, "a:Empty")).isNull();
    }

    @Test
    void anUnknownPrefixOrAnythingButChildStepsIsLeftToXPath() {
        assertThat(query.text(root, "a:Group[2]/b:Item")).isEqualTo("3");
        assertThat(query.elements(root, "*[local-name()='Item']")).extracting(Element::getTextContent)
                .containsExactly("no namespace");
        assertThat(query.text(root, "Item")).isEqualTo("no namespace");
        assertThat(query.text(root, "a:Group/b:Item/@b:code")).isEqualTo("x");
    }

    private static Element root() {
        try {
            return SecureXml.parse(XML.getBytes(StandardCharsets.UTF_8)).getDocumentElement();
        } catch (UnreadableInvoiceException e) {
            throw new IllegalStateException(e);
        }
    }
}
