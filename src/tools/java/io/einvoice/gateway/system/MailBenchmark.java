package io.einvoice.gateway.system;

import io.einvoice.gateway.dossier.DossierStatus;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.Firm;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.dispatch.DispatchSettings;
import io.einvoice.gateway.dispatch.chorus.ChorusSettings;
import io.einvoice.gateway.ingest.mail.MailSettings;
import io.einvoice.gateway.outbound.OutboundGuard;
import jakarta.activation.DataHandler;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * {@code ./gateway bench-mail [N]}: N mails with one Factur-X each, sent by SMTP to a local mail server (GreenMail), read
 * by the gateway's IMAP mailbox route; prints mails/second until all are documents, and the peak heap.
 * {@code ./gateway bench-mail-kill [N]}: the no-loss check: N mails waiting, the gateway (a child JVM) killed with
 * SIGKILL half-way, started again; prints how many invoices were stored, and how many more than once.
 * Both use a throw-away GATEWAY_HOME and the embedded database unless GATEWAY_DB_URL is set.
 */
public final class MailBenchmark {

    static final String SIREN = "123456782";
    static final String USER = "SIREN" + SIREN + "@bench.localhost";
    static final String PASSWORD = "bench";

    /** What the kill check saw; {@code storedAtKill} is the last count read before the kill (a few more may follow). */
    public record KillOutcome(int sent, long storedAtKill, long documents, long distinctInvoices, long storedTwice,
                              int leftInMailbox) {
    }

    private MailBenchmark() {
    }

    /** The benchmark's mail server is on this machine: its mailboxes must be allowed to reach it. */
    private static Gateway gateway(GatewayConfig config) throws IOException {
        return Gateway.create(config, ChorusSettings.fromEnvironment(System.getenv()),
                DispatchSettings.fromEnvironment(System.getenv()), OutboundSmtp.fromEnvironment(System.getenv()),
                OutboundGuard.fromEnvironment(System.getenv()).allowing("127.0.0.1"));
    }

    public static void throughput(int count) throws Exception {
        BenchHome.run("gateway-bench-mail-", home -> {
            GatewayConfig config = ChildGateway.throwAwayConfig(home, ChildGateway.freePort());
            GreenMail mail = mailServer();
            try {
                send(mail, count, System.out);
                BenchCpu.compileValidationRules();
                try (Gateway gateway = gateway(config)) {
                    seed(gateway, mail, 100);
                    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                        pool.resetPeakUsage();
                    }
                    long started = System.nanoTime();
                    BenchCpu cpu = BenchCpu.ofThisProcess();
                    long processCpuAtStart = BenchCpu.processCpuNanos();
                    ThreadCpuLedger threadCpu = new ThreadCpuLedger();
                    gateway.start();
                    String dossierId = gateway.services().dossiers().findBySiren(SIREN).orElseThrow().id();
                    long stored;
                    int lastTenth = -1;
                    long forcedGcNanos = 0;
                    do {
                        Thread.sleep(100);
                        threadCpu.sample();
                        stored = gateway.services().documents().count(dossierId);
                        int tenth = (int) (stored * 10 / count);
                        if (tenth != lastTenth) {
                            // heap in use after a full GC: what the gateway keeps, apart from garbage not collected yet;
                            // flat if it does not grow with the mails read (the mail server's copies of them excepted)
                            long gcStarted = System.nanoTime();
                            System.gc();
                            forcedGcNanos += System.nanoTime() - gcStarted;
                            long used = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
                            System.out.printf("bench-mail: %d/%d mails stored after %.1f s; heap after GC %d MB%n", stored,
                                    count, seconds(started), used / (1024 * 1024));
                            lastTenth = tenth;
                        }
                        if (seconds(started) > 1800) {
                            throw new IllegalStateException("gave up after 30 minutes with " + stored + " of " + count);
                        }
                    } while (stored < count);
                    double elapsed = seconds(started);
                    // the full GCs above stop the gateway too (seconds each on a loaded machine, most of a short run):
                    // the rate is given without them as well
                    double forcedGc = forcedGcNanos / 1e9;
                    long peakHeap = 0;
                    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                        if (pool.getType() == MemoryType.HEAP) {
                            peakHeap += pool.getPeakUsage().getUsed();
                        }
                    }
                    System.out.printf("bench-mail: %.1f mails/s without the %.1f s of full GCs this benchmark forces to print"
                            + " the heap after GC (%.1f mails/s with them, below)%n", count / (elapsed - forcedGc), forcedGc,
                            count / elapsed);
                    System.out.printf("bench-mail: %d mails (one Factur-X each, no OCR) -> %d documents in %.2f s: %.1f mails/s;"
                                    + " peak heap %d MB (max %d MB; includes the in-process mail server holding the %d mails); %s"
                                    + " (includes the gateway's start, the validation running meanwhile and the mail server)%n",
                            count, stored, elapsed, count / elapsed, peakHeap / (1024 * 1024),
                            Runtime.getRuntime().maxMemory() / (1024 * 1024), count, cpu.perItem(count, "mail"));
                    threadCpu.sample();
                    System.out.println(cpuByThread(count, BenchCpu.processCpuNanos() - processCpuAtStart, threadCpu));
                }
            } finally {
                mail.stop();
            }
        });
    }

    /**
     * The CPU time of every thread seen since the start, by thread id, read at each poll of the benchmark: a thread that
     * ends keeps the time it was last seen with (to within a poll). GreenMail serves each IMAP connection on a thread
     * of its own that ends with it, and a count taken only at the end put that work under "ended threads".
     */
    private static final class ThreadCpuLedger {
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final Map<Long, Long> atStart = new HashMap<>();
        private final Map<Long, Long> spent = new HashMap<>();
        private final Map<Long, String> names = new HashMap<>();

        ThreadCpuLedger() {
            for (long id : threads.getAllThreadIds()) {
                long nanos = threads.getThreadCpuTime(id);
                if (nanos >= 0) {
                    atStart.put(id, nanos);
                }
            }
        }

        void sample() {
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info == null) {
                    continue;
                }
                long nanos = threads.getThreadCpuTime(info.getThreadId());
                if (nanos >= 0) {
                    spent.put(info.getThreadId(), nanos - atStart.getOrDefault(info.getThreadId(), 0L));
                    names.put(info.getThreadId(), info.getThreadName());
                }
            }
        }
    }

    /**
     * The process CPU split by who spent it, so the figure of the mail path is not the whole JVM's: the mailbox route
     * (Camel's imap:// consumer thread: IMAP client, MIME, extraction, hashing, blob writes, the commit), the mail
     * server (GreenMail runs in this JVM, threads "imap:..."/"smtp:..."), this benchmark's own polling (main), the rest
     * of the gateway (validation and the stages after ingest, running meanwhile), and the JVM itself (GC, JIT: not
     * Java threads; the last poll's share of threads that ended between two polls too).
     */
    private static String cpuByThread(int count, long processNanos, ThreadCpuLedger ledger) {
        Map<String, Long> byGroup = new java.util.LinkedHashMap<>();
        for (String group : List.of("mailbox route", "mail server (GreenMail)", "bench polling (main)",
                "rest of the gateway (validation, stages)")) {
            byGroup.put(group, 0L);
        }
        long javaThreads = 0;
        for (Map.Entry<Long, Long> thread : ledger.spent.entrySet()) {
            String name = ledger.names.get(thread.getKey());
            String group = name.contains(" - imap://") || name.contains(" - pop3://") ? "mailbox route"
                    : name.startsWith("imap:") || name.startsWith("smtp:") || name.startsWith("pop3:")
                    ? "mail server (GreenMail)" : name.equals("main") ? "bench polling (main)"
                    : "rest of the gateway (validation, stages)";
            byGroup.merge(group, thread.getValue(), Long::sum);
            javaThreads += thread.getValue();
        }
        byGroup.put("JVM (GC, JIT, threads ended within a poll)", Math.max(0, processNanos - javaThreads));
        StringBuilder line = new StringBuilder("bench-mail: CPU per mail by thread:");
        byGroup.forEach((group, nanos) -> line.append(String.format(java.util.Locale.ROOT, " %s %.1f ms;", group,
                nanos / 1e6 / count)));
        return line.toString();
    }

    public static void killAndRestart(int count) throws Exception {
        BenchHome.run("gateway-bench-mail-kill-", home -> {
            GatewayConfig config = ChildGateway.throwAwayConfig(home, 0);
            KillOutcome outcome = killAndRestart(count, home, config.dbUrl(), config.dbUser(), config.dbPassword(),
                    System.getProperty("java.class.path"), System.out);
            System.out.printf("bench-mail-kill: %d mails sent; %d stored when the gateway was killed (SIGKILL); after the"
                            + " restart %d documents, %d distinct invoices, %d stored more than once, %d mails left in the"
                            + " mailbox -> %s%n", outcome.sent(), outcome.storedAtKill(), outcome.documents(),
                    outcome.distinctInvoices(), outcome.storedTwice(), outcome.leftInMailbox(),
                    outcome.documents() == count && outcome.distinctInvoices() == count && outcome.storedTwice() == 0
                            ? "every invoice stored exactly once" : "NOT exactly once");
        });
    }

    /** The gateway runs as a child JVM on {@code classPath}, so it can be killed for real. */
    public static KillOutcome killAndRestart(int count, Path home, String dbUrl, String dbUser, String dbPassword,
                                             String classPath, PrintStream log) throws Exception {
        int port = ChildGateway.freePort();
        GatewayConfig defaults = ChildGateway.throwAwayConfig(home, port);
        GatewayConfig config = new GatewayConfig(home, port, dbUrl, dbUser, dbPassword, defaults.maxFileBytes(),
                defaults.routesDir(), defaults.folderPollMillis());
        GreenMail mail = mailServer();
        try {
            String key;
            try (Gateway gateway = gateway(config)) {
                key = seed(gateway, mail, 20);
            }
            send(mail, count, log);
            long storedAtKill;
            ChildGateway first = ChildGateway.launch(config, classPath, 1);
            try {
                storedAtKill = first.awaitDocuments(SIREN, key, count / 2);
            } finally {
                first.kill();
            }
            log.printf("bench-mail-kill: gateway killed with %d of %d stored%n", storedAtKill, count);
            ChildGateway second = ChildGateway.launch(config, classPath, 2);
            try {
                second.awaitDocuments(SIREN, key, count);
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (inboxCount(mail) > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                Thread.sleep(2000); // a few more polls: anything stored twice would show now
                List<String> fileNames = second.fileNames(SIREN, key);
                Map<String, Integer> times = new HashMap<>();
                fileNames.forEach(n -> times.merge(n, 1, Integer::sum));
                long twice = times.values().stream().filter(n -> n > 1).count();
                return new KillOutcome(count, storedAtKill, fileNames.size(), times.size(), twice, inboxCount(mail));
            } finally {
                // everything checked has been read: a graceful stop would wait out its 15 s shutdown timeout for the
                // documents still queued for validation, and this home is thrown away
                second.kill();
            }
        } finally {
            mail.stop();
        }
    }

    private static GreenMail mailServer() {
        GreenMail mail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
        mail.start();
        mail.setUser(USER, USER, PASSWORD);
        return mail;
    }

    /** A firm, the dossier, its IMAP mailbox on the local server, and an API key (returned). */
    private static String seed(Gateway gateway, GreenMail mail, int batchSize) throws Exception {
        var s = gateway.services();
        Firm firm = new Firm(UUID.randomUUID().toString(), "Bench", "443322110");
        s.dossiers().insertFirm(firm);
        Dossier dossier = new Dossier(UUID.randomUUID().toString(), firm.id(), SIREN, null, "Bench", null, 12, DossierStatus.ACTIVATED.name(), false);
        s.dossiers().insert(dossier);
        s.mailSettings().saveOwnMailbox(dossier, new MailSettings.MailboxRequest(null, "PURCHASE", "IMAP", "127.0.0.1",
                mail.getImap().getPort(), USER, PASSWORD, "INBOX", "Processed", null, 100L, batchSize, true, null, null,
                null, null));
        return s.apiKeys().issue(dossier, "bench").key();
    }

    private static void send(GreenMail mail, int count, PrintStream log) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(mail.getSmtp().getPort()));
        Session session = Session.getInstance(p);
        long started = System.nanoTime();
        // one Factur-X for all (generating one takes longer than storing it); each mail is told apart by its file name
        byte[] facturX = SampleInvoices.facturXPdf("BENCH-1");
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            for (int i = 0; i < count; i++) {
                MimeMessage message = new MimeMessage(session);
                message.setFrom(new InternetAddress("factures@fournisseur.example"));
                message.setRecipient(Message.RecipientType.TO, new InternetAddress(USER));
                message.setSubject("Facture BENCH-" + i);
                MimeMultipart multipart = new MimeMultipart();
                MimeBodyPart text = new MimeBodyPart();
                text.setText("Bonjour, veuillez trouver ci-joint la facture BENCH-" + i + ".", "UTF-8");
                MimeBodyPart pdf = new MimeBodyPart();
                pdf.setDataHandler(new DataHandler(new ByteArrayDataSource(facturX,
                        "application/pdf")));
                pdf.setFileName("BENCH-" + i + ".pdf");
                multipart.addBodyPart(text);
                multipart.addBodyPart(pdf);
                message.setContent(multipart);
                message.saveChanges();
                transport.sendMessage(message, message.getAllRecipients());
            }
        }
        log.printf("bench-mail: %d mails sent by SMTP in %.1f s%n", count, seconds(started));
    }

    private static int inboxCount(GreenMail mail) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", mail.getImap().getPort(), USER, PASSWORD);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                return inbox.getMessageCount();
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }
}
