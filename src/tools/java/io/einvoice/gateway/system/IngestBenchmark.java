package io.einvoice.gateway.system;

import io.einvoice.gateway.dossier.DossierStatus;
import io.einvoice.gateway.document.DocumentQuery;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.Firm;
import io.einvoice.gateway.facturx.SampleInvoices;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@code ./gateway bench [N]}: drops N distinct Factur-X PDFs into a dossier's folder at once (one rename each, as a
 * scanner or a sync tool would) and measures how long the running gateway takes until every one is a committed
 * document and its file is in {@code .done/}. Uses a throw-away GATEWAY_HOME and the embedded database unless
 * GATEWAY_DB_URL is set.
 */
public final class IngestBenchmark {

    private static final String SIREN = "123456782";

    private IngestBenchmark() {
    }

    public static void run(int count) throws Exception {
        Path home = Files.createTempDirectory("gateway-bench-");
        GatewayConfig env = GatewayConfig.fromEnvironment(System.getenv());
        boolean embedded = System.getenv("GATEWAY_DB_URL") == null;
        GatewayConfig config = new GatewayConfig(home, freePort(),
                embedded ? GatewayConfig.h2Url(home) : env.dbUrl(), embedded ? "sa" : env.dbUser(),
                embedded ? "" : env.dbPassword(), env.maxFileBytes(), env.routesDir(), env.folderPollMillis());

        System.out.printf("bench: generating %d Factur-X PDFs...%n", count);
        Path staging = Files.createDirectories(home.resolve("staging"));
        long generated = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Files.write(staging.resolve("bench-" + i + ".pdf"), SampleInvoices.facturXPdf("BENCH-" + i));
        }
        System.out.printf("bench: generated in %.1f s%n", seconds(generated));

        BenchCpu.compileValidationRules();
        try (Gateway gateway = Gateway.create(config)) {
            Dossier dossier = seedDossier(gateway);
            long starting = System.nanoTime();
            gateway.start();
            System.out.printf("bench: gateway started in %.2f s (database %s)%n", seconds(starting),
                    embedded ? "H2" : config.dbUrl());

            Path purchase = config.inbox().resolve(SIREN).resolve("purchase");
            long dropped = System.nanoTime();
            BenchCpu cpu = BenchCpu.ofThisProcess();
            try (Stream<Path> files = Files.list(staging)) {
                for (Path file : files.toList()) {
                    Files.move(file, purchase.resolve(file.getFileName()));
                }
            }
            long stored;
            int lastReported = -1;
            do {
                Thread.sleep(100);
                stored = gateway.services().documents().count(dossier.id());
                int tenth = (int) (stored * 10 / count);
                if (tenth != lastReported) {
                    System.out.printf("bench: %d/%d stored after %.1f s%n", stored, count, seconds(dropped));
                    lastReported = tenth;
                }
                if (seconds(dropped) > 600) {
                    throw new IllegalStateException("gave up after 10 minutes with " + stored + " of " + count + " stored");
                }
            } while (stored < count || doneFiles(purchase) < count);
            double elapsed = seconds(dropped);
            List<?> recognised = gateway.services().documents().find(dossier.id(),
                    new DocumentQuery(null, DocumentStatus.RECOGNIZED, DocumentQuery.MAX_LIMIT, 0));
            System.out.printf("bench: %d files dropped at once -> %d documents (%d recognised) and %d files in .done/"
                            + " in %.2f s: %.1f files/s; %s%n",
                    count, stored, Math.min(recognised.size(), count), doneFiles(purchase), elapsed, count / elapsed,
                    cpu.perItem(count, "file"));
        }
    }

    private static Dossier seedDossier(Gateway gateway) throws java.io.IOException {
        Firm firm = new Firm(UUID.randomUUID().toString(), "Bench", "443322110");
        gateway.services().dossiers().insertFirm(firm);
        Dossier dossier = new Dossier(UUID.randomUUID().toString(), firm.id(), SIREN, null, "Bench", null, 12, DossierStatus.ACTIVATED.name(), false);
        gateway.services().dossiers().insert(dossier);
        gateway.services().folders().createFolders(SIREN);
        return dossier;
    }

    private static long doneFiles(Path purchase) throws java.io.IOException {
        Path done = purchase.resolve(".done");
        if (!Files.isDirectory(done)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(done)) {
            return files.count();
        }
    }

    /** The bench must not collide with a gateway already serving on GATEWAY_HTTP_PORT. */
    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }
}
