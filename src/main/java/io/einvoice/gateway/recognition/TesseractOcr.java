package io.einvoice.gateway.recognition;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import net.sourceforge.tess4j.ITessAPI;
import net.sourceforge.tess4j.ITessAPI.TessBaseAPI;
import net.sourceforge.tess4j.ITessAPI.TessPageIteratorLevel;
import net.sourceforge.tess4j.ITessAPI.TessPageSegMode;
import net.sourceforge.tess4j.TessAPI;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Tesseract through tess4j's C API on raw 8-bit gray pixels. The raw path never touches Leptonica, whose Debian 12
 * version (1.82) lept4j 1.24 cannot bind (docs: dependencies.md §4). A Tesseract handle is not thread-safe, so handles
 * live in a pool: a caller borrows one for a page and gives it back.
 */
public class TesseractOcr implements AutoCloseable {

    public static final String DEFAULT_TESSDATA = "/usr/share/tesseract-ocr/5/tessdata";
    static final String INSTALL_HINT = "install the Debian packages tesseract-ocr, tesseract-ocr-fra and tesseract-ocr-eng"
            + " (apt-get install tesseract-ocr tesseract-ocr-fra tesseract-ocr-eng)";
    public static final int DPI = 300;
    /**
     * Tesseract's local (Sauvola) binarisation instead of its global Otsu threshold: gray text on a shaded box of a
     * noisy scan (an invoice number in a header box) survives it; with Otsu it vanished on 3 of 8 such scans.
     */
    static final String SAUVOLA = "2";
    /**
     * One column of text of varying sizes (Tesseract's PSM 4) rather than full layout analysis: the latter took a
     * header row of shaded boxes beside a logo for a picture and dropped it, invoice number included; lines are
     * rebuilt from word positions anyway ({@link LineBuilder}).
     */
    static final int SEGMENTATION = TessPageSegMode.PSM_SINGLE_COLUMN;

    private final String tessdata;
    private final String languages;
    private final BlockingQueue<Handles> pool;
    private final int size;
    private int created;

    public TesseractOcr(String tessdata, String languages, int poolSize) {
        this.tessdata = tessdata;
        this.languages = languages;
        this.size = Math.max(1, poolSize);
        this.pool = new ArrayBlockingQueue<>(size);
    }

    /** TESSDATA_PREFIX when set, else Debian's location: no manual set-up on a Debian machine. */
    public static TesseractOcr fromEnvironment(int poolSize) {
        String prefix = System.getenv("TESSDATA_PREFIX");
        return new TesseractOcr(prefix == null || prefix.isBlank() ? DEFAULT_TESSDATA : prefix, "fra+eng", poolSize);
    }

    /** Reads one upright-or-not page; the image is straightened (orientation, skew) first. */
    public OcrPage read(BufferedImage image, int page) {
        Handles h = borrow();
        try {
            BufferedImage gray = Images.atLeastOcrResolution(Images.toGray(image));
            int rotation = orientation(h, gray);
            if (rotation != 0) {
                gray = Images.rotateQuadrants(gray, rotation);
            }
            double skew = Deskew.angle(gray);
            if (Math.abs(skew) >= 0.1) {
                gray = Images.rotate(gray, -skew);
            }
            return new OcrPage(words(h, gray, page), rotation, skew, gray.getWidth(), gray.getHeight());
        } finally {
            pool.add(h);
        }
    }

    /** The words with boxes (fractions of the straightened page) and confidences 0..1. */
    private List<Word> words(Handles h, BufferedImage gray, int page) {
        setImage(h.text, gray);
        List<Word> words = new ArrayList<>();
        if (api().TessBaseAPIRecognize(h.text, null) != 0) {
            return words;
        }
        ITessAPI.TessResultIterator it = api().TessBaseAPIGetIterator(h.text);
        if (it == null) {
            return words;
        }
        try {
            ITessAPI.TessPageIterator pit = api().TessResultIteratorGetPageIterator(it);
            IntBuffer left = IntBuffer.allocate(1);
            IntBuffer top = IntBuffer.allocate(1);
            IntBuffer right = IntBuffer.allocate(1);
            IntBuffer bottom = IntBuffer.allocate(1);
            double w = gray.getWidth();
            double ht = gray.getHeight();
            do {
                Pointer text = api().TessResultIteratorGetUTF8Text(it, TessPageIteratorLevel.RIL_WORD);
                if (text == null) {
                    continue;
                }
                String word = text.getString(0, "UTF-8").strip();
                api().TessDeleteText(text);
                float confidence = api().TessResultIteratorConfidence(it, TessPageIteratorLevel.RIL_WORD);
                api().TessPageIteratorBoundingBox(pit, TessPageIteratorLevel.RIL_WORD, left, top, right, bottom);
                if (!word.isEmpty()) {
                    words.add(new Word(word, new Box(page, left.get(0) / w, top.get(0) / ht,
                            (right.get(0) - left.get(0)) / w, (bottom.get(0) - top.get(0)) / ht),
                            Math.max(0, Math.min(1, confidence / 100.0))));
                }
            } while (api().TessPageIteratorNext(pit, TessPageIteratorLevel.RIL_WORD) == ITessAPI.TRUE);
        } finally {
            api().TessResultIteratorDelete(it);
            api().TessBaseAPIClear(h.text);
        }
        return words;
    }

    /**
     * How far the page is turned, by Tesseract's orientation detection (osd.traineddata) on a half-size copy; a page
     * with too little text to tell stays as it is. A turn seen on the half-size copy is confirmed on the full page:
     * the small copy of a light, noisy scan has been seen to read as upside down (then every word came out wrong).
     *
     * @return degrees to turn the image clockwise to make it upright: 0, 90, 180 or 270
     */
    private static int orientation(Handles h, BufferedImage gray) {
        if (h.osd == null) {
            return 0;
        }
        int quick = orientation(h, Images.scale(gray, 0.5), DPI / 2);
        return quick == 0 ? 0 : orientation(h, gray, DPI);
    }

    private static int orientation(Handles h, BufferedImage gray, int dpi) {
        setImage(h.osd, gray);
        api().TessBaseAPISetSourceResolution(h.osd, dpi);
        IntBuffer degrees = IntBuffer.allocate(1);
        FloatBuffer confidence = FloatBuffer.allocate(1);
        PointerByReference script = new PointerByReference();
        FloatBuffer scriptConfidence = FloatBuffer.allocate(1);
        try {
            int ok = api().TessBaseAPIDetectOrientationScript(h.osd, degrees, confidence, script, scriptConfidence);
            // Tesseract's own threshold for trusting an orientation guess is low; 2 avoids turning a sparse page
            return ok == ITessAPI.TRUE && confidence.get(0) >= 2 ? (360 - degrees.get(0)) % 360 : 0;
        } finally {
            api().TessBaseAPIClear(h.osd);
        }
    }

    private static void setImage(TessBaseAPI api, BufferedImage gray) {
        byte[] pixels = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
        ByteBuffer buffer = ByteBuffer.allocateDirect(pixels.length).put(pixels);
        buffer.flip();
        api().TessBaseAPISetImage(api, buffer, gray.getWidth(), gray.getHeight(), 1, gray.getWidth());
        api().TessBaseAPISetSourceResolution(api, DPI);
    }

    /**
     * tess4j's interface mapping, which looks functions up on first call: its direct mapping (TessAPI1) binds every
     * function at load and fails on Debian 12's libtesseract 5.3, which lacks some newer ones.
     */
    private static TessAPI api() {
        return TessAPI.INSTANCE;
    }

    private Handles borrow() {
        Handles h = pool.poll();
        if (h != null) {
            return h;
        }
        synchronized (this) {
            if (created < size) {
                created++;
                try {
                    return open();
                } catch (RuntimeException | LinkageError e) {
                    created--;
                    throw e instanceof OcrUnavailableException u ? u
                            : new OcrUnavailableException("Tesseract OCR cannot be loaded (" + e.getMessage() + "): " + INSTALL_HINT, e);
                }
            }
        }
        try {
            return pool.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a Tesseract instance", e);
        }
    }

    private Handles open() {
        for (String language : languages.split("\\+")) {
            if (!Files.isRegularFile(Path.of(tessdata, language + ".traineddata"))) {
                throw new OcrUnavailableException("Tesseract language data " + language + ".traineddata is missing in "
                        + tessdata + " (TESSDATA_PREFIX): " + INSTALL_HINT, null);
            }
        }
        TessBaseAPI text = api().TessBaseAPICreate();
        if (api().TessBaseAPIInit3(text, tessdata, languages) != 0) {
            api().TessBaseAPIDelete(text);
            throw new OcrUnavailableException("Tesseract could not load " + languages + " from " + tessdata + ": " + INSTALL_HINT, null);
        }
        api().TessBaseAPISetPageSegMode(text, SEGMENTATION);
        // keeps the spaces between words of a table row, which the line grouping relies on
        api().TessBaseAPISetVariable(text, "preserve_interword_spaces", "1");
        api().TessBaseAPISetVariable(text, "thresholding_method", SAUVOLA);
        TessBaseAPI osd = null;
        if (Files.isRegularFile(Path.of(tessdata, "osd.traineddata"))) {
            osd = api().TessBaseAPICreate();
            if (api().TessBaseAPIInit3(osd, tessdata, "osd") != 0) {
                api().TessBaseAPIDelete(osd);
                osd = null;
            } else {
                api().TessBaseAPISetPageSegMode(osd, TessPageSegMode.PSM_OSD_ONLY);
            }
        }
        return new Handles(text, osd);
    }

    @Override
    public void close() {
        Handles h;
        while ((h = pool.poll()) != null) {
            api().TessBaseAPIEnd(h.text);
            api().TessBaseAPIDelete(h.text);
            if (h.osd != null) {
                api().TessBaseAPIEnd(h.osd);
                api().TessBaseAPIDelete(h.osd);
            }
        }
    }

    /** One page read: its words, the quarter turns and skew (degrees) applied, the size of the image read. */
    public record OcrPage(List<Word> words, int rotation, double skew, int width, int height) {
    }

    private record Handles(TessBaseAPI text, TessBaseAPI osd) {
    }
}
