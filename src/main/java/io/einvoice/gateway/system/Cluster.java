package io.einvoice.gateway.system;

import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.main.Main;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * More than one node (docs/architecture.md, "Scale-out"). Two choices are made here, once, for every route:
 * <ul>
 * <li>the endpoints the pipeline stages hand a document id over with ({@code gateway.stage.*} in the routes):
 * in-process SEDA queues by default; RabbitMQ queues when {@code GATEWAY_BROKER_URL} is set, so every node consumes
 * every stage (competing consumers) and a message is acknowledged only once its route has run, i.e. after the
 * stage's result is committed; a node that dies leaves its unacknowledged messages to the others;</li>
 * <li>the cluster service the pollers' {@code master:} endpoints elect their one node with: camel-file's lock on a
 * file under {@code GATEWAY_CLUSTER_DIR} (default {@code GATEWAY_HOME/cluster}), which must be a volume every node
 * shares, like the drop folders and the blob store already are. The operating system drops the lock of a process
 * that dies, SIGKILL included, and a follower takes the pollers over at its next try.</li>
 * </ul>
 */
public final class Cluster {

    public static final String BROKER_ENV = "GATEWAY_BROKER_URL";
    public static final String DIR_ENV = "GATEWAY_CLUSTER_DIR";
    /** Names the exchange and the queues, so that two installations (or two tests) can share one broker. */
    public static final String PREFIX_ENV = "GATEWAY_BROKER_PREFIX";
    /** The stages that hand documents over through the broker. */
    public static final List<String> STAGES = List.of("recognition", "facturx", "validation", "archive", "dispatch");
    /** How often a follower tries to take a poller over; a dead leader's pollers wait at most a few of these. */
    private static final long LOCK_INTERVAL_MILLIS = 1000;
    /** routes/error-handling.camel.yaml, "stage": 2 s, 4 s, 8 s apart, then the stage gives up. */
    static final int STAGE_REDELIVERIES = 3;

    private final URI broker;
    private final String prefix;
    private final Path lockDir;

    private Cluster(URI broker, String prefix, Path lockDir) {
        this.broker = broker;
        this.prefix = prefix;
        this.lockDir = lockDir;
    }

    public static Cluster fromEnvironment(Map<String, String> env, Path home) {
        String url = env.get(BROKER_ENV);
        URI broker = null;
        if (url != null && !url.isBlank()) {
            try {
                broker = new URI(url.strip());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(BROKER_ENV + " is not a URL (amqp://user:password@host:5672/vhost)", e);
            }
            if (!"amqp".equals(broker.getScheme()) && !"amqps".equals(broker.getScheme()) || broker.getHost() == null) {
                // the URL is not repeated: it holds the broker's password
                throw new IllegalArgumentException(BROKER_ENV + " must be amqp://user:password@host:5672/vhost (or amqps://)");
            }
        }
        String prefix = env.getOrDefault(PREFIX_ENV, "gateway").strip();
        if (!prefix.matches("[A-Za-z0-9_-]{1,100}")) {
            throw new IllegalArgumentException(PREFIX_ENV + " must be 1 to 100 letters, digits, '-' or '_', not '" + prefix + "'");
        }
        String dir = env.get(DIR_ENV);
        return new Cluster(broker, prefix, dir == null || dir.isBlank() ? home.resolve("cluster")
                : Path.of(dir.strip()).toAbsolutePath().normalize());
    }

    public boolean brokered() {
        return broker != null;
    }

    /** Binds the broker's connection and the cluster service, and names every stage endpoint for the routes. */
    void configure(Main main, int ocrThreads) throws IOException {
        main.bind("gatewayCluster", lockService(lockDir));
        if (broker != null) {
            main.bind("gatewayBroker", connectionFactory(broker));
        }
        // how often the stages' error policy tries again before the document goes to the quarantine
        main.addOverrideProperty("gateway.stageRedeliveries", String.valueOf(STAGE_REDELIVERIES));
        // OCR is slow and unequal: one document at a time per consumer, so an idle node is never starved
        stage(main, "recognition", ocrThreads, 1);
        // writing a Factur-X (PDF/A-3) and validating one are CPU work with no lock held while they run: one consumer
        // per core. A document queued twice may then be handled by two threads as by two nodes; both stages record
        // their result once (under the document's row lock)
        int cores = Runtime.getRuntime().availableProcessors();
        stage(main, "facturx", cores, 10);
        stage(main, "validation", cores, 10);
        // appends in one dossier are serialised by the database; two consumers keep other dossiers moving
        stage(main, "archive", 2, 10);
        stage(main, "dispatch", 2, 1);
    }

    /**
     * The cluster service the pollers' {@code master:} endpoints elect their node with: a lock file per namespace under
     * {@code lockDir}. Also what a test that runs the poller routes in its own Camel context adds to it.
     */
    public static FileLockClusterService lockService(Path lockDir) throws IOException {
        Files.createDirectories(lockDir);
        FileLockClusterService service = new FileLockClusterService();
        service.setRoot(lockDir.toString());
        service.setId(ManagementFactory.getRuntimeMXBean().getName()); // pid@host: which node holds a lock, in its file
        service.setAcquireLockDelay(100, TimeUnit.MILLISECONDS);
        service.setAcquireLockInterval(LOCK_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        return service;
    }

    private void stage(Main main, String name, int consumers, int prefetch) {
        String uri = broker == null
                ? "seda:" + name + "?size=100000&concurrentConsumers=" + consumers
                : "spring-rabbitmq:" + prefix + "?connectionFactory=#gatewayBroker&routingKey=" + name
                + "&queues=" + queue(prefix, name) + "&concurrentConsumers=" + consumers + "&prefetchCount=" + prefetch
                // acknowledged after the route ran (its result committed); what its error policy does not handle
                // is parked in the stage's dead-letter queue rather than redelivered for ever; Camel's error policy
                // makes the retries (routes/error-handling.camel.yaml), the listener runs the route once
                + "&acknowledgeMode=AUTO&maximumRetryAttempts=1&deadLetterExchange=" + deadExchange(prefix)
                + "&deadLetterQueue=" + deadQueue(prefix, name) + "&deadLetterRoutingKey=" + name
                // the queue outlives a broker restart, and so do its messages (Spring AMQP sends them persistent)
                + "&arg.queue.durable=true";
        main.addOverrideProperty("gateway.stage." + name, uri);
        main.addOverrideProperty("gateway.deadLetters." + name, deadLetters(name));
    }

    /**
     * Where a stage's dead letters are, read by routes/quarantine.camel.yaml and written by the stages' error policy
     * once it gives up: in-process, a SEDA queue; with the broker, the stage's dead-letter queue, which also gets what
     * the broker dead-letters itself. A failure there (the database is down) puts the message back in that queue, to
     * be read again, rather than dropping it; the document is untouched meanwhile.
     */
    private String deadLetters(String name) {
        return broker == null
                ? "seda:dead-" + name
                : "spring-rabbitmq:" + deadExchange(prefix) + "?connectionFactory=#gatewayBroker&routingKey=" + name
                + "&queues=" + deadQueue(prefix, name) + "&concurrentConsumers=1&prefetchCount=1"
                + "&acknowledgeMode=AUTO&maximumRetryAttempts=1&rejectAndDontRequeue=false&arg.queue.durable=true";
    }

    private static String deadExchange(String prefix) {
        return prefix + ".dead";
    }

    /** The dead-letter queue of one stage: {@code <prefix>.<stage>.dead}. */
    public static String deadQueue(String prefix, String stage) {
        return queue(prefix, stage) + ".dead";
    }

    /** The queue of one stage: {@code <prefix>.recognition}, {@code .facturx}, {@code .validation}, {@code .archive}, {@code .dispatch}. */
    public static String queue(String prefix, String stage) {
        return prefix + "." + stage;
    }

    private static CachingConnectionFactory connectionFactory(URI broker) {
        CachingConnectionFactory factory = new CachingConnectionFactory();
        try {
            factory.setUri(broker);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(BROKER_ENV + " " + broker.getHost() + ": " + e.getMessage(), e);
        }
        // a hand-off is sent after its document is committed; the broker confirms it holds the message
        factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        return factory;
    }

    /** For the start-up line: where the stages and the pollers' election are. */
    String describe() {
        return (broker == null ? "stages in-process (SEDA)" : "stages through RabbitMQ " + broker.getHost() + ":"
                + (broker.getPort() < 0 ? 5672 : broker.getPort())) + ", pollers elected by lock files in " + lockDir;
    }
}
