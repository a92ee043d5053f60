package io.einvoice.gateway.system;

import io.einvoice.gateway.dossier.DossierStatus;
import io.einvoice.gateway.dossier.ApiKeyService;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.dossier.SecurityEvents;
import io.einvoice.gateway.dossier.Firm;
import io.einvoice.gateway.facturx.SampleInvoices;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.time.Clock;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@code ./gateway bench-kill [N]}: the no-loss check of the drop folders. N small CII invoices wait in a dossier's
 * purchase folder; the gateway (a child JVM, see {@link ChildGateway}) is killed with SIGKILL each time a given share of
 * them has reached {@code .done/}, and started again; at the end every file must be exactly one document. A file in
 * {@code .done/} without its document is <em>lost</em>: the gateway acknowledged a commit the database did not keep.
 * Uses a throw-away GATEWAY_HOME and the embedded database unless GATEWAY_DB_URL is set.
 */
public final class FolderKillBenchmark {

    static final String SIREN = "123456782";
    /** The shares of N in {@code .done/} at which the gateway is killed. */
    public static final double[] KILL_POINTS = {0.15, 0.45, 0.75};

    private static final String NUMBER_TEMPLATE = "KILL-00000";

    /**
     * What the check saw. {@code doneAtKills}: files in {@code .done/} right after each kill; {@code lost}: files in
     * {@code .done/} whose document is missing; {@code storedTwice}: files stored as more than one document.
     */
    public record Outcome(int files, List<Integer> doneAtKills, long documents, long distinctFiles, long storedTwice,
                          long lost, List<String> lostFiles, int leftInFolder, int failed, double seconds) {

        public boolean exactlyOnce() {
            return documents == files && distinctFiles == files && storedTwice == 0 && lost == 0 && leftInFolder == 0
                    && failed == 0;
        }
    }

    private FolderKillBenchmark() {
    }

    public static void run(int count) throws Exception {
        BenchHome.run("gateway-bench-kill-", home -> {
            GatewayConfig config = ChildGateway.throwAwayConfig(home, 0);
            Outcome o = killAndRestart(count, KILL_POINTS, home, config.dbUrl(), config.dbUser(), config.dbPassword(),
                    System.getProperty("java.class.path"), System.out);
            System.out.printf(Locale.ROOT, "bench-kill: %d files dropped; gateway killed (SIGKILL) with %s in .done/ and"
                            + " restarted each time; at the end %d documents, %d distinct files, %d stored more than once,"
                            + " %d lost (in .done/ without a document: %s), %d left in the folder, %d in .failed/; %.1f s -> %s%n",
                    o.files(), o.doneAtKills(), o.documents(), o.distinctFiles(), o.storedTwice(), o.lost(), o.lostFiles(), o.leftInFolder(),
                    o.failed(), o.seconds(), o.exactlyOnce() ? "every file stored exactly once" : "NOT exactly once");
        });
    }

    /** @param killAt shares of {@code count} in {@code .done/} at which the running gateway is killed */
    public static Outcome killAndRestart(int count, double[] killAt, Path home, String dbUrl, String dbUser,
                                         String dbPassword, String classPath, PrintStream log) throws Exception {
        GatewayConfig defaults = ChildGateway.throwAwayConfig(home, 0);
        GatewayConfig config = new GatewayConfig(home, ChildGateway.freePort(), dbUrl, dbUser, dbPassword,
                defaults.maxFileBytes(), defaults.routesDir(), 200);
        String key = seed(config);
        Path purchase = config.inbox().resolve(SIREN).resolve("purchase");
        drop(purchase, count);
        long started = System.nanoTime();
        List<Integer> doneAtKills = new ArrayList<>();
        int run = 1;
        for (double share : killAt) {
            ChildGateway gateway = ChildGateway.launch(config, classPath, run++);
            try {
                awaitDone(purchase, (int) Math.ceil(count * share), gateway);
            } finally {
                gateway.kill();
            }
            doneAtKills.add(countFiles(purchase.resolve(".done")));
            log.printf("bench-kill: gateway killed with %d of %d files in .done/%n", doneAtKills.get(doneAtKills.size() - 1),
                    count);
        }
        ChildGateway gateway = ChildGateway.launch(config, classPath, run);
        try {
            awaitDone(purchase, count, gateway);
            Thread.sleep(3 * config.folderPollMillis()); // a few more polls: a file read twice would show now
            List<String> names = gateway.fileNames(SIREN, key);
            Map<String, Integer> times = new HashMap<>();
            names.forEach(n -> times.merge(n, 1, Integer::sum));
            long twice = times.values().stream().filter(n -> n > 1).count();
            List<String> lost = fileNames(purchase.resolve(".done")).stream().filter(n -> !times.containsKey(n)).sorted()
                    .toList();
            return new Outcome(count, doneAtKills, names.size(), times.size(), twice, lost.size(),
                    lost.subList(0, Math.min(20, lost.size())), countFiles(purchase),
                    countFiles(purchase.resolve(".failed")), (System.nanoTime() - started) / 1e9);
        } finally {
            // everything checked has been read: a graceful stop would wait out its 15 s shutdown timeout for the
            // documents still queued for validation, and this home is thrown away
            gateway.kill();
        }
    }

    /** The dossier and an API key (returned), straight in the database: nothing else needs to run for that. */
    private static String seed(GatewayConfig config) throws IOException {
        try (Database database = Database.open(config.dbUrl(), config.dbUser(), config.dbPassword())) {
            DossierRepository dossiers = new DossierRepository(database.jdbc());
            Firm firm = new Firm(UUID.randomUUID().toString(), "Bench", "443322110");
            dossiers.insertFirm(firm);
            Dossier dossier = new Dossier(UUID.randomUUID().toString(), firm.id(), SIREN, null, "Bench", null, 12,
                    DossierStatus.ACTIVATED.name(), false);
            dossiers.insert(dossier);
            Files.createDirectories(config.inbox().resolve(SIREN).resolve("purchase"));
            return new ApiKeyService(database.jdbc(), database.transactions(), dossiers,
                    new SecurityEvents(database.jdbc(), Clock.systemUTC())).issue(dossier, "bench-kill").key();
        }
    }

    /**
     * {@code count} distinct CII invoices KILL-00000.xml..., written beside the folder and moved in (one rename each,
     * as a scanner or a sync tool would). One invoice is generated, the others differ by their number only.
     */
    private static void drop(Path purchase, int count) throws IOException {
        String template = new String(SampleInvoices.ciiXml(NUMBER_TEMPLATE), StandardCharsets.UTF_8);
        Path staging = Files.createDirectories(purchase.getParent().resolve("staging"));
        for (int i = 0; i < count; i++) {
            String number = String.format(Locale.ROOT, "KILL-%05d", i);
            Files.writeString(staging.resolve(number + ".xml"), template.replace(NUMBER_TEMPLATE, number));
        }
        try (Stream<Path> files = Files.list(staging)) {
            for (Path file : files.toList()) {
                Files.move(file, purchase.resolve(file.getFileName()));
            }
        }
        Files.delete(staging);
    }

    private static void awaitDone(Path purchase, int atLeast, ChildGateway gateway) throws Exception {
        long deadline = System.nanoTime() + 600_000_000_000L;
        int done = 0;
        while (System.nanoTime() < deadline) {
            if (!gateway.isAlive()) {
                throw new IllegalStateException("the gateway stopped with " + done + " files in .done/, see gateway-run-*.log");
            }
            // a failed file comes with its .error.txt
            done = countFiles(purchase.resolve(".done")) + countFiles(purchase.resolve(".failed")) / 2;
            if (done >= atLeast) {
                return;
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("only " + done + " of " + atLeast + " files processed after 10 minutes");
    }

    private static int countFiles(Path folder) throws IOException {
        return fileNames(folder).size();
    }

    private static Set<String> fileNames(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            Set<String> names = new HashSet<>();
            files.filter(Files::isRegularFile).forEach(f -> names.add(f.getFileName().toString()));
            return names;
        }
    }
}
