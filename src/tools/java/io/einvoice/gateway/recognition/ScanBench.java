package io.einvoice.gateway.recognition;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.einvoice.gateway.facturx.InvoiceReader;
import io.einvoice.gateway.facturx.UnreadableInvoiceException;
import io.einvoice.gateway.invoice.Invoice;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * {@code ./gateway bench-recognition --hard [--aside] [--sources N] [--per-source K] [--variants a,b] [--cli-every N] [DIR]}:
 * page 1 of up to N distinct Factur-X invoices of the corpus, each rendered as K of the {@link ScanVariant}s (all by
 * default) into DIR (a temporary folder without it; images already there are reused), read by OCR and judged against
 * the invoice's CII XML on number, issue date and the two totals. Invoices are split by a hash of their number: 2 in 5
 * are kept aside (tuning must never look at them), 3 in 5 are for tuning ({@code --aside}: the aside ones only); both are
 * reported, per field, per variant,
 * with missing vs misread, the 20 worst pages and OCR time against the {@code tesseract} command every N pages.
 */
public final class ScanBench {

    /** The fields the figure is made of: what a person must otherwise type from a scanned invoice. */
    static final List<Field> FIELDS = List.of(Field.NUMBER, Field.ISSUE_DATE, Field.TOTAL_EXCL_VAT, Field.TOTAL_INCL_VAT);
    static final String TYPE_CODE = "typeCode";
    static final String HEADER = "per-field accuracy (scans, 4 fields)";

    private ScanBench() {
    }

    record Options(int sources, int perSource, List<ScanVariant> variants, int cliEvery, Path dir, boolean asideOnly) {

        static Options parse(String[] args) {
            int sources = 70;
            boolean asideOnly = false;
            int perSource = Integer.MAX_VALUE;
            int cliEvery = 5;
            List<ScanVariant> variants = List.of(ScanVariant.values());
            Path dir = null;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--hard" -> {
                    }
                    // the unseen part alone, every variant of it, in the time the whole bench takes with fewer
                    case "--aside" -> asideOnly = true;
                    case "--sources" -> sources = positive(a, value(args, ++i));
                    case "--per-source" -> perSource = positive(a, value(args, ++i));
                    case "--cli-every" -> cliEvery = Integer.parseInt(value(args, ++i));
                    case "--variants" -> {
                        List<ScanVariant> chosen = new ArrayList<>();
                        for (String id : value(args, ++i).split(",")) {
                            chosen.add(ScanVariant.of(id).orElseThrow(() -> new IllegalArgumentException("unknown variant '" + id
                                    + "'; variants: " + String.join(",", Stream.of(ScanVariant.values()).map(ScanVariant::id).toList()))));
                        }
                        variants = List.copyOf(chosen);
                    }
                    default -> {
                        if (a.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        dir = Path.of(a);
                    }
                }
            }
            return new Options(Math.min(sources, 500), Math.min(perSource, variants.size()), variants, Math.max(0, cliEvery), dir, asideOnly);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }

        private static int positive(String option, String value) {
            int n = Integer.parseInt(value);
            if (n < 1) {
                throw new IllegalArgumentException(option + " must be at least 1");
            }
            return n;
        }
    }

    /** One invoice of the corpus: its text PDF (XML removed) and what page 1 shows of the XML's values. */
    record Source(String name, byte[] pdf, ObjectNode expected, boolean aside) {
    }

    public static void run(String[] args) throws Exception {
        run(args, System.out);
    }

    static void run(String[] args, PrintStream out) throws Exception {
        Options o = Options.parse(args);
        Path corpus = Path.of(System.getenv().getOrDefault("GATEWAY_CORPUS", "../shared/corpus"));
        Path dir = o.dir() != null ? o.dir() : Files.createTempDirectory("bench-scans-");
        try (TesseractOcr ocr = TesseractOcr.fromEnvironment(1)) {
            run(corpus, dir, o, new DocumentRecognizer(ocr, RecognitionLimits.DEFAULT), out);
        }
    }

    /** Aside when a stable hash of the invoice number falls in 2 of 5 buckets. */
    static boolean aside(String number) {
        int h = 0;
        for (char c : number.strip().toCharArray()) {
            h = 31 * h + c;
        }
        return Math.floorMod(h * 0x9E3779B1, 5) < 2;
    }

    static List<Source> sources(Path corpus, int max) throws IOException {
        List<Path> pdfs;
        try (Stream<Path> files = Files.walk(corpus.resolve("facturx-valid"))) {
            pdfs = files.filter(p -> p.toString().toLowerCase(Locale.ROOT).endsWith(".pdf")).sorted().toList();
        }
        List<Source> out = new ArrayList<>();
        Set<String> numbers = new HashSet<>();
        for (Path pdf : pdfs) {
            if (out.size() >= max) {
                break;
            }
            byte[] bytes = Files.readAllBytes(pdf);
            Invoice invoice;
            byte[] textPdf;
            try {
                invoice = new InvoiceReader().read(bytes).invoice();
                if (invoice.number() == null || !numbers.add(invoice.number().strip())) {
                    // the same invoice in another profile: one page, not five
                    continue;
                }
                textPdf = GroundTruthGenerator.withoutAttachments(bytes);
                if (GroundTruthGenerator.undrawableFont(textPdf).isPresent()) {
                    continue;
                }
            } catch (UnreadableInvoiceException | IOException | RuntimeException e) {
                continue;
            }
            ObjectNode all = GroundTruthGenerator.visibleOnly(GroundTruthGenerator.expected(invoice), textPdf, 1);
            ObjectNode expected = all.objectNode();
            for (Field f : FIELDS) {
                if (all.hasNonNull(f.json())) {
                    expected.put(f.json(), all.get(f.json()).asText());
                }
            }
            if (expected.isEmpty()) {
                continue;
            }
            if (invoice.type() != null) {
                expected.put(TYPE_CODE, invoice.type().code());
            }
            expected.put(GroundTruthGenerator.DOSSIER_SIREN, all.path(GroundTruthGenerator.DOSSIER_SIREN).asText(null));
            String name = pdf.getParent().getFileName() + "-" + pdf.getFileName().toString().replaceAll("(?i)\\.pdf$", "");
            out.add(new Source(name, textPdf, expected, aside(invoice.number())));
        }
        return out;
    }

    /** One page judged: which fields were right, missing or misread, and what was read. */
    record Page(Source source, ScanVariant variant, Map<Field, String> got, Map<Field, Verdict> verdicts, String typeGot) {

        long wrong() {
            return verdicts.values().stream().filter(v -> v != Verdict.RIGHT).count();
        }
    }

    enum Verdict { RIGHT, MISSING, MISREAD }

    static void run(Path corpus, Path dir, Options o, DocumentRecognizer recognizer, PrintStream out) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<Source> sources = sources(corpus, o.sources()).stream().filter(s -> s.aside() || !o.asideOnly()).toList();
        out.printf(Locale.ROOT, "hard scan bench: %d invoices (%d aside, %d tuning) x %d of %d variants, images in %s%n", sources.size(),
                sources.stream().filter(Source::aside).count(), sources.stream().filter(s -> !s.aside()).count(), o.perSource(),
                o.variants().size(), dir);
        FieldExtractor extractor = new FieldExtractor();
        List<Page> pages = new ArrayList<>();
        double ours = 0;
        double cli = 0;
        int timed = 0;
        int total = sources.size() * o.perSource();
        for (int s = 0; s < sources.size(); s++) {
            Source source = sources.get(s);
            for (int k = 0; k < o.perSource(); k++) {
                ScanVariant variant = o.variants().get((s + k) % o.variants().size());
                Path image = dir.resolve(source.name() + "-" + variant.id() + "." + variant.extension());
                if (!Files.exists(image)) {
                    Files.write(image, variant.render(source.pdf(), source.name().hashCode()));
                }
                Map<Field, String> got = new EnumMap<>(Field.class);
                String typeGot = null;
                double seconds = 0;
                try {
                    RecognizedText read = recognizer.recognize(Files.readAllBytes(image));
                    seconds = read.ocrSeconds();
                    ExtractedInvoice e = extractor.extract(read, source.expected().path(GroundTruthGenerator.DOSSIER_SIREN).asText(null),
                            keys -> List.of());
                    for (Field f : FIELDS) {
                        e.value(f).ifPresent(v -> got.put(f, v));
                    }
                    typeGot = e.value(Field.TYPE_CODE).orElse(null);
                } catch (UnrecognizableException e) {
                    out.printf(Locale.ROOT, "  %s %s unreadable: %s%n", source.name(), variant.id(), e.getMessage());
                }
                Map<Field, Verdict> verdicts = new EnumMap<>(Field.class);
                for (Field f : FIELDS) {
                    if (source.expected().hasNonNull(f.json())) {
                        String want = source.expected().get(f.json()).asText();
                        String value = got.get(f);
                        verdicts.put(f, value == null ? Verdict.MISSING
                                : RecognitionBenchmark.same(f, want, value) ? Verdict.RIGHT : Verdict.MISREAD);
                    }
                }
                Page page = new Page(source, variant, got, verdicts, typeGot);
                pages.add(page);
                if (o.cliEvery() > 0 && pages.size() % o.cliEvery() == 1 % o.cliEvery() && seconds > 0) {
                    Double command = RecognitionBenchmark.tesseractCli(image, RecognitionBenchmark.commandDpi(image));
                    if (command != null) {
                        ours += seconds;
                        cli += command;
                        timed++;
                    }
                }
                System.err.printf(Locale.ROOT, "[%d/%d] %s %s: %d of %d right, %.1f s%n", pages.size(), total, source.name(),
                        variant.id(), verdicts.size() - page.wrong(), verdicts.size(), seconds);
            }
        }
        report(pages, o.variants(), out);
        if (timed > 0) {
            out.printf(Locale.ROOT, "%nOCR seconds per page over %d pages: ours %.2f (deskew, OCR, orientation when needed),"
                    + " tesseract command %.2f, ratio %.2f%n", timed, ours / timed, cli / timed, ours / cli);
        }
    }

    static void report(List<Page> pages, List<ScanVariant> variants, PrintStream out) {
        Predicate<Page> aside = p -> p.source().aside();
        Predicate<Page> tuning = aside.negate();
        Predicate<Page> any = p -> true;
        out.printf(Locale.ROOT, "%n%s%n%-16s %20s %20s %20s%n", HEADER, "field", "aside", "tuning", "all");
        for (Field f : FIELDS) {
            out.printf(Locale.ROOT, "%-16s %20s %20s %20s%n", f.json(), cell(pages, aside, f), cell(pages, tuning, f), cell(pages, any, f));
        }
        out.printf(Locale.ROOT, "%-16s %20s %20s %20s%n", "overall", cell(pages, aside, null), cell(pages, tuning, null), cell(pages, any, null));
        out.printf(Locale.ROOT, "%-16s %20s %20s %20s%n", TYPE_CODE, typeCell(pages, aside), typeCell(pages, tuning), typeCell(pages, any));
        out.printf(Locale.ROOT, "pages            %20d %20d %20d%n", pages.stream().filter(aside).count(),
                pages.stream().filter(tuning).count(), pages.size());

        out.printf(Locale.ROOT, "%nper variant (4 fields)%n%-16s %20s %20s %20s%n", "variant", "aside", "tuning", "all");
        for (ScanVariant v : variants) {
            Predicate<Page> of = p -> p.variant() == v;
            out.printf(Locale.ROOT, "%-16s %20s %20s %20s%n", v.id(), cell(pages, of.and(aside), null), cell(pages, of.and(tuning), null),
                    cell(pages, of, null));
        }

        resolutions(pages, "aside", aside, out);
        resolutions(pages, "all", any, out);

        out.printf(Locale.ROOT, "%nper-field confusion (all pages)%n%-16s %8s %8s %8s%n", "field", "right", "missing", "misread");
        for (Field f : FIELDS) {
            out.printf(Locale.ROOT, "%-16s %8d %8d %8d%n", f.json(), count(pages, f, Verdict.RIGHT), count(pages, f, Verdict.MISSING),
                    count(pages, f, Verdict.MISREAD));
        }

        out.printf(Locale.ROOT, "%n20 worst pages (read vs expected)%n");
        pages.stream().filter(p -> p.wrong() > 0)
                .sorted(Comparator.comparingLong(Page::wrong).reversed().thenComparing(p -> p.source().name() + p.variant().id()))
                .limit(20).forEach(p -> {
                    List<String> wrong = new ArrayList<>();
                    p.verdicts().forEach((f, v) -> {
                        if (v != Verdict.RIGHT) {
                            wrong.add(f.json() + " " + p.got().get(f) + " (expected " + p.source().expected().get(f.json()).asText() + ")");
                        }
                    });
                    out.printf(Locale.ROOT, "  %-6s %-50s %-12s %s%n", p.source().aside() ? "aside" : "tuning", p.source().name(),
                            p.variant().id(), String.join("; ", wrong));
                });
    }

    /** Fields right per field and per resolution the page was rendered at (150, 200, 300 dpi), for one part. */
    private static void resolutions(List<Page> pages, String part, Predicate<Page> which, PrintStream out) {
        List<Integer> dpis = pages.stream().map(p -> p.variant().dpi()).distinct().sorted().toList();
        out.printf(Locale.ROOT, "%nper field and resolution (%s)%n%-16s", part, "field");
        dpis.forEach(d -> out.printf(Locale.ROOT, " %20s", d + " dpi"));
        out.println();
        List<Field> rows = new ArrayList<>(FIELDS);
        rows.add(null);
        for (Field f : rows) {
            out.printf(Locale.ROOT, "%-16s", f == null ? "overall" : f.json());
            dpis.forEach(d -> out.printf(Locale.ROOT, " %20s", cell(pages, which.and(p -> p.variant().dpi() == d), f)));
            out.println();
        }
    }

    private static long count(List<Page> pages, Field f, Verdict v) {
        return pages.stream().filter(p -> p.verdicts().get(f) == v).count();
    }

    private static String cell(List<Page> pages, Predicate<Page> which, Field field) {
        int n = 0;
        int ok = 0;
        for (Page p : pages) {
            if (!which.test(p)) {
                continue;
            }
            for (var e : p.verdicts().entrySet()) {
                if (field == null || e.getKey() == field) {
                    n++;
                    ok += e.getValue() == Verdict.RIGHT ? 1 : 0;
                }
            }
        }
        return n == 0 ? "-" : String.format(Locale.ROOT, "%5.1f %% (%d/%d)", 100.0 * ok / n, ok, n);
    }

    /** Invoice (380) or credit note (381): the two types a page's title tells apart. */
    private static String typeCell(List<Page> pages, Predicate<Page> which) {
        int n = 0;
        int ok = 0;
        for (Page p : pages) {
            String want = p.source().expected().path(TYPE_CODE).asText("");
            if (which.test(p) && (want.equals("380") || want.equals("381"))) {
                n++;
                ok += want.equals(p.typeGot() == null ? "380" : p.typeGot()) ? 1 : 0;
            }
        }
        return n == 0 ? "-" : String.format(Locale.ROOT, "%5.1f %% (%d/%d)", 100.0 * ok / n, ok, n);
    }
}
