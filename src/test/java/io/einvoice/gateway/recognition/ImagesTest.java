package io.einvoice.gateway.recognition;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.assertj.core.api.Assertions.assertThat;

/** Page images are enlarged to the resolution OCR reads best at when they were scanned below it. */
class ImagesTest {

    @Test
    void aPageScannedAt150DpiIsEnlargedTo300() {
        BufferedImage a4At150 = new BufferedImage(1240, 1754, BufferedImage.TYPE_BYTE_GRAY);

        BufferedImage read = Images.atLeastOcrResolution(a4At150);

        assertThat(read.getWidth()).isBetween(2470, 2490);
        assertThat(read.getHeight()).isBetween(3500, 3515);
    }

    @Test
    void aPageScannedAt200DpiIsEnlargedButOneAt300IsLeftAsItIs() {
        assertThat(Images.atLeastOcrResolution(new BufferedImage(1654, 2339, BufferedImage.TYPE_BYTE_GRAY)).getHeight()).isBetween(3500, 3515);
        BufferedImage a4At300 = new BufferedImage(2480, 3508, BufferedImage.TYPE_BYTE_GRAY);
        assertThat(Images.atLeastOcrResolution(a4At300)).isSameAs(a4At300);
    }

    @Test
    void twoPagesSideBySideAreNotTakenForALowResolutionPage() {
        BufferedImage spread = new BufferedImage(4960, 1850, BufferedImage.TYPE_BYTE_GRAY);
        assertThat(Images.atLeastOcrResolution(spread)).isSameAs(spread);
    }
}
