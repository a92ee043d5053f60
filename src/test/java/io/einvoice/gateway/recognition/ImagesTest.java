package io.einvoice.gateway.recognition;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.assertj.core.api.Assertions.assertThat;

/** The resolution Tesseract is told a page image was scanned at, from its size; only a 150-dpi page is enlarged. */
class ImagesTest {

    @Test
    void anA4PageGivesTheResolutionItWasScannedAt() {
        assertThat(Images.ocrDpi(new BufferedImage(1240, 1754, BufferedImage.TYPE_BYTE_GRAY))).isEqualTo(150);
        assertThat(Images.ocrDpi(new BufferedImage(1654, 2339, BufferedImage.TYPE_BYTE_GRAY))).isEqualTo(200);
        assertThat(Images.ocrDpi(new BufferedImage(2480, 3508, BufferedImage.TYPE_BYTE_GRAY))).isEqualTo(300);
    }

    @Test
    void aPageTurnedSidewaysGivesTheSameResolution() {
        assertThat(Images.ocrDpi(new BufferedImage(3508, 2480, BufferedImage.TYPE_BYTE_GRAY))).isEqualTo(300);
    }

    @Test
    void thumbnailsAndHugeImagesStayWithinTesseractsCredibleRange() {
        assertThat(Images.ocrDpi(new BufferedImage(120, 170, BufferedImage.TYPE_BYTE_GRAY))).isEqualTo(70);
        assertThat(Images.ocrDpi(new BufferedImage(2000, 20_000, BufferedImage.TYPE_BYTE_GRAY))).isEqualTo(1200);
    }

    @Test
    void onlyAPageScannedBelow175DpiIsEnlargedTo300() {
        BufferedImage read = Images.atLeastOcrResolution(new BufferedImage(1240, 1754, BufferedImage.TYPE_BYTE_GRAY));
        assertThat(read.getHeight()).isBetween(3500, 3515);
        assertThat(Images.ocrDpi(read)).isEqualTo(300);
        BufferedImage a4At200 = new BufferedImage(1654, 2339, BufferedImage.TYPE_BYTE_GRAY);
        assertThat(Images.atLeastOcrResolution(a4At200)).isSameAs(a4At200);
    }
}
