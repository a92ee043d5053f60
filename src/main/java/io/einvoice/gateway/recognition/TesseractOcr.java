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
    /** The resolution PDF pages without a text layer are rendered at for OCR. */
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

    /**
     * Reads one page image at its own size (enlarged only below {@link Images#ENLARGE_BELOW_DPI}), Tesseract being told
     * the resolution it was scanned at (estimated from its size, {@link Images#ocrDpi}); see {@link #read(BufferedImage, int, int)}.
     */
    public OcrPage read(BufferedImage image, int page) {
        BufferedImage gray = Images.atLeastOcrResolution(Images.toGray(image));
        return read(gray, Images.ocrDpi(gray), page);
    }

    /**
     * Reads one upright-or-not page scanned at {@code dpi}, in one recognition pass when it is upright: the skew is
     * measured (a cheap projection in Java) and undone only past {@link #SKEW_TO_UNDO}; orientation detection runs only
     * when the words read do not look like an upright page ({@link #upright}), and the page is read a second time only
     * when it is found turned.
     */
    public OcrPage read(BufferedImage image, int dpi, int page) {
        Handles h = borrow();
        try {
            BufferedImage gray = Images.toGray(image);
            Straight first = straighten(gray);
            List<Word> words = words(h, first.image(), dpi, page);
            if (upright(words, first.image())) {
                return new OcrPage(words, 0, first.skew(), first.image().getWidth(), first.image().getHeight());
            }
            int rotation = orientation(h, gray, dpi);
            if (rotation == 0) {
                return new OcrPage(words, 0, first.skew(), first.image().getWidth(), first.image().getHeight());
            }
            Straight turned = straighten(Images.rotateQuadrants(gray, rotation));
            return new OcrPage(words(h, turned.image(), dpi, page), rotation, turned.skew(), turned.image().getWidth(),
                    turned.image().getHeight());
        } finally {
            pool.add(h);
        }
    }

    /**
     * Below this tilt (degrees) the page is read as it is: a line drifts by less than a quarter of a 10-point text line
     * across an A4 page's width, which neither Tesseract's own line finding nor the line grouping by position notices,
     * and turning a 300-dpi page in Java costs a few percent of its OCR time.
     */
    static final double SKEW_TO_UNDO = 0.3;

    private record Straight(BufferedImage image, double skew) {
    }

    private static Straight straighten(BufferedImage gray) {
        double skew = Deskew.angle(gray);
        return Math.abs(skew) >= SKEW_TO_UNDO ? new Straight(Images.rotate(gray, -skew), skew) : new Straight(gray, 0);
    }

    /**
     * Mean word confidence from which a page read with level words is taken as upright: upright pages of the hard scan
     * bench read at 0.84 to 0.91, a photographed one at 0.70; the same page upside down or sideways at 0.51 to 0.55.
     * Below it, orientation detection runs (a few percent of the OCR time) and mostly finds the page upright.
     */
    static final double UPRIGHT_CONFIDENCE = 0.65;

    /**
     * Whether the words read look like an upright page: confident, and level — Tesseract reads a page turned by a quarter
     * with its vertical-text finder, confidently but with words taller than wide, in the sideways page's positions.
     */
    static boolean upright(List<Word> words, BufferedImage read) {
        if (words.isEmpty()) {
            return false;
        }
        double confidence = words.stream().mapToDouble(Word::confidence).average().orElse(0);
        List<Word> longer = words.stream().filter(w -> w.text().length() >= 3).toList();
        long level = longer.stream().filter(w -> w.box().width() * read.getWidth() > w.box().height() * read.getHeight()).count();
        return confidence >= UPRIGHT_CONFIDENCE && level >= 0.8 * longer.size();
    }

    /** The words with boxes (fractions of the straightened page) and confidences 0..1. */
    private List<Word> words(Handles h, BufferedImage gray, int dpi, int page) {
        setImage(h.text, gray, dpi);
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
     * How far the page is turned, by Tesseract's orientation detection (osd.traineddata) on the whole page at its own
     * resolution (a half-size copy of a light, noisy scan has been seen to read as upside down); a page with too little
     * text to tell stays as it is.
     *
     * @return degrees to turn the image clockwise to make it upright: 0, 90, 180 or 270
     */
    private static int orientation(Handles h, BufferedImage gray, int dpi) {
        if (h.osd == null) {
            return 0;
        }
        setImage(h.osd, gray, dpi);
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

    /**
     * The resolution matters beyond the text size: Tesseract sizes its Sauvola window and its noise thresholds from it,
     * so a 150-dpi page is read at its size with 150 dpi said, not enlarged (which cost OCR time) nor called 300 dpi.
     */
    private static void setImage(TessBaseAPI api, BufferedImage gray, int dpi) {
        byte[] pixels = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
        ByteBuffer buffer = ByteBuffer.allocateDirect(pixels.length).put(pixels);
        buffer.flip();
        api().TessBaseAPISetImage(api, buffer, gray.getWidth(), gray.getHeight(), 1, gray.getWidth());
        api().TessBaseAPISetSourceResolution(api, dpi);
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
