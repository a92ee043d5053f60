package io.einvoice.gateway.recognition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code ./gateway bench-recognition [DIR]}: extraction on every PDF/PNG/JPEG/TIFF of DIR that has an expected
 * {@code <name>.json} beside it, printing per-field accuracy for text PDFs and for scans, and OCR seconds per page of
 * ours against the {@code tesseract} command on the same images. Without DIR, the folder is generated from the
 * corpus ({@link GroundTruthGenerator}) into a temporary folder.
 */
public final class RecognitionBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LEGAL_FORM = Pattern.compile(
            "(?i)\\b(sas|sasu|sarl|eurl|sa|snc|sci|gmbh(\\s*&\\s*co\\.?\\s*kg)?|ag|kg|inc|ltd|llc|bv|plc|srl|spa|sl)\\b\\.?");

    private RecognitionBenchmark() {
    }

    public static void run(String[] args) throws Exception {
        if (List.of(args).contains("--hard")) {
            ScanBench.run(args);
            return;
        }
        Path dir;
        if (args.length > 0) {
            dir = Path.of(args[0]);
        } else {
            Path corpus = Path.of(System.getenv().getOrDefault("GATEWAY_CORPUS", "../shared/corpus"));
            int scans = Integer.parseInt(System.getenv().getOrDefault("GATEWAY_BENCH_SCANS", "20"));
            dir = Files.createTempDirectory("bench-recognition-");
            int n = GroundTruthGenerator.generate(corpus, dir, scans);
            System.out.printf(Locale.ROOT, "generated %d files with expected values from %s into %s%n", n, corpus, dir);
        }
        try (TesseractOcr ocr = TesseractOcr.fromEnvironment(1)) {
            run(dir, new DocumentRecognizer(ocr, RecognitionLimits.DEFAULT));
        }
    }

    static void run(Path dir, DocumentRecognizer recognizer) throws IOException, InterruptedException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().matches("(?i).*\\.(pdf|png|jpe?g|tiff?)$")).filter(p -> Files.exists(expectedOf(p)))
                    .sorted().toList();
        }
        Score text = new Score();
        Score scans = new Score();
        LineScore textLines = new LineScore();
        LineScore scanLines = new LineScore();
        double oursSeconds = 0;
        double cliSeconds = 0;
        int ocrPages = 0;
        FieldExtractor extractor = new FieldExtractor();
        for (Path file : files) {
            JsonNode expected = JSON.readTree(expectedOf(file).toFile());
            boolean image = !file.toString().toLowerCase(Locale.ROOT).endsWith(".pdf");
            Score score = image ? scans : text;
            ExtractedInvoice got;
            RecognizedText read;
            try {
                read = recognizer.recognize(Files.readAllBytes(file));
                // the gateway always knows the dossier an invoice is received in: its SIREN tells buyer from seller
                got = extractor.extract(read, expected.path(GroundTruthGenerator.DOSSIER_SIREN).asText(null), keys -> List.of());
            } catch (UnrecognizableException e) {
                System.out.printf(Locale.ROOT, "  %-60s unreadable: %s%n", file.getFileName(), e.getMessage());
                score.miss(expected);
                continue;
            }
            List<String> wrong = new ArrayList<>(score.add(expected, got));
            wrong.addAll((image ? scanLines : textLines).add(expected.path(GroundTruthGenerator.LINES), got.lines()));
            if (!wrong.isEmpty()) {
                System.out.printf(Locale.ROOT, "  %-60s %s%n", file.getFileName(), String.join("; ", wrong));
            }
            if (image && read.source() == TextSource.OCR) {
                Double cli = tesseractCli(file, commandDpi(file));
                if (cli != null) {
                    oursSeconds += read.ocrSeconds();
                    cliSeconds += cli;
                    ocrPages += read.pages();
                }
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-16s %22s %22s%n", "field", "text PDFs", "scans");
        for (Field f : Field.values()) {
            if (text.expected.containsKey(f) || scans.expected.containsKey(f)) {
                System.out.printf(Locale.ROOT, "%-16s %22s %22s%n", f.json(), text.cell(f), scans.cell(f));
            }
        }
        System.out.printf(Locale.ROOT, "%-16s %22s %22s%n", "overall", text.overall(), scans.overall());
        System.out.printf(Locale.ROOT, "documents        %22d %22d%n", text.documents, scans.documents);
        System.out.printf(Locale.ROOT, "%nlines (EN 16931), text PDFs: %s%nlines (EN 16931), scans:     %s%n", textLines, scanLines);
        if (ocrPages > 0) {
            System.out.printf(Locale.ROOT, "%nOCR seconds per page over %d pages: ours %.2f (deskew, OCR, orientation when needed),"
                            + " tesseract command %.2f, ratio %.2f%n", ocrPages, oursSeconds / ocrPages, cliSeconds / ocrPages,
                    oursSeconds / cliSeconds);
        }
    }

    private static Path expectedOf(Path file) {
        return file.resolveSibling(file.getFileName().toString().replaceAll("\\.[^.]+$", "") + ".json");
    }

    /**
     * The resolution the gateway tells Tesseract an image file has ({@link Images#ocrDpi}), told to the command too, so
     * both read the same pixels the same way.
     */
    static int commandDpi(Path image) throws IOException {
        BufferedImage read = ImageIO.read(image.toFile());
        return read == null ? TesseractOcr.DPI : Images.ocrDpi(read);
    }

    /**
     * Wall time of {@code tesseract FILE stdout -l fra+eng --dpi DPI --psm 4 -c thresholding_method=2} (the gateway's
     * segmentation and binarisation); null when the command is not installed.
     */
    static Double tesseractCli(Path image, int dpi) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p;
        try {
            p = new ProcessBuilder("tesseract", image.toString(), "stdout", "-l", "fra+eng", "--dpi", String.valueOf(dpi),
                    "--psm", String.valueOf(TesseractOcr.SEGMENTATION), "-c", "thresholding_method=" + TesseractOcr.SAUVOLA)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return null;
        }
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            return null;
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static final class Score {
        final Map<Field, Integer> expected = new EnumMap<>(Field.class);
        final Map<Field, Integer> correct = new EnumMap<>(Field.class);
        int documents;

        List<String> add(JsonNode want, ExtractedInvoice got) {
            documents++;
            List<String> wrong = new ArrayList<>();
            want.fields().forEachRemaining(e -> Field.fromJson(e.getKey()).ifPresent(f -> {
                expected.merge(f, 1, Integer::sum);
                String value = got.value(f).orElse(null);
                if (same(f, e.getValue().asText(), value)) {
                    correct.merge(f, 1, Integer::sum);
                } else {
                    wrong.add(f.json() + " " + value + " (expected " + e.getValue().asText() + ")");
                }
            }));
            return wrong;
        }

        void miss(JsonNode want) {
            documents++;
            want.fieldNames().forEachRemaining(name -> Field.fromJson(name).ifPresent(f -> expected.merge(f, 1, Integer::sum)));
        }

        String cell(Field f) {
            int n = expected.getOrDefault(f, 0);
            return n == 0 ? "-" : String.format(Locale.ROOT, "%5.1f %% (%d/%d)", 100.0 * correct.getOrDefault(f, 0) / n,
                    correct.getOrDefault(f, 0), n);
        }

        String overall() {
            int n = expected.values().stream().mapToInt(Integer::intValue).sum();
            int ok = correct.values().stream().mapToInt(Integer::intValue).sum();
            return n == 0 ? "-" : String.format(Locale.ROOT, "%5.1f %% (%d/%d)", 100.0 * ok / n, ok, n);
        }
    }

    /**
     * Line-level figure: of the documents whose XML has lines, how many got lines read; of their expected lines, how
     * many were read exactly (same position, quantity, net price, amount and rate as numbers, name loosely); and how many
     * documents got lines that are not all right, or lines where the XML has none (the costly mistakes).
     */
    private static final class LineScore {
        int withLines;
        int read;
        int expectedLines;
        int exactLines;
        int wrongDocuments;
        int unjudged;

        List<String> add(JsonNode want, List<ExtractedLine> got) {
            if (want.isMissingNode()) {
                // the page does not show the XML's line amounts: nothing to judge the lines read against
                unjudged += got.isEmpty() ? 0 : 1;
                return List.of();
            }
            int n = want.size();
            if (n == 0) {
                if (!got.isEmpty()) {
                    wrongDocuments++;
                    return List.of("lines: " + got.size() + " read, the XML has none");
                }
                return List.of();
            }
            withLines++;
            expectedLines += n;
            if (got.isEmpty()) {
                return List.of();
            }
            read++;
            int exact = 0;
            for (int i = 0; i < Math.min(n, got.size()); i++) {
                if (sameLine(want.get(i), got.get(i))) {
                    exact++;
                }
            }
            exactLines += exact;
            if (exact != n || got.size() != n) {
                wrongDocuments++;
                return List.of(String.format(Locale.ROOT, "lines: %d read, %d of %d expected exactly right", got.size(), exact, n));
            }
            return List.of();
        }

        private static boolean sameLine(JsonNode want, ExtractedLine got) {
            return number(want, "quantity", got.quantity()) && number(want, "netAmount", got.netAmount())
                    && number(want, "netPrice", got.netPrice()) && number(want, "vatRate", got.vatRate())
                    && same(Field.SELLER_NAME, want.path("name").asText(""), got.name());
        }

        /** A value the XML leaves out is not judged. */
        private static boolean number(JsonNode want, String key, BigDecimal got) {
            return !want.hasNonNull(key) || got != null && want.get(key).decimalValue().compareTo(got) == 0;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "documents with lines read: %d of %d whose XML has lines; lines exactly right: %s;"
                            + " documents with wrong lines: %d; with lines read where the page does not show the XML's: %d",
                    read, withLines,
                    expectedLines == 0 ? "-" : String.format(Locale.ROOT, "%.1f %% (%d/%d)", 100.0 * exactLines / expectedLines,
                            exactLines, expectedLines), wrongDocuments, unjudged);
        }
    }

    /** Amounts compare as numbers, names loosely (one contains the other, case and accents aside), the rest exactly. */
    static boolean same(Field f, String expected, String got) {
        if (got == null) {
            return false;
        }
        if (f.amount()) {
            try {
                return new BigDecimal(expected).compareTo(new BigDecimal(got)) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (f == Field.SELLER_NAME || f == Field.BUYER_NAME) {
            // "VENDEUR SARL" and "LE VENDEUR" name one company: the legal form is not part of what is compared
            String a = loose(withoutLegalForm(expected));
            String b = loose(withoutLegalForm(got));
            return !a.isEmpty() && !b.isEmpty() && (a.contains(b) || b.contains(a));
        }
        return expected.replaceAll("\\s", "").equalsIgnoreCase(got.replaceAll("\\s", ""));
    }

    private static String withoutLegalForm(String name) {
        return LEGAL_FORM.matcher(name).replaceAll(" ");
    }

    static String loose(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
