package io.einvoice.gateway.system;

import io.einvoice.gateway.validation.InvoiceValidator;
import io.einvoice.gateway.validation.ValidationReport;
import io.einvoice.gateway.validation.ValidationUnavailableException;
import org.mustangproject.validator.ZUGFeRDValidator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code ./gateway bench-validate [DIR...]}: validates the same files with our validator and with Mustang's
 * {@code ZUGFeRDValidator} in this JVM, after a warm-up pass, each file through one then the other, and prints
 * files/second and verdict agreement with every disagreement. Mustang's overall status ignores PDF/A (its PDF part is reported apart), so agreement is
 * given twice: against Mustang's overall status, and against Mustang's overall AND PDF status, which is what our
 * verdict means. Default folders: the test corpus' facturx-valid, facturx-invalid, xml-cii and xml-ubl.
 */
public final class ValidationBenchmark {

    private static final List<String> DEFAULT_FOLDERS = List.of("facturx-valid", "facturx-invalid", "xml-cii", "xml-ubl");
    private static final Pattern PDF_STATUS = Pattern.compile("<pdf>.*?<summary status=\"(\\w+)\"", Pattern.DOTALL);

    private ValidationBenchmark() {
    }

    record Mustang(boolean overall, Boolean pdf) {
        boolean strict() {
            return overall && !Boolean.FALSE.equals(pdf);
        }
    }

    public static int run(String[] args) throws Exception {
        // Mustang logs every rule failure at ERROR: hundreds of lines that would bury the figures
        for (String chatty : List.of("org.mustangproject", "com.helger", "org.verapdf")) {
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(chatty)).setLevel(ch.qos.logback.classic.Level.OFF);
        }
        List<Path> files = files(args);
        if (files.isEmpty()) {
            System.err.println("bench-validate: no files found");
            return 2;
        }
        Map<Path, byte[]> contents = new LinkedHashMap<>();
        for (Path file : files) {
            contents.put(file, Files.readAllBytes(file));
        }
        System.out.printf(Locale.ROOT, "bench-validate: %d files (%d PDF, %d XML)%n", files.size(),
                files.stream().filter(f -> f.toString().endsWith(".pdf")).count(),
                files.stream().filter(f -> !f.toString().endsWith(".pdf")).count());

        long compile = System.nanoTime();
        InvoiceValidator ours = InvoiceValidator.shared();
        System.out.printf(Locale.ROOT, "ours: %d artefacts compiled in %.1f s%n", ours.artefactCount(), seconds(compile));

        // warm-up: every fifth file through both validators, so JIT, class loading and Mustang's XSLT cache are settled
        Map<Path, byte[]> warmUp = new LinkedHashMap<>();
        int i = 0;
        for (var e : contents.entrySet()) {
            if (i++ % 5 == 0) {
                warmUp.put(e.getKey(), e.getValue());
            }
        }
        System.out.printf(Locale.ROOT, "warm-up: %d files through each validator...%n", warmUp.size());
        runBoth(ours, warmUp, new Timing(), new Timing(), new LinkedHashMap<>(), new LinkedHashMap<>());

        Timing ourTime = new Timing();
        Timing mustangTime = new Timing();
        Map<Path, ValidationReport> ourVerdicts = new LinkedHashMap<>();
        Map<Path, Mustang> mustangVerdicts = new LinkedHashMap<>();
        runBoth(ours, contents, ourTime, mustangTime, ourVerdicts, mustangVerdicts);
        int threads = Runtime.getRuntime().availableProcessors();
        long t = System.nanoTime();
        Map<Path, ValidationReport> parallel = runOursParallel(ours, contents, threads);
        double parallelSeconds = seconds(t);

        System.out.printf(Locale.ROOT, "%nthroughput, 1 thread, same %d files, warm, interleaved (files/s; seconds):%n", files.size());
        System.out.printf(Locale.ROOT, "  %-8s %8s %8s %8s%n", "", "all", "PDF", "XML");
        ourTime.print("ours");
        mustangTime.print("Mustang");
        System.out.printf(Locale.ROOT, "  ratio    %7.2fx %7.2fx %7.2fx%n", mustangTime.all() / ourTime.all(),
                mustangTime.pdf / ourTime.pdf, mustangTime.xml / ourTime.xml);
        System.out.printf(Locale.ROOT, "ours, %d threads: %.1f files/s (%.1f s)%n", threads, files.size() / parallelSeconds, parallelSeconds);
        return report(files, ourVerdicts, mustangVerdicts, parallel);
    }

    private static int report(List<Path> files, Map<Path, ValidationReport> ours, Map<Path, Mustang> mustang,
                              Map<Path, ValidationReport> parallel) {
        long parallelDiffers = files.stream().filter(f -> parallel.get(f).valid() != ours.get(f).valid()).count();
        System.out.printf(Locale.ROOT, "parallel run gives the same verdicts as the single-threaded run: %s%n",
                parallelDiffers == 0 ? "yes" : "NO, " + parallelDiffers + " differ");
        List<Path> vsOverall = files.stream().filter(f -> ours.get(f).valid() != mustang.get(f).overall()).toList();
        List<Path> vsStrict = files.stream().filter(f -> ours.get(f).valid() != mustang.get(f).strict()).toList();
        List<Path> vsData = files.stream().filter(f -> ours.get(f).dataValid() != mustang.get(f).overall()).toList();
        System.out.printf(Locale.ROOT, "%nverdict agreement on %d files:%n", files.size());
        System.out.printf(Locale.ROOT, "  ours vs Mustang overall AND PDF status : %5.1f %% (%d differ)%n", percent(files, vsStrict), vsStrict.size());
        System.out.printf(Locale.ROOT, "  ours vs Mustang overall status only    : %5.1f %% (%d differ)%n", percent(files, vsOverall), vsOverall.size());
        System.out.printf(Locale.ROOT, "  our data verdict vs Mustang overall    : %5.1f %% (%d differ)%n", percent(files, vsData), vsData.size());
        System.out.println("\ndisagreements (ours vs Mustang overall AND PDF status):");
        for (Path f : vsStrict) {
            ValidationReport r = ours.get(f);
            Mustang m = mustang.get(f);
            System.out.printf(Locale.ROOT, "  %s%n    ours %s %s; Mustang overall %s, pdf %s%n", f,
                    r.valid() ? "VALID" : "INVALID", r.valid() ? "" : r.errorRuleIds(), m.overall() ? "valid" : "invalid",
                    m.pdf() == null ? "absent" : m.pdf() ? "valid" : "invalid");
        }
        System.out.println("\nfiles Mustang calls valid overall although its own PDF part is invalid (its overall status ignores PDF/A):");
        files.stream().filter(f -> mustang.get(f).overall() && Boolean.FALSE.equals(mustang.get(f).pdf()))
                .forEach(f -> System.out.printf(Locale.ROOT, "  %s%n    ours %s %s%n", f, ours.get(f).valid() ? "VALID" : "INVALID",
                        ours.get(f).errorRuleIds()));
        return 0;
    }

    /** Seconds spent on PDFs and on XML files, and how many of each. */
    private static final class Timing {
        double pdf;
        double xml;
        int pdfFiles;
        int xmlFiles;

        void add(byte[] content, long startNanos) {
            double s = seconds(startNanos);
            if (content.length > 4 && content[0] == '%' && content[1] == 'P') {
                pdf += s;
                pdfFiles++;
            } else {
                xml += s;
                xmlFiles++;
            }
        }

        double all() {
            return pdf + xml;
        }

        void print(String who) {
            System.out.printf(Locale.ROOT, "  %-8s %8.1f %8.1f %8.1f   (%.1f s; %.1f s on %d PDF, %.1f s on %d XML)%n", who,
                    (pdfFiles + xmlFiles) / all(), pdfFiles / pdf, xmlFiles / xml, all(), pdf, pdfFiles, xml, xmlFiles);
        }
    }

    /**
     * Each file through both validators, one after the other, the first one alternating: whatever else the machine is
     * doing weighs on both alike, so the ratio holds on a busy machine too.
     */
    private static void runBoth(InvoiceValidator validator, Map<Path, byte[]> contents, Timing ourTime, Timing mustangTime,
                                Map<Path, ValidationReport> ourVerdicts, Map<Path, Mustang> mustangVerdicts)
            throws ValidationUnavailableException {
        boolean oursFirst = true;
        for (var e : contents.entrySet()) {
            if (!oursFirst) {
                mustangVerdicts.put(e.getKey(), runMustang(e.getKey(), e.getValue(), mustangTime));
            }
            long start = System.nanoTime();
            ourVerdicts.put(e.getKey(), validator.validate(e.getValue(), e.getKey().getFileName().toString()));
            ourTime.add(e.getValue(), start);
            if (oursFirst) {
                mustangVerdicts.put(e.getKey(), runMustang(e.getKey(), e.getValue(), mustangTime));
            }
            oursFirst = !oursFirst;
        }
    }

    private static Map<Path, ValidationReport> runOursParallel(InvoiceValidator validator, Map<Path, byte[]> contents,
                                                               int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Map<Path, Future<ValidationReport>> futures = new LinkedHashMap<>();
            contents.forEach((path, bytes) -> futures.put(path, pool.submit(() -> validator.validate(bytes, path.getFileName().toString()))));
            Map<Path, ValidationReport> verdicts = new LinkedHashMap<>();
            for (var e : futures.entrySet()) {
                verdicts.put(e.getKey(), e.getValue().get());
            }
            return verdicts;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One ZUGFeRDValidator per file: it keeps state between calls (Mustang #968). */
    private static Mustang runMustang(Path file, byte[] content, Timing timing) {
        long start = System.nanoTime();
        ZUGFeRDValidator validator = new ZUGFeRDValidator();
        String xml = validator.validate(content, file.getFileName().toString());
        Matcher pdf = PDF_STATUS.matcher(xml);
        Mustang verdict = new Mustang(validator.wasCompletelyValid(), pdf.find() ? "valid".equals(pdf.group(1)) : null);
        timing.add(content, start);
        return verdict;
    }

    private static List<Path> files(String[] args) throws IOException {
        List<Path> roots = new ArrayList<>();
        if (args.length == 0) {
            Path corpus = Path.of(System.getenv().getOrDefault("GATEWAY_CORPUS", "../shared/corpus"));
            DEFAULT_FOLDERS.forEach(folder -> roots.add(corpus.resolve(folder)));
        } else {
            for (String arg : args) {
                roots.add(Path.of(arg));
            }
        }
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                System.err.println("bench-validate: " + root + " does not exist");
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().forEach(files::add);
            }
        }
        return files;
    }

    private static double percent(List<Path> all, List<Path> differing) {
        return 100.0 * (all.size() - differing.size()) / all.size();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
