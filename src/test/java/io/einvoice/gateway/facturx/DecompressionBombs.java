package io.einvoice.gateway.facturx;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.Deflater;

/**
 * Real PDFs that claim far more memory than their size: Flate data of zeros, about 1,000 to 1 compressed once and a
 * million to 1 compressed twice. Built once per size and JVM.
 */
public final class DecompressionBombs {

    public static final long ONE_GIB = 1L << 30;

    private static final int CHUNK = 1 << 20;
    private static final Map<Long, byte[]> DEFLATED_ZEROS = new ConcurrentHashMap<>();

    private DecompressionBombs() {
    }

    /** A Factur-X whose factur-x.xml attachment inflates to {@code size} bytes (1 GiB: a 1 MB file). */
    public static byte[] facturXWithInflatingAttachment(long size) {
        return rewrite(SampleInvoices.facturXPdf("BOMB-" + size), pdf -> {
            PDComplexFileSpecification spec = pdf.getDocumentCatalog().getNames().getEmbeddedFiles().getNames()
                    .get("factur-x.xml");
            writeFlate(spec.getEmbeddedFile().getCOSObject(), deflatedZeros(size), COSName.FLATE_DECODE);
        });
    }

    /**
     * The same attachment run-length encoded, then deflated ({@code /Filter [/FlateDecode /RunLengthDecode]}): a few
     * tens of kB claim 1 GiB, and the Flate output alone stays small.
     */
    public static byte[] facturXWithTwoFilterAttachment(long size) {
        return rewrite(SampleInvoices.facturXPdf("BOMB2-" + size), pdf -> {
            PDComplexFileSpecification spec = pdf.getDocumentCatalog().getNames().getEmbeddedFiles().getNames()
                    .get("factur-x.xml");
            COSArray filters = new COSArray();
            filters.add(COSName.FLATE_DECODE);
            filters.add(COSName.RUN_LENGTH_DECODE);
            writeFlate(spec.getEmbeddedFile().getCOSObject(), deflate(runLengthZeros(size)), filters);
        });
    }

    /** Runs of 128 zeros: each is the length byte 129 then the byte (ISO 32000-1, 7.4.5), then end of data. */
    private static byte[] runLengthZeros(long size) {
        int runs = Math.toIntExact(size / 128);
        byte[] encoded = new byte[runs * 2 + 1];
        for (int i = 0; i < runs; i++) {
            encoded[2 * i] = (byte) 129;
        }
        encoded[encoded.length - 1] = (byte) 128;
        return encoded;
    }

    /** A PDF without XML (so headed for recognition) whose first page's content stream inflates to {@code size}. */
    public static byte[] pdfWithInflatingPage(long size) {
        return rewrite(SampleInvoices.plainPdf(), pdf -> {
            PDPage page = pdf.getPage(0);
            COSStream content = pdf.getDocument().createCOSStream();
            writeFlate(content, deflatedZeros(size), COSName.FLATE_DECODE);
            page.getCOSObject().setItem(COSName.CONTENTS, content);
        });
    }

    /** A PDF without XML whose page draws an image of the given dictionary, data and filter. */
    public static byte[] pdfWithImage(int width, int height, COSName filter, byte[] data) {
        return rewrite(SampleInvoices.plainPdf(), pdf -> {
            COSStream image = pdf.getDocument().createCOSStream();
            try (OutputStream raw = image.createRawOutputStream()) {
                raw.write(data);
            }
            image.setItem(COSName.TYPE, COSName.XOBJECT);
            image.setItem(COSName.SUBTYPE, COSName.IMAGE);
            image.setInt(COSName.WIDTH, width);
            image.setInt(COSName.HEIGHT, height);
            image.setInt(COSName.BITS_PER_COMPONENT, 8);
            image.setItem(COSName.COLORSPACE, COSName.DEVICERGB);
            image.setItem(COSName.FILTER, filter);
            PDPage page = pdf.getPage(0);
            COSDictionary resources = page.getResources().getCOSObject();
            COSDictionary xObjects = resources.getCOSDictionary(COSName.XOBJECT);
            if (xObjects == null) {
                xObjects = new COSDictionary();
                resources.setItem(COSName.XOBJECT, xObjects);
            }
            xObjects.setItem(COSName.getPDFName("Im99"), image);
        });
    }

    /** A real 16 × 16 JPEG whose frame header is made to claim {@code width} × {@code height}. */
    public static byte[] jpegClaiming(int width, int height) {
        try {
            BufferedImage small = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(small, "jpeg", out);
            byte[] jpeg = out.toByteArray();
            for (int i = 2; i + 9 < jpeg.length; ) {
                int marker = jpeg[i + 1] & 0xFF;
                if (marker == 0xC0 || marker == 0xC2) {
                    jpeg[i + 5] = (byte) (height >> 8);
                    jpeg[i + 6] = (byte) height;
                    jpeg[i + 7] = (byte) (width >> 8);
                    jpeg[i + 8] = (byte) width;
                    return jpeg;
                }
                i += 2 + (((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF));
            }
            throw new IllegalStateException("no frame header in ImageIO's JPEG");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Flate data of {@code size} zeros (a multiple of 1 MiB), built without deflating them all: once the window holds
     * only zeros, every further MiB flushed on a byte boundary deflates to the same bytes, which are repeated.
     */
    public static byte[] deflatedZeros(long size) {
        return DEFLATED_ZEROS.computeIfAbsent(size, s -> {
            int chunks = Math.toIntExact(s / CHUNK);
            if (chunks < 3 || s % CHUNK != 0) {
                throw new IllegalArgumentException("a multiple of 1 MiB, at least 3 MiB");
            }
            Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
            byte[] first = flushedChunk(deflater);
            byte[] repeated = flushedChunk(deflater);
            if (!Arrays.equals(repeated, flushedChunk(deflater))) {
                throw new IllegalStateException("this JDK's deflater does not repeat itself on zeros");
            }
            deflater.finish();
            byte[] last = drain(deflater, Deflater.NO_FLUSH);
            deflater.end();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(first);
            for (int i = 1; i < chunks; i++) {
                out.writeBytes(repeated);
            }
            out.writeBytes(last);
            // the zlib trailer is the Adler-32 of what the deflater saw; that of n zeros is (n mod 65521) << 16 | 1
            byte[] data = out.toByteArray();
            ByteBuffer.wrap(data, data.length - 4, 4).putInt((int) ((s % 65521) << 16 | 1));
            return data;
        });
    }

    private static byte[] flushedChunk(Deflater deflater) {
        deflater.setInput(new byte[CHUNK]);
        return drain(deflater, Deflater.SYNC_FLUSH);
    }

    private static byte[] drain(Deflater deflater, int flush) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, flush);
            out.write(buffer, 0, n);
        } while (n == buffer.length || !deflater.needsInput());
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static void writeFlate(COSStream stream, byte[] encoded, org.apache.pdfbox.cos.COSBase filter) {
        try (OutputStream raw = stream.createRawOutputStream()) {
            raw.write(encoded);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stream.setItem(COSName.FILTER, filter);
        stream.removeItem(COSName.DECODE_PARMS);
    }

    private interface Edit {
        void apply(PDDocument pdf) throws IOException;
    }

    private static byte[] rewrite(byte[] pdf, Edit edit) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            edit.apply(document);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
