package io.einvoice.gateway.facturx;

import org.mustangproject.validator.ZUGFeRDValidator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Mustang's validator on a generated file, read the way facturx.md §1.5 says: its overall status ignores PDF/A, so the
 * PDF and XML summaries are read separately. One validator per call (it keeps state between calls).
 */
public record MustangVerdict(String pdfStatus, String xmlStatus, List<String> errors) {

    public static MustangVerdict of(byte[] file, String name) {
        ZUGFeRDValidator validator = new ZUGFeRDValidator();
        validator.disableNotices();
        String report = validator.validate(file, name);
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(report.getBytes(StandardCharsets.UTF_8)));
            List<String> errors = new ArrayList<>();
            NodeList all = doc.getElementsByTagName("*");
            for (int i = 0; i < all.getLength(); i++) {
                Element e = (Element) all.item(i);
                if (e.getTagName().equals("error") || e.getTagName().equals("fatal") || e.getTagName().equals("exception")) {
                    errors.add(e.getParentNode().getNodeName() + " " + e.getTagName() + " " + e.getAttribute("type") + " "
                            + e.getAttribute("location") + ": " + e.getTextContent().strip());
                }
            }
            return new MustangVerdict(status(doc, "pdf"), status(doc, "xml"), errors);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable Mustang report: " + report, e);
        }
    }

    public boolean valid() {
        return "valid".equals(xmlStatus) && (pdfStatus == null || "valid".equals(pdfStatus));
    }

    private static String status(Document doc, String part) {
        NodeList parts = doc.getElementsByTagName(part);
        for (int i = 0; i < parts.getLength(); i++) {
            NodeList summaries = ((Element) parts.item(i)).getElementsByTagName("summary");
            if (summaries.getLength() > 0) {
                return ((Element) summaries.item(0)).getAttribute("status");
            }
        }
        return null;
    }
}
