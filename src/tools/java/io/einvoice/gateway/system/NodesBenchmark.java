package io.einvoice.gateway.system;

import io.einvoice.gateway.approval.ApprovalMode;
import io.einvoice.gateway.approval.ApprovalSettings;
import io.einvoice.gateway.approval.SettingsRepository;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.dossier.Firm;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.party.PartyInput;
import io.einvoice.gateway.party.PartyRepository;
import io.einvoice.gateway.party.PartyRole;
import io.einvoice.gateway.party.PartyService;
import io.einvoice.gateway.party.SupplierIbans;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The gateway on more than one node: gateway processes (child JVMs, {@link ChildGateway}) sharing one GATEWAY_HOME
 * (drop folders, blobs, the pollers' lock files), one PostgreSQL database and one RabbitMQ broker. N Factur-X PDFs
 * are dropped into a dossier in approval mode NONE and followed until every one is archived.
 * <ul>
 * <li>{@code ./gateway bench [N]} (also {@code bench-nodes [N]}): invoices/s from the drop to the archive on one node,
 * then on two, and the nodes' CPU per invoice (issue 18: at least 20 invoices/s on one node of a 2-core machine, and
 * two nodes on the same cores not slower than one);</li>
 * <li>{@link #killOne}: two nodes, one killed with SIGKILL half-way and started again; the counts that show whether
 * every file became exactly one document, validated once and archived once.</li>
 * </ul>
 * Needs GATEWAY_DB_URL (a PostgreSQL server: each run creates and drops a database of its own there) and
 * GATEWAY_BROKER_URL; each run uses queues of its own on the broker ({@code GATEWAY_BROKER_PREFIX}) and deletes them.
 */
public final class NodesBenchmark {

    static final String SIREN = "123456782";

    /** Where the nodes run: the PostgreSQL server (its admin URL), the broker, the class path of the children. */
    public record Setup(String pgAdminUrl, String pgUser, String pgPassword, String brokerUrl, String classPath) {
    }

    /**
     * What a run saw. {@code validatedTwice}: documents with more than one verdict event; {@code archivedTwice}:
     * documents with more than one archive event; {@code restartedNodeValidated}: verdicts logged by the killed node
     * once it was started again (-1 when no node was killed).
     */
    public record Outcome(int files, int warmUp, int nodes, long documents, long distinctFiles, long archived,
                          long archiveEntries, long validatedTwice, long archivedTwice, long restartedNodeValidated,
                          long archivedAtKill, double coldSeconds, String coldCpu, double seconds, String cpu) {

        public boolean exactlyOnce() {
            return documents == files && distinctFiles == files && archived == files && archiveEntries == files
                    && validatedTwice == 0 && archivedTwice == 0;
        }

        /** Timed: the files dropped once the warm-up ones were archived. */
        public double perSecond() {
            return (files - warmUp) / seconds;
        }

        /** The warm-up batch (all but its first file), on nodes whose JIT compilers had not yet compiled the hot code. */
        public double coldPerSecond() {
            return (warmUp - 1) / coldSeconds;
        }
    }

    private NodesBenchmark() {
    }

    /**
     * @param rounds how many times one node then two are measured, alternated: on a shared machine a run's wall time
     *               varies by up to a third from one run to the next, so with more than one round the target is judged
     *               on the medians
     */
    public static void run(int count, int rounds) throws Exception {
        if (count < 1 || rounds < 1) {
            throw new IllegalArgumentException("bench needs N >= 1 invoices and --rounds R >= 1");
        }
        Setup setup = fromEnvironment();
        String javaOpts = System.getenv().getOrDefault("GATEWAY_JAVA_OPTS", "").trim();
        System.out.println("bench: nodes' JVM options (GATEWAY_JAVA_OPTS): " + (javaOpts.isEmpty() ? "none" : javaOpts));
        List<Outcome> one = new ArrayList<>();
        List<Outcome> two = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (int nodes = 1; nodes <= 2; nodes++) {
                int n = nodes;
                Outcome o = BenchHome.use("gateway-bench-nodes-", home -> throughput(count, n, home, setup, System.out));
                (nodes == 1 ? one : two).add(o);
                if (rounds > 1) {
                    System.out.printf(Locale.ROOT, "bench: round %d of %d, %d node(s): %.1f invoices/s%n", round, rounds,
                            nodes, o.perSecond());
                }
            }
        }
        for (int round = 0; round < rounds; round++) {
            for (Outcome o : List.of(one.get(round), two.get(round))) {
                String which = rounds > 1 ? "round " + (round + 1) + ", " : "";
                System.out.printf(Locale.ROOT, "bench: %s%d node(s), cold: %d Factur-X PDFs dropped at once after a first"
                                + " one (the rules compiled) -> archived in %.1f s: %.1f invoices/s; %s%n", which, o.nodes(),
                        o.warmUp() - 1, o.coldSeconds(), o.coldPerSecond(), o.coldCpu());
                System.out.printf(Locale.ROOT, "bench: %s%d node(s), warm: %d Factur-X PDFs dropped at once after those %d"
                                + " warm-up ones -> %d documents, %d archived in %.1f s: %.1f invoices/s (%s); %s%n", which,
                        o.nodes(), o.files() - o.warmUp(), o.warmUp(), o.documents(), o.archived(), o.seconds(),
                        o.perSecond(), o.exactlyOnce() ? "each exactly once" : "NOT exactly once", o.cpu());
            }
        }
        // wall-clock figures: they say something only when the machine had nothing else to do (see the load average)
        double oneNode = median(one);
        double twoNodes = median(two);
        String of = rounds > 1 ? String.format(Locale.ROOT, "medians of %d alternated rounds: one node %s, two nodes %s",
                rounds, figures(one), figures(two)) : "one run each";
        System.out.printf(Locale.ROOT, "bench: target (issue 18, a 2-core machine, warm; %s): one node at least 20"
                        + " invoices/s: %s (%.1f); two nodes not slower than one: %s (%.1f)%n", of,
                oneNode >= 20 ? "met" : "NOT met", oneNode, twoNodes >= oneNode ? "met" : "NOT met", twoNodes);
    }

    static double median(List<Outcome> outcomes) {
        double[] sorted = outcomes.stream().mapToDouble(Outcome::perSecond).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String figures(List<Outcome> outcomes) {
        return outcomes.stream().map(o -> String.format(Locale.ROOT, "%.1f", o.perSecond()))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /**
     * N invoices on {@code nodes} nodes started together; timed from the drop until the last one is archived. Each node
     * has first validated a batch of its own (a fifth of N, at least 50, untimed), as JMH warms up before it measures: in
     * the first invoices the JIT compilers compile veraPDF, Saxon and PDFBox, tens of CPU-seconds per JVM that a node
     * spends once after its start, and two nodes would pay them twice in the figure.
     */
    public static Outcome throughput(int count, int nodes, Path home, Setup setup, PrintStream log) throws Exception {
        return drive(count, nodes, Math.max(50, count / 5) * nodes, false, home, setup, log);
    }

    /**
     * {@code ./gateway bench-nodes --kill [N]}: two nodes, the one holding the pollers killed half-way and started again;
     * prints the counts of {@link Outcome}.
     */
    public static void runKill(int count) throws Exception {
        Setup setup = fromEnvironment();
        Outcome o = BenchHome.use("gateway-bench-nodes-kill-", home -> killOne(count, home, setup, System.out));
        System.out.printf(Locale.ROOT, "bench-nodes --kill: %d files on 2 nodes, the pollers' node killed (SIGKILL) with"
                        + " %d archived and started again: %d documents, %d distinct files, %d archived (%d archive entries),"
                        + " %d validated twice, %d archived twice, %d verdicts by the restarted node; %.1f s -> %s%n",
                o.files(), o.archivedAtKill(), o.documents(), o.distinctFiles(), o.archived(), o.archiveEntries(),
                o.validatedTwice(), o.archivedTwice(), o.restartedNodeValidated(), o.seconds(),
                o.exactlyOnce() ? "each exactly once" : "NOT exactly once");
    }

    /** Two nodes; the one holding the pollers is killed with SIGKILL once half the files are archived. */
    public static Outcome killOne(int count, Path home, Setup setup, PrintStream log) throws Exception {
        return drive(count, 2, 0, true, home, setup, log);
    }

    /** @param warmUpBatch files archived after the first one and before the timed ones */
    private static Outcome drive(int count, int nodes, int warmUpBatch, boolean kill, Path home, Setup setup,
                                 PrintStream log) throws Exception {
        String name = "gateway_nodes_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String prefix = name.replace('_', '-');
        String dbUrl = setup.pgAdminUrl().substring(0, setup.pgAdminUrl().lastIndexOf('/') + 1) + name;
        execute(setup, "CREATE DATABASE " + name);
        try {
            GatewayConfig defaults = ChildGateway.throwAwayConfig(home, 0);
            seed(new GatewayConfig(home, 0, dbUrl, setup.pgUser(), setup.pgPassword(), defaults.maxFileBytes(),
                    defaults.routesDir(), 200));
            Path staging = Files.createDirectories(home.resolve("staging"));
            Path warmUps = Files.createDirectories(home.resolve("warm-up"));
            log.printf("bench-nodes: generating %d Factur-X PDFs and %d to warm up...%n", count, 1 + warmUpBatch);
            // on every core: one PDF takes 30 to 50 ms of CPU, and the nodes that would share the cores are not started
            IntStream.range(0, count).parallel().forEach(i -> {
                try {
                    Files.write(staging.resolve(String.format(Locale.ROOT, "NODES-%05d.pdf", i)),
                            SampleInvoices.facturXPdf(String.format(Locale.ROOT, "NODES-%05d", i)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            // the first warm-up invoice is archived alone: the validation rules compile in the background at each
            // node's start and would otherwise count in the figures
            for (int i = 0; i <= warmUpBatch; i++) {
                Files.write(warmUps.resolve(String.format(Locale.ROOT, "WARMUP-%05d.pdf", i)),
                        SampleInvoices.facturXPdf(String.format(Locale.ROOT, "WARMUP-%05d", i)));
            }
            Map<String, String> env = Map.of(Cluster.BROKER_ENV, setup.brokerUrl(), Cluster.PREFIX_ENV, prefix);
            List<ChildGateway> running = new ArrayList<>();
            List<GatewayConfig> configs = new ArrayList<>();
            try (Database database = Database.open(dbUrl, setup.pgUser(), setup.pgPassword())) {
                for (int n = 1; n <= nodes; n++) {
                    GatewayConfig config = new GatewayConfig(home, ChildGateway.freePort(), dbUrl, setup.pgUser(),
                            setup.pgPassword(), defaults.maxFileBytes(), defaults.routesDir(), 200);
                    configs.add(config);
                    running.add(ChildGateway.launch(config, setup.classPath(), n, env));
                }
                for (ChildGateway node : running) {
                    node.awaitReady();
                }
                Path purchase = home.resolve("inbox").resolve(SIREN).resolve("purchase");
                List<Path> warmUpFiles;
                try (Stream<Path> files = Files.list(warmUps)) {
                    warmUpFiles = files.sorted().toList();
                }
                Files.move(warmUpFiles.get(0), purchase.resolve(warmUpFiles.get(0).getFileName()));
                awaitArchived(database, 1, running, log);
                long coldStarted = System.nanoTime();
                BenchCpu coldCpu = BenchCpu.ofNodes(running);
                for (Path file : warmUpFiles.subList(1, warmUpFiles.size())) {
                    Files.move(file, purchase.resolve(file.getFileName()));
                }
                awaitArchived(database, 1 + warmUpBatch, running, log);
                double coldSeconds = (System.nanoTime() - coldStarted) / 1e9;
                String coldCpuFigure = coldCpu.perItem(running, Math.max(1, warmUpBatch), "invoice");
                int warmUp = 1 + warmUpBatch;
                long started = System.nanoTime();
                BenchCpu cpu = BenchCpu.ofNodes(running);
                List<Path> toDrop;
                try (Stream<Path> files = Files.list(staging)) {
                    toDrop = files.sorted().toList();
                }
                // with a kill, a tenth is held back and dropped once the killed node is back and ready: otherwise the
                // survivor may have taken everything by then, and "the restarted node takes work again" is luck
                int heldBack = kill ? count / 10 : 0;
                for (Path file : toDrop.subList(0, toDrop.size() - heldBack)) {
                    Files.move(file, purchase.resolve(file.getFileName()));
                }
                long archivedAtKill = -1;
                int restartedRun = -1;
                if (kill) {
                    awaitArchived(database, warmUp + count / 2, running, log);
                    int leader = pollersNode(home, nodes);
                    running.get(leader).kill();
                    archivedAtKill = archived(database);
                    log.printf("bench-nodes: node %d (the pollers') killed (SIGKILL) with %d of %d archived%n", leader + 1,
                            archivedAtKill, count);
                    // the survivor works alone for a while, then the killed node comes back and takes work again
                    awaitArchived(database, Math.min(warmUp + count, archivedAtKill + count / 10),
                            running.subList(1 - leader, 2 - leader), log);
                    restartedRun = nodes + 1;
                    running.set(leader, ChildGateway.launch(configs.get(leader), setup.classPath(), restartedRun, env));
                    running.get(leader).awaitReady();
                    // ready to validate too: its rules compile after the health check answers (about a minute under
                    // load), and a survivor at 100 ms of CPU an invoice has meanwhile taken whatever was dropped
                    awaitRulesCompiled(home.resolve("gateway-run-" + restartedRun + ".log"));
                    log.printf("bench-nodes: node %d started again with %d archived; %d more files dropped%n", leader + 1,
                            archived(database), heldBack);
                    for (Path file : toDrop.subList(toDrop.size() - heldBack, toDrop.size())) {
                        Files.move(file, purchase.resolve(file.getFileName()));
                    }
                }
                awaitArchived(database, warmUp + count, running, log);
                double seconds = (System.nanoTime() - started) / 1e9;
                // the nodes' CPU over the timed part (a killed node's first run is not counted)
                String cpuFigure = cpu.perItem(running, count, "invoice");
                Thread.sleep(2000); // a few more polls: a document handled twice would show now
                long restartedValidated = restartedRun < 0 ? -1 : verdictsLogged(home.resolve("gateway-run-" + restartedRun + ".log"));
                var jdbc = database.jdbc();
                return new Outcome(warmUp + count, warmUp, nodes,
                        jdbc.queryForObject("SELECT count(*) FROM document", Long.class),
                        jdbc.queryForObject("SELECT count(DISTINCT file_name) FROM document", Long.class),
                        archived(database),
                        jdbc.queryForObject("SELECT count(*) FROM archive_entry", Long.class),
                        twice(database, "'VALIDATED', 'VALIDATION_FAILED'"), twice(database, "'ARCHIVED'"),
                        restartedValidated, archivedAtKill, coldSeconds, coldCpuFigure, seconds, cpuFigure);
            } finally {
                for (ChildGateway node : running) {
                    node.close();
                }
                deleteQueues(setup.brokerUrl(), prefix);
            }
        } finally {
            execute(setup, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** The dossier (approval mode NONE: a valid invoice is approved, then archived, without a person). */
    private static void seed(GatewayConfig config) throws IOException {
        try (Database database = Database.open(config.dbUrl(), config.dbUser(), config.dbPassword())) {
            DossierRepository dossiers = new DossierRepository(database.jdbc());
            Firm firm = new Firm(UUID.randomUUID().toString(), "Bench", "443322110");
            dossiers.insertFirm(firm);
            Dossier dossier = new Dossier(UUID.randomUUID().toString(), firm.id(), SIREN, null, "Bench", null, 12,
                    "ACTIVE", false);
            dossiers.insert(dossier);
            new SettingsRepository(database.jdbc()).save(dossier.id(), new ApprovalSettings(ApprovalMode.NONE, null));
            // the invoices' seller, with the IBAN they give entered by a person: a new IBAN keeps an invoice waiting
            PartyRepository parties = new PartyRepository(database.jdbc());
            new PartyService(parties, new SupplierIbans(database.jdbc(), parties),
                    new DocumentRepository(database.jdbc()), database.transactions()).create(
                    dossier.id(), PartyRole.SUPPLIER, new PartyInput(null, null, "Fournitures Lumière SARL",
                            SampleInvoices.SELLER_SIREN, null, null, null, null, null, null, null, null, null, null,
                            SampleInvoices.SELLER_IBAN, null, null, null, null, null, null), "bench:nodes");
            Files.createDirectories(config.inbox().resolve(SIREN).resolve("purchase"));
        }
    }

    private static long archived(Database database) {
        return database.jdbc().queryForObject("SELECT count(*) FROM document WHERE status = 'ARCHIVED'", Long.class);
    }

    private static long twice(Database database, String types) {
        return database.jdbc().queryForObject("SELECT count(*) FROM (SELECT document_id FROM document_event WHERE type IN ("
                + types + ") GROUP BY document_id HAVING count(*) > 1) t", Long.class);
    }

    private static void awaitArchived(Database database, long atLeast, List<ChildGateway> nodes, PrintStream log)
            throws Exception {
        long deadline = System.nanoTime() + 900_000_000_000L;
        long seen = 0;
        long reported = -1;
        while (System.nanoTime() < deadline) {
            for (ChildGateway node : nodes) {
                if (!node.isAlive()) {
                    throw new IllegalStateException("a node stopped with " + seen + " archived, see gateway-run-*.log");
                }
            }
            seen = archived(database);
            if (seen >= atLeast) {
                return;
            }
            if (seen / 100 != reported) {
                reported = seen / 100;
                log.printf("bench-nodes: %d archived%n", seen);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("only " + seen + " of " + atLeast + " archived after 15 minutes");
    }

    /** Which node (0-based) took the pollers' lock, as its log says. */
    private static int pollersNode(Path home, int nodes) throws IOException {
        for (int n = 1; n <= nodes; n++) {
            try (Stream<String> lines = Files.lines(home.resolve("gateway-run-" + n + ".log"))) {
                if (lines.anyMatch(l -> l.contains("Lock on file") && l.contains("pollers acquired"))) {
                    return n - 1;
                }
            }
        }
        throw new IllegalStateException("no node's log says it holds the pollers' lock");
    }

    private static void awaitRulesCompiled(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<String> lines = Files.lines(log)) {
                if (lines.anyMatch(l -> l.contains("validation: ") && l.contains(" schematrons and "))) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the restarted node did not compile its validation rules within 5 minutes: " + log);
    }

    /** The verdicts a node's log shows (one line per document it validated). */
    private static long verdictsLogged(Path log) throws IOException {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("validation dossier=") && l.contains(" errors=")).count();
        }
    }

    private static void deleteQueues(String brokerUrl, String prefix) {
        CachingConnectionFactory factory = new CachingConnectionFactory();
        try {
            factory.setUri(URI.create(brokerUrl));
            RabbitAdmin admin = new RabbitAdmin(factory);
            for (String stage : Cluster.STAGES) {
                admin.deleteQueue(Cluster.queue(prefix, stage));
                admin.deleteQueue(Cluster.queue(prefix, stage) + ".dead");
            }
            admin.deleteExchange(prefix);
            admin.deleteExchange(prefix + ".dead");
        } finally {
            factory.destroy();
        }
    }

    private static Setup fromEnvironment() {
        String db = System.getenv("GATEWAY_DB_URL");
        String broker = System.getenv(Cluster.BROKER_ENV);
        if (db == null || !db.startsWith("jdbc:postgresql:") || broker == null || broker.isBlank()) {
            throw new IllegalStateException("bench and bench-nodes need GATEWAY_DB_URL (a PostgreSQL server, e.g."
                    + " jdbc:postgresql://127.0.0.1:5432/postgres: a database of its own is created there and dropped)"
                    + " and " + Cluster.BROKER_ENV + " (e.g. amqp://guest:guest@127.0.0.1:5672)");
        }
        return new Setup(db, System.getenv().getOrDefault("GATEWAY_DB_USER", "postgres"),
                System.getenv().getOrDefault("GATEWAY_DB_PASSWORD", ""), broker, System.getProperty("java.class.path"));
    }

    private static void execute(Setup setup, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(setup.pgAdminUrl(), setup.pgUser(), setup.pgPassword());
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
