package io.einvoice.gateway.system;

import io.einvoice.gateway.facturx.SampleInvoices;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A sample invoice as an office scanner returns it (a gray PNG, no text layer): what the demo's OCR reads. */
public final class ScannedSample {

    /** The number printed on the demo's scan; the other samples carry other numbers, so it is no duplicate of them. */
    public static final String NUMBER = "FA-2026-0045";
    public static final String FILE = "facture-scannee.png";
    private static final int DPI = 200;

    private ScannedSample() {
    }

    public static byte[] png(String number) {
        try (PDDocument pdf = Loader.loadPDF(SampleInvoices.plainPdf(number))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(new PDFRenderer(pdf).renderImageWithDPI(0, DPI, ImageType.GRAY), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("the sample scan could not be drawn", e);
        }
    }
}
