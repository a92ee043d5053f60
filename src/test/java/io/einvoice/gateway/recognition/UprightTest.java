package io.einvoice.gateway.recognition;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When orientation detection is skipped: the words of the first reading look like an upright page (confident and level).
 * Without OCR: the words are given as Tesseract would return them.
 */
class UprightTest {

    private static final BufferedImage A4 = new BufferedImage(2480, 3508, BufferedImage.TYPE_BYTE_GRAY);

    /** A word of a page this size, {@code w} × {@code h} pixels. */
    private static Word word(String text, int w, int h, double confidence) {
        return new Word(text, new Box(1, 0.1, 0.1, (double) w / A4.getWidth(), (double) h / A4.getHeight()), confidence);
    }

    @Test
    void confidentLevelWordsAreAnUprightPage() {
        List<Word> words = List.of(word("FACTURE", 300, 50, 0.95), word("Total", 200, 40, 0.9), word("TTC", 120, 40, 0.88),
                word("1", 20, 40, 0.6));
        assertThat(TesseractOcr.upright(words, A4)).isTrue();
    }

    @Test
    void aPhotographedPageReadLessSurelyIsStillUpright() {
        List<Word> words = List.of(word("FACTURE", 300, 50, 0.72), word("Total", 200, 40, 0.7), word("TTC", 120, 40, 0.68));
        assertThat(TesseractOcr.upright(words, A4)).isTrue();
    }

    @Test
    void anUpsideDownPageReadsWithLowConfidence() {
        List<Word> words = List.of(word("ΞЯUTƆA", 300, 50, 0.5), word("lɐʇo", 200, 40, 0.6), word("ƆTT", 120, 40, 0.55));
        assertThat(TesseractOcr.upright(words, A4)).isFalse();
    }

    @Test
    void aSidewaysPageReadConfidentlyAsVerticalTextIsNotUpright() {
        List<Word> words = List.of(word("FACTURE", 50, 300, 0.95), word("Total", 40, 200, 0.95), word("TTC", 40, 120, 0.95));
        assertThat(TesseractOcr.upright(words, A4)).isFalse();
    }

    @Test
    void aPageWithoutWordsIsLeftToOrientationDetection() {
        assertThat(TesseractOcr.upright(List.of(), A4)).isFalse();
    }
}
