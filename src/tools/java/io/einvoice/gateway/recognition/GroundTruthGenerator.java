package io.einvoice.gateway.recognition;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.einvoice.gateway.facturx.InvoiceReader;
import io.einvoice.gateway.facturx.UnreadableInvoiceException;
import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.Money;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationFileAttachment;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.DataBufferByte;
import java.awt.image.Kernel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Builds a benchmark folder from the test corpus: each Factur-X becomes a text PDF (its XML removed) with the XML's
 * values as expected JSON, and some become scans (page 1 at 300 dpi, slightly turned, blurred and noisy; judged on
 * what page 1 shows, and never made of a page PDFBox cannot draw). The corpus' plain PDFs and scans that have expected
 * values are copied in with their JSON. Nothing of it is committed.
 */
public final class GroundTruthGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(GroundTruthGenerator.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Key of the expected JSON naming the receiving dossier's SIREN, given to the extractor as the gateway does. */
    static final String DOSSIER_SIREN = "dossierSiren";
    /** Key of the expected JSON holding the XML's invoice lines (name, quantity, netPrice, netAmount, vatRate). */
    static final String LINES = "lines";

    private GroundTruthGenerator() {
    }

    /** @return how many files with expected values were written */
    public static int generate(Path corpus, Path out, int scans) throws IOException {
        Files.createDirectories(out);
        int written = copyCorpusExamples(corpus, out);
        List<Path> facturX;
        try (Stream<Path> files = Files.walk(corpus.resolve("facturx-valid"))) {
            facturX = files.filter(p -> p.toString().toLowerCase(Locale.ROOT).endsWith(".pdf")).sorted(Comparator.naturalOrder()).toList();
        }
        Random random = new Random(42);
        int scanned = 0;
        for (Path pdf : facturX) {
            byte[] bytes = Files.readAllBytes(pdf);
            Invoice invoice;
            try {
                invoice = new InvoiceReader().read(bytes).invoice();
            } catch (UnreadableInvoiceException | RuntimeException e) {
                continue;
            }
            String name = "fx-" + pdf.getParent().getFileName() + "-" + pdf.getFileName().toString().replaceAll("\\.pdf$", "");
            byte[] textPdf;
            try {
                textPdf = withoutAttachments(bytes);
            } catch (IOException e) {
                continue;
            }
            ObjectNode expected = expected(invoice);
            Files.write(out.resolve(name + ".pdf"), textPdf);
            Files.writeString(out.resolve(name + ".json"), visibleOnly(expected, textPdf, Integer.MAX_VALUE).toPrettyString());
            written++;
            if (scanned < scans) {
                Optional<String> undrawable = undrawableFont(textPdf);
                if (undrawable.isPresent()) {
                    // its image would show stand-in glyphs, not the invoice: no scanner would produce it
                    LOG.info("no scan made of {}: PDFBox cannot draw its font {} (damaged font program)", name,
                            undrawable.get());
                    continue;
                }
                Files.write(out.resolve(name + "-scan.png"), scan(textPdf, random));
                Files.writeString(out.resolve(name + "-scan.json"), visibleOnly(expected, textPdf, 1).toPrettyString());
                scanned++;
                written++;
            }
        }
        return written;
    }

    /** invoice2data's expected JSON (plain-pdf) for its PDFs and for the scans of the same invoices. */
    private static int copyCorpusExamples(Path corpus, Path out) throws IOException {
        int written = 0;
        List<Path> jsons;
        try (Stream<Path> files = Files.walk(corpus.resolve("plain-pdf"))) {
            jsons = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path json : jsons) {
            String base = json.getFileName().toString().replaceAll("\\.json$", "");
            Path pdf = json.resolveSibling(base + ".pdf");
            ObjectNode expected = fromInvoice2data(JSON.readTree(json.toFile()));
            if (Files.exists(pdf)) {
                Files.copy(pdf, out.resolve("plain-" + base + ".pdf"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.writeString(out.resolve("plain-" + base + ".json"), expected.toPrettyString());
                written++;
            }
            for (String ext : List.of(".png", ".jpg")) {
                Path image = corpus.resolve("scanned").resolve(json.getParent().getFileName()).resolve(base + ext);
                if (Files.exists(image)) {
                    Files.copy(image, out.resolve("scanned-" + base + ext), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    Files.writeString(out.resolve("scanned-" + base + ".json"), expected.toPrettyString());
                    written++;
                }
            }
        }
        return written;
    }

    static ObjectNode fromInvoice2data(com.fasterxml.jackson.databind.JsonNode root) {
        com.fasterxml.jackson.databind.JsonNode n = root.isArray() ? root.get(0) : root;
        ObjectNode e = JSON.createObjectNode();
        text(e, Field.NUMBER, n.path("invoice_number").asText(null));
        text(e, Field.ISSUE_DATE, n.path("date").asText(null));
        text(e, Field.DUE_DATE, n.path("date_due").asText(null));
        text(e, Field.CURRENCY, n.path("currency").asText(null));
        text(e, Field.SELLER_NAME, n.path("issuer").asText(null));
        amount(e, Field.TOTAL_INCL_VAT, n.path("amount"));
        amount(e, Field.TOTAL_EXCL_VAT, n.path("amount_untaxed"));
        amount(e, Field.TOTAL_VAT, n.path("amount_tax"));
        text(e, Field.IBAN, n.path("iban").asText(null));
        String vat = n.path("vat").asText(null);
        if (vat != null && vat.matches("[A-Za-z]{2}.*")) {
            text(e, Field.SELLER_VAT, vat.replaceAll("\\s", ""));
        }
        if (n.hasNonNull("siren")) {
            text(e, Field.SELLER_SIREN, n.get("siren").asText().replaceAll("\\s", ""));
        }
        return e;
    }

    private static void amount(ObjectNode e, Field f, com.fasterxml.jackson.databind.JsonNode n) {
        if (n.isNumber()) {
            e.put(f.json(), Money.format(n.decimalValue()));
        }
    }

    private static void text(ObjectNode e, Field f, String value) {
        text(e, f.json(), value);
    }

    private static void text(ObjectNode e, String key, String value) {
        if (value != null && !value.isBlank()) {
            e.put(key, value.strip());
        }
    }

    /**
     * The XML may say more than the page shows (a seller name only in the XML, a VAT total the layout leaves out): an
     * expected value is kept only when the PDF's visible text holds it, so extraction is judged on what a reader sees.
     */
    static ObjectNode visibleOnly(ObjectNode expected, byte[] textPdf, int pages) throws IOException {
        List<TextLine> lines;
        try (PDDocument pdf = Loader.loadPDF(textPdf)) {
            lines = PdfTextReader.read(pdf, Math.min(pdf.getNumberOfPages(), Math.min(pages, 20)));
        }
        String all = String.join("\n", lines.stream().map(TextLine::text).toList());
        String compact = all.replaceAll("\\s", "").toLowerCase(Locale.ROOT);
        String loose = RecognitionBenchmark.loose(all);
        Set<BigDecimal> amounts = new HashSet<>();
        Set<String> dates = new HashSet<>();
        for (TextLine line : lines) {
            Amounts.find(line.text()).forEach(a -> amounts.add(a.value().abs().stripTrailingZeros()));
            Dates.find(line.text()).forEach(d -> dates.add(d.date().toString()));
        }
        ObjectNode visible = expected.deepCopy();
        // the XML's lines count only when the page shows each line amount (some samples' XML and page disagree)
        for (var line : expected.path(LINES)) {
            if (!line.hasNonNull("netAmount") || !amounts.contains(line.get("netAmount").decimalValue().abs().stripTrailingZeros())) {
                visible.remove(LINES);
                break;
            }
        }
        expected.fieldNames().forEachRemaining(key -> Field.fromJson(key).ifPresent(f -> {
            String value = expected.get(key).asText();
            boolean shown = switch (f) {
                case TOTAL_EXCL_VAT, TOTAL_VAT, TOTAL_INCL_VAT -> amounts.contains(new BigDecimal(value).abs().stripTrailingZeros());
                case ISSUE_DATE, DUE_DATE -> dates.contains(value);
                case SELLER_NAME, BUYER_NAME -> loose.contains(RecognitionBenchmark.loose(value));
                // "EUR" is rarely written out: a € sign or nothing at all says it
                case CURRENCY -> true;
                // a SIREN shows as itself, inside a SIRET or inside a French VAT number
                default -> compact.contains(value.replaceAll("\\s", "").toLowerCase(Locale.ROOT));
            };
            if (!shown) {
                visible.remove(key);
            }
        }));
        return visible;
    }

    static ObjectNode expected(Invoice inv) {
        ObjectNode e = JSON.createObjectNode();
        text(e, Field.NUMBER, inv.number());
        text(e, Field.ISSUE_DATE, inv.issueDate() == null ? null : inv.issueDate().toString());
        text(e, Field.DUE_DATE, inv.dueDate() == null ? null : inv.dueDate().toString());
        text(e, Field.CURRENCY, inv.currency());
        if (inv.seller() != null) {
            text(e, Field.SELLER_NAME, inv.seller().name());
            text(e, Field.SELLER_SIREN, inv.seller().siren());
            text(e, Field.SELLER_VAT, inv.seller().vatId() == null ? null : inv.seller().vatId().replaceAll("\\s", ""));
        }
        if (inv.buyer() != null) {
            text(e, Field.BUYER_NAME, inv.buyer().name());
            // not a field to find: the dossier the invoice is received in, which the gateway always knows
            text(e, DOSSIER_SIREN, inv.buyer().siren());
        }
        if (inv.totals() != null) {
            text(e, Field.TOTAL_EXCL_VAT, Money.format(inv.totals().exclVat()));
            text(e, Field.TOTAL_VAT, Money.format(inv.totals().vat()));
            text(e, Field.TOTAL_INCL_VAT, Money.format(inv.totals().inclVat()));
        }
        // the XML's lines (BG-25), for the line-level figure; not a field, so per-field scores ignore them
        var lines = e.putArray(LINES);
        for (var l : inv.lines()) {
            ObjectNode n = lines.addObject();
            n.put("name", l.name());
            n.put("quantity", l.quantity());
            n.put("netPrice", l.netPrice());
            n.put("priceBaseQuantity", l.priceBaseQuantity());
            n.put("netAmount", l.netAmount());
            n.put("vatRate", l.vatRate());
        }
        return e;
    }

    /** The PDF without its embedded files and file attachment annotations: a PDF like most suppliers send. */
    static byte[] withoutAttachments(byte[] pdfBytes) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(pdfBytes); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            if (pdf.getDocumentCatalog().getNames() != null) {
                pdf.getDocumentCatalog().getNames().getCOSObject().removeItem(COSName.EMBEDDED_FILES);
            }
            pdf.getDocumentCatalog().getCOSObject().removeItem(COSName.AF);
            for (PDPage page : pdf.getPages()) {
                List<org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation> kept = new ArrayList<>(page.getAnnotations());
                kept.removeIf(a -> a instanceof PDAnnotationFileAttachment);
                page.setAnnotations(kept);
            }
            pdf.save(out);
            return out.toByteArray();
        }
    }

    /** A font of page 1 whose program PDFBox could not read (it then draws a stand-in with the wrong glyphs). */
    static Optional<String> undrawableFont(byte[] pdfBytes) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(pdfBytes)) {
            return damagedFont(pdf.getPage(0).getResources(), 0);
        }
    }

    private static Optional<String> damagedFont(PDResources resources, int depth) throws IOException {
        if (resources == null || depth > 5) {
            return Optional.empty();
        }
        for (COSName name : resources.getFontNames()) {
            PDFont font = resources.getFont(name);
            if (font != null && font.isDamaged()) {
                return Optional.of(font.getName());
            }
        }
        for (COSName name : resources.getXObjectNames()) {
            if (resources.getXObject(name) instanceof PDFormXObject form) {
                Optional<String> inForm = damagedFont(form.getResources(), depth + 1);
                if (inForm.isPresent()) {
                    return inForm;
                }
            }
        }
        return Optional.empty();
    }

    /** Page 1 at 300 dpi, turned by up to ±2°, blurred (3×3) and with gray noise: what an office scanner gives. */
    static byte[] scan(byte[] pdfBytes, Random random) throws IOException {
        BufferedImage page;
        try (PDDocument pdf = Loader.loadPDF(pdfBytes)) {
            page = new PDFRenderer(pdf).renderImageWithDPI(0, TesseractOcr.DPI, ImageType.GRAY);
        }
        BufferedImage turned = Images.rotate(page, (random.nextDouble() * 4) - 2);
        float[] box = new float[9];
        java.util.Arrays.fill(box, 1f / 9);
        BufferedImage blurred = new ConvolveOp(new Kernel(3, 3, box), ConvolveOp.EDGE_NO_OP, null).filter(turned, null);
        byte[] px = ((DataBufferByte) blurred.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < px.length; i++) {
            int v = (px[i] & 0xFF) + (int) Math.round(random.nextGaussian() * 18);
            px[i] = (byte) Math.max(0, Math.min(255, v));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(blurred, "png", out);
        return out.toByteArray();
    }
}
