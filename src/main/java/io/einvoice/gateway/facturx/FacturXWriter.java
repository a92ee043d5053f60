package io.einvoice.gateway.facturx;

import com.helger.cii.d16b.CIID16BCrossIndustryInvoiceTypeMarshaller;
import com.helger.commons.error.list.ErrorList;
import com.helger.en16931.cii2ubl.CIIToUBL21Converter;
import com.helger.ubl21.UBL21Marshaller;
import io.einvoice.gateway.invoice.Invoice;
import oasis.names.specification.ubl.schema.xsd.creditnote_21.CreditNoteType;
import oasis.names.specification.ubl.schema.xsd.invoice_21.InvoiceType;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.mustangproject.ZUGFeRD.ZUGFeRDExporterFromA3;
import org.mustangproject.ZUGFeRD.ZUGFeRDVisualizer;
import un.unece.uncefact.data.standard.crossindustryinvoice._100.CrossIndustryInvoiceType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the canonical {@link Invoice} out again: as CII D16B in a Factur-X profile, as UBL 2.1, or as a Factur-X
 * PDF/A-3 (default profile EN 16931).
 * <ul>
 *   <li>{@link #toCii(Invoice, Profile)}: the XML itself, with the amounts the invoice states;</li>
 *   <li>{@link #toUbl(Invoice)}: that CII turned into UBL 2.1 by phax's EN 16931 CII→UBL converter (as Mustang does);</li>
 *   <li>{@link #toFacturX(byte[], Invoice, Profile)} and {@link #embed(byte[], byte[], Profile)}: the XML attached
 *       to a PDF/A-3 by Mustang. A supplied PDF stays the visual part when the metadata-level upgrade can make it
 *       PDF/A-3 (fonts embedded, not encrypted); otherwise, and when none is supplied, the page is rendered from the XML
 *       in French by Mustang's visualiser (FOP, PDF/A-3b), and {@link FacturXResult#originalProblems()} says why.</li>
 * </ul>
 * Stateless and thread-safe; conversion failures come back as {@link ConversionException} with the reason.
 */
public class FacturXWriter {

    static final String PRODUCER = "einvoice-gateway";
    private final CiiWriter cii = new CiiWriter();

    public byte[] toCii(Invoice invoice, Profile profile) {
        return cii.write(invoice, profile);
    }

    public byte[] toUbl(Invoice invoice) throws ConversionException {
        return ciiToUbl(toCii(invoice, Profile.EN16931));
    }

    /** UBL 2.1 Invoice, or CreditNote for credit note type codes, from EN 16931 CII. */
    public byte[] ciiToUbl(byte[] ciiXml) throws ConversionException {
        CrossIndustryInvoiceType cii = new CIID16BCrossIndustryInvoiceTypeMarshaller().read(ciiXml);
        if (cii == null) {
            throw new ConversionException("the CII does not match the D16B schema, so it cannot be converted to UBL");
        }
        ErrorList errors = new ErrorList();
        // BT-24 stays EN 16931; the converter would otherwise write the Peppol BIS identifier
        Serializable ubl = new CIIToUBL21Converter().setCustomizationID(Profile.EN16931.guideline()).convertCIItoUBL(cii, errors);
        if (ubl == null || errors.containsAtLeastOneError()) {
            throw new ConversionException("CII to UBL conversion failed: " + errors.getAllErrors().getAllTexts(java.util.Locale.ROOT));
        }
        byte[] bytes = ubl instanceof CreditNoteType creditNote ? UBL21Marshaller.creditNote().getAsBytes(creditNote)
                : UBL21Marshaller.invoice().getAsBytes((InvoiceType) ubl);
        if (bytes == null) {
            throw new ConversionException("the UBL produced from the CII does not match the UBL 2.1 schema");
        }
        return bytes;
    }

    /**
     * {@code profile} is lowered to the invoice's own lineless profile when it has no lines (see {@link Profile#writableFor})
     * and raised to EXTENDED when the invoice needs a code only EXTENDED has; codes Factur-X spells differently are
     * written its way (see {@link FacturXAdaptation}); {@link FacturXResult#notes()} says what changed.
     *
     * @throws ConversionException when no Factur-X profile can hold the invoice (the message says why)
     */
    public FacturXResult toFacturX(byte[] originalPdfOrNull, Invoice invoice, Profile profile) throws ConversionException {
        FacturXAdaptation.Plan plan = FacturXAdaptation.plan(invoice, Profile.writableFor(invoice, profile));
        return embed(originalPdfOrNull, toCii(plan.invoice(), plan.profile()), plan.profile()).withNotes(plan.notes());
    }

    public FacturXResult toFacturX(byte[] originalPdfOrNull, Invoice invoice) throws ConversionException {
        return toFacturX(originalPdfOrNull, invoice, Profile.EN16931);
    }

    /**
     * As {@link #toFacturX(byte[], Invoice, Profile)}, except for bare CII in the EXTENDED profile asked to become
     * EN 16931 or EXTENDED: its XML is attached as it came, in EXTENDED. Written again through the model it would lose
     * what only EXTENDED carries (sub-lines, logistics charges...), and the EN 16931 totals would no longer add up.
     */
    public FacturXResult toFacturX(byte[] originalPdfOrNull, StructuredInvoice read, Profile profile) throws ConversionException {
        boolean keepExtended = read.format() == InvoiceFormat.CII && Profile.fromGuideline(read.profile()) == Profile.EXTENDED
                && (profile == Profile.EN16931 || profile == Profile.EXTENDED);
        if (!keepExtended) {
            return toFacturX(originalPdfOrNull, read.invoice(), profile);
        }
        // the model still judges what no profile accepts
        FacturXAdaptation.plan(read.invoice(), Profile.EXTENDED);
        List<String> notes = profile == Profile.EXTENDED ? List.of() : List.of("the received EXTENDED CII is attached as"
                + " it came, in the EXTENDED profile: written as " + profile + " it would lose what only EXTENDED carries");
        return attach(originalPdfOrNull, read.xml(), Profile.EXTENDED, toCii(read.invoice(), Profile.EN16931), notes);
    }

    /**
     * Attaches CII the caller already has (e.g. the XML a supplier sent) to the original PDF or to a page rendered from
     * it; {@code profile} must be the one the XML's BT-24 names, since the XMP announces it.
     */
    public FacturXResult embed(byte[] originalPdfOrNull, byte[] ciiXml, Profile profile) throws ConversionException {
        return attach(originalPdfOrNull, ciiXml, profile, null, List.of());
    }

    /**
     * @param pageXmlOrNull CII to render the page from when the visualiser cannot lay out {@code ciiXml} itself (it
     *                      fails on some EXTENDED structures); null when there is none
     */
    private FacturXResult attach(byte[] originalPdfOrNull, byte[] ciiXml, Profile profile, byte[] pageXmlOrNull,
                                 List<String> notes) throws ConversionException {
        List<String> problems = originalPdfOrNull == null ? List.of() : PdfA3Readiness.problems(originalPdfOrNull);
        boolean keep = originalPdfOrNull != null && problems.isEmpty();
        List<String> allNotes = new ArrayList<>(notes);
        try (ZUGFeRDExporterFromA3 exporter = new ZUGFeRDExporterFromA3()) {
            byte[] visual;
            if (keep) {
                visual = InvoiceAttachmentRemover.withoutInvoiceXml(originalPdfOrNull);
            } else {
                try {
                    visual = render(ciiXml);
                } catch (ConversionException e) {
                    if (pageXmlOrNull == null) {
                        throw e;
                    }
                    visual = render(pageXmlOrNull);
                    allNotes.add("the page shows the EN 16931 part of the invoice: " + e.getMessage());
                }
            }
            exporter.load(visual);
            exporter.setProducer(PRODUCER).setCreator(PRODUCER).setZUGFeRDVersion(2).setProfile(profile.mustang());
            exporter.setXML(ciiXml);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            exporter.export(out);
            return new FacturXResult(out.toByteArray(), profile, keep, problems, allNotes);
        } catch (IOException | RuntimeException e) {
            throw new ConversionException("Mustang could not attach the XML to the PDF: " + e.getMessage(), e);
        }
    }

    /** Mustang's visualiser: the XML as XSL-FO in French, set by FOP as PDF/A-3b with embedded Source Sans fonts. */
    private static byte[] render(byte[] ciiXml) throws ConversionException {
        try {
            byte[] pdf = new ZUGFeRDVisualizer().toPDF(new String(ciiXml, StandardCharsets.UTF_8), ZUGFeRDVisualizer.Language.FR);
            if (pdf == null || pdf.length == 0) {
                throw new ConversionException("Mustang's visualiser produced no PDF for this XML");
            }
            return withoutForbiddenLinks(pdf);
        } catch (IOException | RuntimeException e) {
            throw new ConversionException("the invoice page could not be rendered from the XML: " + e.getMessage(), e);
        }
    }

    /**
     * The visualiser links an attachment's name (BG-24) to a JavaScript action that opens it, which PDF/A forbids
     * (ISO 19005-3 §6.6.1): such links are taken off the page. The name stays written and the file stays attached.
     */
    private static byte[] withoutForbiddenLinks(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            boolean removed = false;
            for (PDPage page : document.getPages()) {
                List<PDAnnotation> annotations = page.getAnnotations();
                removed |= annotations.removeIf(a -> a instanceof PDAnnotationLink link && link.getAction() != null
                        && PdfA3Readiness.FORBIDDEN_ACTIONS.contains(link.getAction().getSubType()));
                page.setAnnotations(annotations);
            }
            if (!removed) {
                return pdf;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length);
            document.save(out);
            return out.toByteArray();
        }
    }
}
