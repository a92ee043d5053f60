package io.einvoice.gateway.facturx;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
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
 * (XMP, output intent, attachment). That upgrade changes no content: it neither embeds fonts, decrypts, removes
 * actions nor re-encodes streams, so those are the blockers checked here, each named with the ISO 19005-3 clause a
 * validator would cite. Recognition asks it too, to know whether a received PDF can be the visual part as it is or
 * must be rendered to images first.
 */
public final class PdfA3Readiness {

    private static final int MAX_FORM_DEPTH = 8;
    /** Direct objects nest; a crafted file could nest them without end. */
    private static final int MAX_DIRECT_DEPTH = 32;
    /** Actions ISO 19005-3 §6.6.1 forbids (JavaScript among them: a PDF/A may not run code). */
    static final Set<String> FORBIDDEN_ACTIONS = Set.of("JavaScript", "Launch", "Sound", "Movie", "ResetForm",
            "ImportData", "Hide", "SetOCGState", "Rendition", "Trans", "GoTo3DView");

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
            for (COSObjectKey key : document.getDocument().getXrefTable().keySet()) {
                COSObject object = document.getDocument().getObjectFromPool(key);
                objectProblems(object.getObject(), key.getNumber(), problems, 0);
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

    /** Every indirect object and the direct objects inside it: forbidden actions, LZW streams, PostScript XObjects. */
    private static void objectProblems(COSBase object, long number, Set<String> problems, int depth) {
        if (depth > MAX_DIRECT_DEPTH) {
            return;
        }
        if (object instanceof COSDictionary dictionary) {
            String action = dictionary.getNameAsString(COSName.S);
            if (action != null && FORBIDDEN_ACTIONS.contains(action)
                    && (dictionary.getItem(COSName.TYPE) == null || COSName.getPDFName("Action").equals(dictionary.getItem(COSName.TYPE)))) {
                problems.add("the PDF contains a " + action + " action (object " + number + "); PDF/A forbids "
                        + (action.equals("JavaScript") ? "JavaScript" : "this action") + " (ISO 19005-3 §6.6.1)");
            }
            if (object instanceof COSStream stream) {
                COSBase filter = stream.getFilters();
                if (COSName.LZW_DECODE.equals(filter) || filter instanceof COSArray filters && filters.toList().contains(COSName.LZW_DECODE)) {
                    problems.add("a stream is LZW-compressed (object " + number + "); PDF/A forbids LZWDecode"
                            + " (ISO 19005-3 §6.1.7.2)");
                }
                if ("PS".equals(stream.getNameAsString(COSName.SUBTYPE)) || stream.getItem(COSName.getPDFName("Subtype2")) != null
                        && "PS".equals(stream.getNameAsString(COSName.getPDFName("Subtype2")))) {
                    problems.add("the PDF contains a PostScript XObject (object " + number + "); PDF/A forbids them"
                            + " (ISO 19005-3 §6.2.9)");
                }
            }
            for (COSBase value : dictionary.getValues()) {
                if (!(value instanceof COSObject)) {
                    objectProblems(value, number, problems, depth + 1);
                }
            }
        } else if (object instanceof COSArray array) {
            for (COSBase value : array) {
                if (!(value instanceof COSObject)) {
                    objectProblems(value, number, problems, depth + 1);
                }
            }
        }
    }

    /** Type 3 glyphs are content streams inside the PDF: there is nothing to embed. */
    private static boolean isType3(PDFont font) {
        return "Type3".equals(font.getCOSObject().getNameAsString(COSName.SUBTYPE));
    }
}
