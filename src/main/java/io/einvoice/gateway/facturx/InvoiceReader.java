package io.einvoice.gateway.facturx;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a structured invoice from whatever bytes arrive: a Factur-X / ZUGFeRD PDF, CII XML or UBL XML. What the file
 * is comes from its content, never from its name. Thread-safe; its only state is {@link #readStored}'s memory.
 */
public class InvoiceReader {

    /** Enough for a burst of hand-offs between ingest and the journal; about 30 kB an invoice. */
    private static final int RECENT_STORED = 256;
    /**
     * A larger invoice is read again each time: the memory stays under 256 × 256 kB of XML (and its model) whatever
     * arrives, where one file may carry megabytes.
     */
    private static final int RECENT_MAX_XML_BYTES = 256 * 1024;
    private static final InvoiceReader CONFIGURED = new InvoiceReader();

    private final InflationLimit inflationLimit;
    /** Stored blobs are write-once and named by their SHA-256: what one was read as stays true. */
    private final Map<String, StructuredInvoice> recent = Collections.synchronizedMap(
            new LinkedHashMap<>(RECENT_STORED, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, StructuredInvoice> eldest) {
                    return size() > RECENT_STORED;
                }
            });

    /** The reader with the limit this process was started with, shared so that {@link #readStored} remembers for all. */
    public static InvoiceReader configured() {
        return CONFIGURED;
    }

    /** With the limit this process was started with (GATEWAY_MAX_INFLATED_BYTES). */
    public InvoiceReader() {
        this(InflationLimit.configured());
    }

    public InvoiceReader(InflationLimit inflationLimit) {
        this.inflationLimit = inflationLimit;
    }

    /**
     * {@link #read} for a stored blob: ingest and the journal each read the same blob, often within seconds (a PDF parse, an XML parse and the mapping: a tenth of an invoice's CPU), so this reader keeps the last
     * few hundred blobs it read by their SHA-256 ({@link #configured()} is the one they share). What could not be read
     * is not kept: it is read again, and refused again; nor is an invoice of more than 256 kB of XML.
     *
     * @param sha256  the blob's SHA-256
     * @param content the blob's bytes
     */
    public StructuredInvoice readStored(String sha256, byte[] content) throws UnreadableInvoiceException {
        StructuredInvoice known = recent.get(sha256);
        if (known != null) {
            return known;
        }
        StructuredInvoice read = read(content);
        if (read.xml().length <= RECENT_MAX_XML_BYTES) {
            recent.put(sha256, read);
        }
        return read;
    }

    public StructuredInvoice read(byte[] content) throws UnreadableInvoiceException {
        if (content == null || content.length == 0) {
            throw new UnreadableInvoiceException("empty file (0 bytes)");
        }
        int pdfStart = FileSignature.pdfHeaderOffset(content);
        if (pdfStart == 0) {
            return readPdf(content);
        }
        if (FileSignature.looksLikeXml(content)) {
            XmlInvoiceReader.Parsed parsed = XmlInvoiceReader.read(content);
            InvoiceFormat format = switch (parsed.syntax()) {
                case CII -> InvoiceFormat.CII;
                case UBL -> InvoiceFormat.UBL;
                case ZUGFERD_1 -> InvoiceFormat.ZUGFERD;
            };
            return new StructuredInvoice(format, parsed.profile(), content, parsed.invoice());
        }
        if (pdfStart > 0) {
            return readPdf(Arrays.copyOfRange(content, pdfStart, content.length));
        }
        if (FileSignature.isBlank(content)) {
            throw new UnreadableInvoiceException("empty file (" + content.length + " bytes of white space only)");
        }
        throw new UnreadableInvoiceException("unsupported file type: neither PDF nor XML (" + FileSignature.describe(content) + ")");
    }

    private StructuredInvoice readPdf(byte[] pdf) throws UnreadableInvoiceException {
        PdfInvoiceExtractor.EmbeddedXml embedded = PdfInvoiceExtractor.extract(pdf, inflationLimit);
        XmlInvoiceReader.Parsed parsed;
        try {
            parsed = XmlInvoiceReader.read(embedded.xml());
        } catch (UnreadableInvoiceException e) {
            throw new UnreadableInvoiceException(e.getMessage() + " (in the PDF's "
                    + (embedded.attachmentName() == null ? "invoice" : embedded.attachmentName()) + " attachment)", e);
        }
        return new StructuredInvoice(pdfFormat(embedded.attachmentName(), parsed.syntax()), parsed.profile(),
                embedded.xml(), parsed.invoice());
    }

    /**
     * ZUGFeRD 2.1 and later also name their attachment factur-x.xml (the two standards merged), so such files count as
     * Factur-X; only the older names and the ZUGFeRD 1 syntax say ZUGFeRD.
     */
    private static InvoiceFormat pdfFormat(String attachmentName, XmlInvoiceReader.Syntax syntax) {
        if (syntax == XmlInvoiceReader.Syntax.ZUGFERD_1) {
            return InvoiceFormat.ZUGFERD;
        }
        return attachmentName == null || attachmentName.toLowerCase(Locale.ROOT).equals("factur-x.xml")
                ? InvoiceFormat.FACTUR_X : InvoiceFormat.ZUGFERD;
    }
}
