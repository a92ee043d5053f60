package io.einvoice.gateway.recognition;

import io.einvoice.gateway.facturx.SampleInvoices;
import net.sourceforge.tess4j.Tesseract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tesseract on this machine (Debian 12: tesseract-ocr 5.3, fra, eng, osd), through the raw-pixel path. */
class OcrTest {

    private static final TesseractOcr OCR = TesseractOcr.fromEnvironment(1);
    private static final DocumentRecognizer RECOGNIZER = new DocumentRecognizer(OCR, new RecognitionLimits(100, 100_000_000L));

    @AfterAll
    static void close() {
        OCR.close();
    }

    /**
     * Canary: tess4j's BufferedImage path goes through lept4j, which cannot bind Debian 12's Leptonica 1.82
     * (dependencies.md §4). When this fails, the system Leptonica was upgraded and that path became usable.
     */
    @Test
    void theBufferedImagePathStillFailsOnThisLeptonica() {
        Tesseract tesseract = new Tesseract();
        tesseract.setDatapath(TesseractOcr.DEFAULT_TESSDATA);
        assertThatThrownBy(() -> tesseract.doOCR(new BufferedImage(100, 40, BufferedImage.TYPE_BYTE_GRAY)))
                .isInstanceOf(LinkageError.class);
    }

    @Test
    void anUpsideDownScanIsTurnedAndReadWithBoxesAndConfidences() throws Exception {
        byte[] png = TestFiles.png(TestFiles.scan(SampleInvoices.plainPdf(), 180));
        RecognizedText text = RECOGNIZER.recognize(png);
        ExtractedInvoice e = new FieldExtractor().extract(text, SampleInvoices.BUYER_SIREN, keys -> List.of());

        assertThat(text.source()).isEqualTo(TextSource.OCR);
        assertThat(e.value(Field.NUMBER)).contains(SampleInvoices.FACTURX_NUMBER);
        assertThat(e.value(Field.SELLER_SIREN)).contains(SampleInvoices.SELLER_SIREN);
        assertThat(e.value(Field.TOTAL_INCL_VAT)).contains(SampleInvoices.TOTAL_INCL_VAT);
        ExtractedField total = e.fields().get(Field.TOTAL_INCL_VAT);
        // upright again: the totals sit in the lower half of the page, not the upper
        assertThat(total.box().y()).isBetween(0.3, 0.9);
        assertThat(total.confidence()).isBetween(0.5, 1.0);
    }

    @Test
    void aPageTurnedAQuarterIsFoundSidewaysAndReadUpright() throws Exception {
        byte[] png = TestFiles.png(TestFiles.scan(SampleInvoices.plainPdf(), 90));
        RecognizedText text = RECOGNIZER.recognize(png);
        ExtractedInvoice e = new FieldExtractor().extract(text, SampleInvoices.BUYER_SIREN, keys -> List.of());

        assertThat(text.rotations()).containsExactly(270);
        assertThat(e.value(Field.NUMBER)).contains(SampleInvoices.FACTURX_NUMBER);
        assertThat(e.value(Field.TOTAL_INCL_VAT)).contains(SampleInvoices.TOTAL_INCL_VAT);
    }

    @Test
    void a200DpiScanIsReadAtItsOwnSize() throws Exception {
        BufferedImage at200 = TestFiles.scan(SampleInvoices.plainPdf(), 0, 200);
        TesseractOcr.OcrPage page = OCR.read(at200, 1);
        ExtractedInvoice e = new FieldExtractor().extract(new RecognizedText(TextSource.OCR, 1, LineBuilder.lines(page.words()), 0,
                List.of(page.rotation())), SampleInvoices.BUYER_SIREN, keys -> List.of());

        assertThat(page.width()).isEqualTo(at200.getWidth());
        assertThat(page.rotation()).isZero();
        assertThat(e.value(Field.NUMBER)).contains(SampleInvoices.FACTURX_NUMBER);
        assertThat(e.value(Field.TOTAL_INCL_VAT)).contains(SampleInvoices.TOTAL_INCL_VAT);
    }

    @Test
    void aSkewedScanIsStraightened() throws Exception {
        BufferedImage page = TestFiles.scan(SampleInvoices.plainPdf(), 0);
        assertThat(Deskew.angle(Images.rotate(page, 3))).isCloseTo(3, org.assertj.core.data.Offset.offset(0.3));
        assertThat(Deskew.angle(Images.rotate(page, -2))).isCloseTo(-2, org.assertj.core.data.Offset.offset(0.3));
        assertThat(Deskew.angle(page)).isCloseTo(0, org.assertj.core.data.Offset.offset(0.3));
    }

    @Test
    void everyPageOfAMultiPageTiffIsRead() throws Exception {
        BufferedImage page = TestFiles.scan(TestFiles.textPdf("FACTURE N° T-1", "Total TTC 12,00 EUR"), 0)
                .getSubimage(0, 0, 2480, 600);
        BufferedImage second = TestFiles.scan(TestFiles.textPdf("Page deux", "Date : 12/03/2024"), 0).getSubimage(0, 0, 2480, 600);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(new IIOImage(page, null, null), null);
            writer.writeToSequence(new IIOImage(second, null, null), null);
            writer.endWriteSequence();
        }
        RecognizedText text = RECOGNIZER.recognize(out.toByteArray());

        assertThat(text.pages()).isEqualTo(2);
        assertThat(text.text()).contains("T-1").contains("12/03/2024");
        assertThat(text.lines()).extracting(TextLine::page).contains(1, 2);
    }

    @Test
    void aBlankScanIsRefusedAsUnreadable() throws Exception {
        assertThatThrownBy(() -> RECOGNIZER.recognize(TestFiles.blankPdf(1)))
                .isInstanceOf(UnrecognizableException.class).hasMessageStartingWith("no text found: blank or unreadable scan");
    }

    @Test
    void aPixelBombIsRefusedFromItsHeaderBeforeDecoding() throws Exception {
        assertThatThrownBy(() -> RECOGNIZER.recognize(TestFiles.pixelBomb(30_000, 30_000)))
                .isInstanceOf(UnrecognizableException.class)
                .hasMessageContaining("image too large: 30,000 × 30,000 pixels").hasMessageContaining("GATEWAY_RECOGNITION_MAX_PIXELS");
    }

    @Test
    void badFilesGetPreciseReasons() throws Exception {
        byte[] png = TestFiles.png(new BufferedImage(50, 50, BufferedImage.TYPE_BYTE_GRAY));
        assertThatThrownBy(() -> RECOGNIZER.recognize(java.util.Arrays.copyOf(png, 20)))
                .isInstanceOf(UnrecognizableException.class).hasMessageStartingWith("damaged PNG image");
        assertThatThrownBy(() -> RECOGNIZER.recognize(new byte[0]))
                .isInstanceOf(UnrecognizableException.class).hasMessage("empty file (0 bytes)");
        assertThatThrownBy(() -> RECOGNIZER.recognize(TestFiles.blankPdf(500)))
                .isInstanceOf(UnrecognizableException.class)
                .hasMessage("too many pages: 500, the limit is 100 (GATEWAY_RECOGNITION_MAX_PAGES)");
        assertThatThrownBy(() -> RECOGNIZER.recognize(TestFiles.encrypted(TestFiles.textPdf("Facture 1"))))
                .isInstanceOf(UnrecognizableException.class).hasMessageContaining("password protected");
        assertThatThrownBy(() -> RECOGNIZER.recognize("%PDF-1.7\ngarbage".getBytes()))
                .isInstanceOf(UnrecognizableException.class).hasMessageStartingWith("damaged PDF");
    }

    @Test
    void missingTesseractDataIsSaidWithThePackagesToInstall() {
        TesseractOcr missing = new TesseractOcr("/nonexistent/tessdata", "fra+eng", 1);
        assertThatThrownBy(() -> missing.read(new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_GRAY), 1))
                .isInstanceOf(OcrUnavailableException.class)
                .hasMessageContaining("fra.traineddata is missing").hasMessageContaining("tesseract-ocr-fra");
    }
}
