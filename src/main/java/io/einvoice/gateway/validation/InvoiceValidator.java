package io.einvoice.gateway.validation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Validates a Factur-X / ZUGFeRD PDF, CII or UBL file: PDF/A and XMP for PDFs, then XSD and schematrons on the invoice
 * XML. What the file is comes from its bytes. Every problem of the file is a finding in the report; only a failure of
 * the validator itself throws. One instance ({@link #shared()}) serves every thread.
 */
public class InvoiceValidator {

    /** Mustang's threshold: nothing shorter can hold an invoice. */
    private static final int MIN_BYTES = 32;
    private static final byte[] PDF_MAGIC = "%PDF".getBytes(StandardCharsets.US_ASCII);

    private static InvoiceValidator shared;

    private final XmlChecks xml;
    private final PdfChecks pdf;
    private final ValidationArtefacts artefacts;

    private InvoiceValidator(ValidationArtefacts artefacts) {
        this.xml = new XmlChecks(artefacts);
        this.pdf = new PdfChecks();
        this.artefacts = artefacts;
    }

    /**
     * The validator of this JVM, compiled on first use (tens of seconds: the rule sets are large) and shared from then
     * on; the artefacts are class-path constants, so one compiled copy serves the gateway, the CLI and every test.
     *
     * @throws IllegalStateException when an artefact is missing or does not compile
     */
    public static synchronized InvoiceValidator shared() {
        if (shared == null) {
            shared = new InvoiceValidator(ValidationArtefacts.compile());
        }
        return shared;
    }

    /**
     * A validator that compiles each rule set the first time a file needs it: for one-off runs on a few files (the
     * {@code validate} command), where compiling all 33 artefacts would cost more than validating.
     *
     * @throws IllegalStateException when a code list cannot be read
     */
    public static InvoiceValidator onDemand() {
        return new InvoiceValidator(ValidationArtefacts.onDemand());
    }

    /** How many schemas and schematrons were compiled (by {@link #shared()}: all of them). */
    public int artefactCount() {
        return artefacts.count();
    }

    public ValidationReport validate(byte[] content, String fileName) throws ValidationUnavailableException {
        long start = System.nanoTime();
        try {
            List<Finding> findings = new ArrayList<>();
            if (content.length < MIN_BYTES) {
                findings.add(Finding.error(Layer.INPUT, "TOO-SMALL", "file too small to be an invoice (" + content.length + " bytes)"));
                return ValidationReport.of(fileName, null, null, null, List.of(), findings, millis(start));
            }
            if (Arrays.equals(content, 0, PDF_MAGIC.length, PDF_MAGIC, 0, PDF_MAGIC.length)) {
                PdfChecks.Outcome container = pdf.check(content);
                findings.addAll(container.findings());
                if (container.invoiceXml() == null) {
                    return ValidationReport.of(fileName, "PDF", null, null, List.of(), findings, millis(start));
                }
                XmlChecks.Outcome data = xml.check(container.invoiceXml(), true);
                findings.addAll(data.findings());
                return ValidationReport.of(fileName, "PDF", data.syntax(), data.profile(), data.ruleSets(), findings, millis(start));
            }
            if (!looksLikeXml(content)) {
                findings.add(Finding.error(Layer.INPUT, "NOT-PDF-NOR-XML", "neither a PDF nor XML file"));
                return ValidationReport.of(fileName, null, null, null, List.of(), findings, millis(start));
            }
            XmlChecks.Outcome data = xml.check(content, false);
            return ValidationReport.of(fileName, "XML", data.syntax(), data.profile(), data.ruleSets(), data.findings(), millis(start));
        } catch (RuntimeException e) {
            throw new ValidationUnavailableException("validation of " + fileName + " failed inside the validator: " + e, e);
        }
    }

    /** A {@code <} after an optional byte order mark and white space; UTF-16 marks are left to the parser. */
    private static boolean looksLikeXml(byte[] content) {
        int i = 0;
        if (content.length >= 2 && ((content[0] & 0xFF) == 0xFE || (content[0] & 0xFF) == 0xFF)) {
            return true;
        }
        if (content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB && (content[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        while (i < content.length && Character.isWhitespace(content[i])) {
            i++;
        }
        return i < content.length && content[i] == '<';
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
