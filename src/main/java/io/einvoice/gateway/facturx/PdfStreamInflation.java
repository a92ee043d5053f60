package io.einvoice.gateway.facturx;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.DecodeOptions;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;
import org.apache.pdfbox.pdmodel.PDDocument;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Unpacks every stream of a PDF once, counting and dropping the bytes, before anything keeps them. PDFBox (and Mustang,
 * which reads every attachment into an array) decode a stream whole into memory, with no limit of their own.
 */
public final class PdfStreamInflation {

    /** Image codecs: what they decode to is bounded by the image's declared size, checked by recognition. */
    private static final Set<COSName> IMAGE_CODECS = Set.of(COSName.DCT_DECODE, COSName.DCT_DECODE_ABBREVIATION,
            COSName.JPX_DECODE, COSName.JBIG2_DECODE, COSName.CCITTFAX_DECODE, COSName.CCITTFAX_DECODE_ABBREVIATION);

    private PdfStreamInflation() {
    }

    /**
     * @param names the file names of the embedded files, by stream, to name the one that is too large
     * @throws UnreadableInvoiceException naming the first stream that unpacks to more than the limit
     */
    public static void requireWithin(PDDocument pdf, InflationLimit limit, Map<COSStream, String> names)
            throws UnreadableInvoiceException {
        COSDocument document = pdf.getDocument();
        // streams cannot sit in object streams: only objects stored directly in the file need a look, and reading
        // them does not make PDFBox unpack an object stream this check has not measured yet
        List<COSObjectKey> direct = new ArrayList<>();
        document.getXrefTable().forEach((key, offset) -> {
            if (offset != null && offset > 0) {
                direct.add(key);
            }
        });
        for (COSObjectKey key : direct) {
            COSObject object = document.getObjectFromPool(key);
            if (object == null || !(object.getObject() instanceof COSStream stream)) {
                continue;
            }
            PdfImageSize.Declared image = PdfImageSize.of(stream);
            if (image != null && image.bytes() > limit.maxBytes()) {
                throw new UnreadableInvoiceException(String.format(Locale.ROOT, "PDF refused as a decompression bomb: an"
                                + " image (object %d) declares %,d × %,d pixels, which unpack to more than %,d bytes (%s);"
                                + " it was not unpacked, the original is kept", key.getNumber(), image.width(),
                        image.height(), limit.maxBytes(), InflationLimit.VARIABLE));
            }
            if (exceeds(stream, limit.maxBytes())) {
                throw new UnreadableInvoiceException(String.format(Locale.ROOT, "PDF refused as a decompression bomb: %s"
                                + " (object %d) unpacks to more than %,d bytes (%s); it was not unpacked, the original is kept",
                        describe(stream, names), key.getNumber(), limit.maxBytes(), InflationLimit.VARIABLE));
            }
        }
    }

    /** Whether the stream's data, through its filters up to the first image codec, exceeds {@code max} bytes. */
    static boolean exceeds(COSStream stream, long max) {
        List<COSName> filters = filters(stream);
        try (InputStream raw = stream.createRawInputStream()) {
            InputStream input = raw;
            for (int i = 0; i < filters.size(); i++) {
                boolean last = i == filters.size() - 1 || IMAGE_CODECS.contains(filters.get(i + 1));
                Filter filter = FilterFactory.INSTANCE.getFilter(filters.get(i));
                CappedOutputStream output = last ? CappedOutputStream.counting(max) : CappedOutputStream.keeping(max);
                filter.decode(input, output, stream, i, DecodeOptions.DEFAULT);
                if (last) {
                    return false;
                }
                input = new ByteArrayInputStream(output.kept());
            }
            return false;
        } catch (CappedOutputStream.LimitExceeded e) {
            return true;
        } catch (IOException | RuntimeException e) {
            // a stream PDFBox cannot decode is judged by whoever reads it; this check only measures sizes
            return false;
        }
    }

    private static List<COSName> filters(COSStream stream) {
        COSBase filters = stream.getFilters();
        // PDFBox applies a filter named twice only once; so is it measured
        List<COSName> names = new ArrayList<>();
        if (filters instanceof COSName name) {
            names.add(name);
        } else if (filters instanceof COSArray array) {
            for (COSBase item : array) {
                if (item instanceof COSName name && !names.contains(name)) {
                    names.add(name);
                }
            }
        }
        int codec = 0;
        while (codec < names.size() && !IMAGE_CODECS.contains(names.get(codec))) {
            codec++;
        }
        return names.subList(0, codec);
    }

    private static String describe(COSStream stream, Map<COSStream, String> names) {
        // only a name the gateway knows is repeated: a reason never echoes the sender's bytes
        String fileName = names.get(stream);
        if (fileName != null && PdfInvoiceExtractor.INVOICE_ATTACHMENTS.contains(fileName)) {
            return "its invoice attachment " + fileName;
        }
        COSName type = stream.getCOSName(COSName.TYPE);
        if (COSName.EMBEDDED_FILE.equals(type)) {
            return "an embedded file";
        }
        if (COSName.METADATA.equals(type)) {
            return "its XMP metadata";
        }
        if (COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE))) {
            return "an image";
        }
        if (COSName.OBJ_STM.equals(type)) {
            return "an object stream";
        }
        return "a stream";
    }

    /** Keeps (or only counts) what a filter writes, and stops it as soon as it writes more than the limit. */
    private static final class CappedOutputStream extends OutputStream {
        private final long max;
        private final ByteArrayOutputStream kept;
        private long written;

        private CappedOutputStream(long max, boolean keep) {
            this.max = max;
            this.kept = keep ? new ByteArrayOutputStream() : null;
        }

        static CappedOutputStream counting(long max) {
            return new CappedOutputStream(max, false);
        }

        static CappedOutputStream keeping(long max) {
            return new CappedOutputStream(max, true);
        }

        byte[] kept() {
            return kept.toByteArray();
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            written += len;
            if (written > max) {
                throw new LimitExceeded();
            }
            if (kept != null) {
                kept.write(b, off, len);
            }
        }

        /** An IOException, so the filters let it through as they let through a failing output. */
        static final class LimitExceeded extends IOException {
            LimitExceeded() {
                super("inflation limit exceeded");
            }
        }
    }
}
