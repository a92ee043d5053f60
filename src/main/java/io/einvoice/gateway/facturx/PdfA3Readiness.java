package io.einvoice.gateway.facturx;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Says whether a PDF can become a PDF/A-3 by the metadata-level upgrade Mustang's {@code ZUGFeRDExporterFromA3} does
 * (XMP, output intent, attachment). That upgrade neither embeds fonts nor decrypts, so those are the blockers checked
 * here, each named with the ISO 19005-3 clause a validator would cite. Recognition asks it too, to know whether a
 * received PDF can be the visual part as it is or must be rendered to images first.
 */
public final class PdfA3Readiness {

    private static final int MAX_FORM_DEPTH = 8;

    private PdfA3Readiness() {
    }

    /** @return the reasons the PDF cannot be kept as the visual part; empty when it can */
    public static List<String> problems(byte[] pdf) {
        if (pdf == null || FileSignature.pdfHeaderOffset(pdf) != 0) {
            return List.of("the original is not a PDF (no %PDF header at byte 0)");
        }
        try (PDDocument document = Loader.loadPDF(pdf)) {
            if (document.isEncrypted()) {
                return List.of("the PDF is encrypted; PDF/A forbids encryption (ISO 19005-3 §6.1.3)");
            }
            Set<String> problems = new LinkedHashSet<>();
            int pageNumber = 0;
            for (PDPage page : document.getPages()) {
                pageNumber++;
                fonts(page.getResources(), pageNumber, problems, 0);
            }
            return new ArrayList<>(problems);
        } catch (InvalidPasswordException e) {
            return List.of("the PDF is password protected; PDF/A forbids encryption (ISO 19005-3 §6.1.3)");
        } catch (IOException e) {
            return List.of("the PDF cannot be parsed: " + e.getMessage());
        }
    }

    private static void fonts(PDResources resources, int page, Set<String> problems, int depth) throws IOException {
        if (resources == null || depth > MAX_FORM_DEPTH) {
            return;
        }
        for (COSName name : resources.getFontNames()) {
            PDFont font = resources.getFont(name);
            if (font != null && !font.isEmbedded() && !isType3(font)) {
                problems.add("font " + font.getName() + " (page " + page + ") is not embedded; PDF/A requires every font"
                        + " to be embedded (ISO 19005-3 §6.2.11.4.1)");
            }
        }
        for (COSName name : resources.getXObjectNames()) {
            PDXObject xObject = resources.getXObject(name);
            if (xObject instanceof PDFormXObject form) {
                fonts(form.getResources(), page, problems, depth + 1);
            }
        }
    }

    /** Type 3 glyphs are content streams inside the PDF: there is nothing to embed. */
    private static boolean isType3(PDFont font) {
        return "Type3".equals(font.getCOSObject().getNameAsString(COSName.SUBTYPE));
    }
}
