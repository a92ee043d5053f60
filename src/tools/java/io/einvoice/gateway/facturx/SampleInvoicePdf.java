package io.einvoice.gateway.facturx;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.type.BadFieldValueException;
import org.apache.xmpbox.xml.XmpSerializer;

import javax.xml.transform.TransformerException;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Draws the human-readable page of a sample invoice as a PDF/A-3b with PDFBox alone: an embedded font (Liberation Sans
 * from the PDFBox jar), an sRGB output intent and pdfaid XMP. Mustang then only has to attach the XML.
 */
final class SampleInvoicePdf {

    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    /** Read once: parsing the font and the profile per PDF would dominate the cost of a sample. */
    private static final byte[] FONT_BYTES = resource(FONT);
    private static final byte[] SRGB = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    /**
     * The same for every sample, so written once: xmpbox serialises through JAXP, where Saxon answers, at some 15 ms a
     * call. Mustang rewrites the XMP when it attaches the XML anyway.
     */
    private static final byte[] PDFA_3B_XMP = pdfA3bXmp();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final float LEFT = 50;
    private static final float RIGHT = 545;

    private final PDPageContentStream page;
    private final PDType0Font font;
    private float y = 790;

    private SampleInvoicePdf(PDPageContentStream page, PDType0Font font) {
        this.page = page;
        this.font = font;
    }

    static byte[] render(SampleInvoice invoice) {
        try (PDDocument document = new PDDocument()) {
            PDPage a4 = new PDPage(PDRectangle.A4);
            document.addPage(a4);
            PDType0Font font = PDType0Font.load(document, new ByteArrayInputStream(FONT_BYTES));
            try (PDPageContentStream content = new PDPageContentStream(document, a4)) {
                new SampleInvoicePdf(content, font).draw(invoice);
            }
            makePdfA3b(document);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not draw sample invoice " + invoice.number(), e);
        }
    }

    private void draw(SampleInvoice invoice) throws IOException {
        text(LEFT, 16, invoice.seller().name());
        text(400, 16, "FACTURE");
        next(18);
        text(LEFT, 9, SampleInvoice.SELLER_ADDRESS.toString());
        text(400, 10, "N° " + invoice.number());
        next(13);
        text(LEFT, 9, "SIREN " + invoice.seller().siren() + " – TVA " + invoice.seller().vat());
        text(400, 10, "Date : " + DAY.format(invoice.issueDate()));
        next(13);
        text(400, 10, "Échéance : " + DAY.format(invoice.dueDate()));
        next(30);
        text(LEFT, 10, "Facturé à :");
        next(14);
        text(LEFT, 11, SampleInvoices.BUYER_NAME);
        next(13);
        text(LEFT, 9, SampleInvoice.BUYER_ADDRESS.toString());
        next(13);
        text(LEFT, 9, "SIREN " + SampleInvoices.BUYER_SIREN + " – TVA " + SampleInvoices.BUYER_VAT);
        next(30);
        drawLines();
        drawTotals();
        next(36);
        text(LEFT, 9, "Livraison du " + DAY.format(invoice.deliveryDate()) + ". " + SampleInvoice.PAYMENT_TERMS
                + ", avant le " + DAY.format(invoice.dueDate()) + ".");
        next(13);
        text(LEFT, 9, "IBAN " + SampleInvoice.IBAN.replaceAll("(.{4})", "$1 ").strip() + " – BIC " + SampleInvoice.BIC);
        for (String note : SampleInvoice.LEGAL_NOTES) {
            next(13);
            text(LEFT, 8, note);
        }
    }

    private void drawLines() throws IOException {
        row("Désignation", "Qté", "Unité", "PU HT", "TVA", "Montant HT");
        next(6);
        rule();
        for (SampleInvoice.Line line : SampleInvoice.LINES) {
            next(15);
            row(line.name(), line.quantity().toPlainString(), line.unitLabel(), euros(line.unitPrice()),
                    percent(line.vatRate()), euros(line.netAmount()));
        }
        next(8);
        rule();
    }

    /** Text columns start at their left edge, figures end at their right edge. */
    private void row(String name, String quantity, String unit, String price, String vatRate, String amount) throws IOException {
        text(LEFT, 9, name);
        textRight(320, 9, quantity);
        text(335, 9, unit);
        textRight(430, 9, price);
        textRight(480, 9, vatRate);
        textRight(RIGHT, 9, amount);
    }

    private void drawTotals() throws IOException {
        next(18);
        total("Total HT", SampleInvoice.totalExclVat());
        for (Map.Entry<BigDecimal, BigDecimal> vat : SampleInvoice.vatByRate().entrySet()) {
            total("TVA " + percent(vat.getKey()), vat.getValue());
        }
        total("Total TTC", SampleInvoice.totalInclVat());
        total("Net à payer", SampleInvoice.totalInclVat());
    }

    private void total(String label, BigDecimal amount) throws IOException {
        text(380, 10, label);
        textRight(RIGHT, 10, euros(amount));
        next(15);
    }

    private void text(float x, float size, String value) throws IOException {
        page.beginText();
        page.setFont(font, size);
        page.newLineAtOffset(x, y);
        page.showText(value);
        page.endText();
    }

    private void textRight(float right, float size, String value) throws IOException {
        text(right - font.getStringWidth(value) / 1000 * size, size, value);
    }

    private void rule() throws IOException {
        page.moveTo(LEFT, y);
        page.lineTo(RIGHT, y);
        page.stroke();
    }

    private void next(float height) {
        y -= height;
    }

    /** French notation with plain spaces: the JDK's French locale groups with U+202F, which the font lacks. */
    private static String euros(BigDecimal amount) {
        String[] parts = amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString().split("\\.");
        String grouped = parts[0].replaceAll("\\B(?=(\\d{3})+(?!\\d))", " ");
        return grouped + "," + parts[1] + " €";
    }

    private static String percent(BigDecimal rate) {
        return rate.stripTrailingZeros().toPlainString().replace('.', ',') + " %";
    }

    private static void makePdfA3b(PDDocument document) throws IOException {
        PDMetadata metadata = new PDMetadata(document);
        metadata.importXMPMetadata(PDFA_3B_XMP);
        document.getDocumentCatalog().setMetadata(metadata);

        PDOutputIntent intent = new PDOutputIntent(document, new ByteArrayInputStream(SRGB));
        intent.setInfo("sRGB IEC61966-2.1");
        intent.setOutputCondition("sRGB IEC61966-2.1");
        intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
        intent.setRegistryName("http://www.color.org");
        document.getDocumentCatalog().addOutputIntent(intent);
    }

    private static byte[] pdfA3bXmp() {
        XMPMetadata xmp = XMPMetadata.createXMPMetadata();
        DublinCoreSchema dc = xmp.createAndAddDublinCoreSchema();
        dc.addCreator(SampleInvoices.SELLER_NAME);
        PDFAIdentificationSchema pdfaId = xmp.createAndAddPDFAIdentificationSchema();
        pdfaId.setPart(3);
        try {
            pdfaId.setConformance("B");
            ByteArrayOutputStream serialized = new ByteArrayOutputStream();
            new XmpSerializer().serialize(xmp, serialized, true);
            return serialized.toByteArray();
        } catch (BadFieldValueException | TransformerException e) {
            throw new IllegalStateException("could not write the PDF/A-3b XMP metadata", e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = PDDocument.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the PDFBox jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
