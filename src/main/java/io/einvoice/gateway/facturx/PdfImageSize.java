package io.einvoice.gateway.facturx;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;

import java.io.IOException;
import java.io.InputStream;

/**
 * What an image XObject unpacks to, from its dictionary and, for a JPEG, from the JPEG's own header: PDFBox allocates
 * that much to draw it, whatever its compressed size. A few bytes of data can declare 40,000 × 40,000 pixels.
 */
final class PdfImageSize {

    /** A JPEG's frame header is near its start; no need to read further. */
    private static final int JPEG_HEADER_WINDOW = 64 * 1024;

    record Declared(long width, long height, long bytes) {
    }

    private PdfImageSize() {
    }

    /** @return null when the stream is not an image */
    static Declared of(COSStream stream) {
        if (!COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE))) {
            return null;
        }
        long width = Math.max(0, stream.getInt(COSName.WIDTH, COSName.W, 0));
        long height = Math.max(0, stream.getInt(COSName.HEIGHT, COSName.H, 0));
        long[] jpeg = COSName.DCT_DECODE.equals(stream.getFilters()) ? jpegSize(stream) : null;
        if (jpeg != null) {
            width = Math.max(width, jpeg[0]);
            height = Math.max(height, jpeg[1]);
        }
        boolean mask = stream.getBoolean(COSName.IMAGE_MASK, COSName.IM, false);
        long bits = mask ? 1 : Math.max(1, stream.getInt(COSName.BITS_PER_COMPONENT, COSName.BPC, 8));
        long components = mask ? 1 : components(stream.getDictionaryObject(COSName.COLORSPACE, COSName.CS));
        double bytes = (double) width * height * components * bits / 8;
        return new Declared(width, height, bytes >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) bytes);
    }

    /** Unknown colour spaces count as four components, the most a device space has. */
    private static long components(COSBase space) {
        if (space instanceof COSName name) {
            if (name.equals(COSName.DEVICEGRAY) || name.equals(COSName.CALGRAY) || name.equals(COSName.G)) {
                return 1;
            }
            if (name.equals(COSName.DEVICERGB) || name.equals(COSName.CALRGB) || name.equals(COSName.RGB)
                    || name.equals(COSName.LAB)) {
                return 3;
            }
            return 4;
        }
        if (space instanceof COSArray array && array.size() > 1 && array.getObject(0) instanceof COSName family) {
            if (family.equals(COSName.INDEXED) || family.equals(COSName.I) || family.equals(COSName.SEPARATION)) {
                return 1;
            }
            if (family.equals(COSName.ICCBASED) && array.getObject(1) instanceof COSStream profile) {
                return Math.max(1, profile.getInt(COSName.N, 4));
            }
            if (family.equals(COSName.DEVICEN) && array.getObject(1) instanceof COSArray names) {
                return Math.max(1, names.size());
            }
            if (family.equals(COSName.CALRGB) || family.equals(COSName.LAB)) {
                return 3;
            }
            if (family.equals(COSName.CALGRAY)) {
                return 1;
            }
        }
        return 4;
    }

    /** Width and height from the JPEG's frame header (SOFn), or null when none is found near the start. */
    private static long[] jpegSize(COSStream stream) {
        byte[] head;
        try (InputStream raw = stream.createRawInputStream()) {
            head = raw.readNBytes(JPEG_HEADER_WINDOW);
        } catch (IOException e) {
            return null;
        }
        int i = 2; // after the SOI marker
        while (i + 9 < head.length) {
            if ((head[i] & 0xFF) != 0xFF) {
                return null;
            }
            int marker = head[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++; // fill byte
                continue;
            }
            boolean frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (frame) {
                long height = ((head[i + 5] & 0xFF) << 8) | (head[i + 6] & 0xFF);
                long width = ((head[i + 7] & 0xFF) << 8) | (head[i + 8] & 0xFF);
                return new long[]{width, height};
            }
            i += 2 + (((head[i + 2] & 0xFF) << 8) | (head[i + 3] & 0xFF));
        }
        return null;
    }
}
