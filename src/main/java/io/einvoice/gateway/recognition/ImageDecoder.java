package io.einvoice.gateway.recognition;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Decodes PNG, JPEG and (multi-page) TIFF with the JDK's ImageIO. The size of every page is read from its header
 * before any pixel is decoded, so a pixel bomb is refused instead of ending in an OutOfMemoryError.
 */
final class ImageDecoder {

    private ImageDecoder() {
    }

    /** PNG, JPEG or TIFF by magic number, or null. */
    static String imageType(byte[] content) {
        if (content.length >= 8 && (content[0] & 0xFF) == 0x89 && content[1] == 'P' && content[2] == 'N' && content[3] == 'G') {
            return "png";
        }
        if (content.length >= 3 && (content[0] & 0xFF) == 0xFF && (content[1] & 0xFF) == 0xD8 && (content[2] & 0xFF) == 0xFF) {
            return "jpeg";
        }
        if (content.length >= 4 && ((content[0] == 'I' && content[1] == 'I' && content[2] == 42 && content[3] == 0)
                || (content[0] == 'M' && content[1] == 'M' && content[2] == 0 && content[3] == 42))) {
            return "tiff";
        }
        return null;
    }

    static List<BufferedImage> decode(byte[] content, long maxPixels, int maxPages) throws UnrecognizableException {
        String type = imageType(content);
        if (content.length == 0 || type == null) {
            throw new UnrecognizableException("not a PNG, JPEG or TIFF image");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new UnrecognizableException("no image reader for this " + type.toUpperCase(Locale.ROOT) + " file");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, false, true);
                int pages = reader.getNumImages(true);
                if (pages <= 0) {
                    throw new UnrecognizableException("the " + type.toUpperCase(Locale.ROOT) + " image holds no picture");
                }
                if (pages > maxPages) {
                    throw new UnrecognizableException(String.format(Locale.ROOT,
                            "too many pages: %d, the limit is %d (GATEWAY_RECOGNITION_MAX_PAGES)", pages, maxPages));
                }
                List<BufferedImage> images = new ArrayList<>();
                for (int i = 0; i < pages; i++) {
                    long pixels = (long) reader.getWidth(i) * reader.getHeight(i);
                    if (pixels > maxPixels) {
                        throw new UnrecognizableException(String.format(Locale.ROOT,
                                "image too large: %,d × %,d pixels (page %d), the limit is %,d pixels"
                                        + " (GATEWAY_RECOGNITION_MAX_PIXELS)",
                                reader.getWidth(i), reader.getHeight(i), i + 1, maxPixels));
                    }
                    images.add(reader.read(i));
                }
                return images;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new UnrecognizableException("damaged " + type.toUpperCase(Locale.ROOT) + " image: " + e.getMessage(), e);
        }
    }
}
