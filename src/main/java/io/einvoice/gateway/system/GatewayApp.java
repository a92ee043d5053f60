package io.einvoice.gateway.system;

import io.einvoice.gateway.dispatch.DispatchSettings;
import io.einvoice.gateway.dispatch.chorus.ChorusSettings;
import io.einvoice.gateway.dispatch.chorus.simulator.ChorusSimulator;
import io.einvoice.gateway.dispatch.chorus.simulator.DemoChorus;
import io.einvoice.gateway.facturx.ConvertCommand;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.outbound.OutboundGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/** Command-line entry point behind {@code ./gateway}: see {@code ./gateway help} and docs/contract.md. */
public final class GatewayApp {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayApp.class);

    private GatewayApp() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "run" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (command) {
            case "run" -> run(false);
            case "demo" -> run(true);
            case "samples" -> writeSamples(Path.of(rest.length > 0 ? rest[0] : "samples"));
            case "bench" -> IngestBenchmark.run(rest.length > 0 ? Integer.parseInt(rest[0]) : 200);
            case "archive" -> System.exit(new ArchiveCommand(System.out, System.err)
                    .run(rest, GatewayConfig.fromEnvironment(System.getenv())));
            case "parties-bench" -> PartyImportBenchmark.run(rest.length > 0 ? Integer.parseInt(rest[0]) : 10_000);
            case "convert" -> System.exit(new ConvertCommand().run(rest, System.out, System.err));
            case "bench-recognition" -> io.einvoice.gateway.recognition.RecognitionBenchmark.run(rest);
            case "bench-mail" -> MailBenchmark.throughput(rest.length > 0 ? Integer.parseInt(rest[0]) : 1000);
            case "bench-mail-kill" -> MailBenchmark.killAndRestart(rest.length > 0 ? Integer.parseInt(rest[0]) : 200);
            case "bench-kill" -> FolderKillBenchmark.run(rest.length > 0 ? Integer.parseInt(rest[0]) : 500);
            case "mail-samples" -> MailSamples.send(rest);
            case "validate" -> System.exit(ValidateCommand.run(rest, System.out, System.err));
            case "bench-validate" -> System.exit(ValidationBenchmark.run(rest));
            default -> {
                System.err.println("unknown command '" + command + "'. Commands: run, demo, samples [DIR], bench [N], archive verify|export|bench, parties-bench [N], convert FILE --to facturx|cii|ubl -o OUT, bench-recognition [DIR],"
                        + " bench-mail [N], bench-mail-kill [N], bench-kill [N], mail-samples [SIREN] [DIR],"
                        + " validate FILE... [--json], bench-validate [DIR...]");
                System.exit(2);
            }
        }
    }

    private static void run(boolean demo) throws Exception {
        GatewayConfig config = GatewayConfig.fromEnvironment(System.getenv());
        OutboundSmtp smtp = OutboundSmtp.fromEnvironment(System.getenv());
        if (!demo) {
            try (Gateway gateway = Gateway.create(config)) {
                gateway.runUntilStopped();
            }
            return;
        }
        int demoSmtp = DemoMailServer.smtpPort();
        if (smtp == null) {
            smtp = DemoMailServer.outbound(demoSmtp);
        }
        DispatchSettings dispatch = DispatchSettings.fromEnvironment(System.getenv());
        // the simulator first: the gateway's Chorus Pro client talks to it; statuses followed every 5 s to show them move
        try (ChorusSimulator chorus = DemoChorus.start(0);
             Gateway gateway = Gateway.create(config, ChorusSettings.defaults(chorus.baseUrl(), chorus.tokenUrl()),
                     new DispatchSettings(dispatch.retryInitial(), dispatch.maxAttempts(), Duration.ofSeconds(5),
                             dispatch.mailTimeout()), smtp,
                     // the demo's mail server runs on this machine: its mailboxes and SMTP settings point there
                     OutboundGuard.fromEnvironment(System.getenv()).allowing("127.0.0.1"))) {
            DemoSeeder seeder = new DemoSeeder(gateway.services(), config.home());
            seeder.seed();
            seeder.seedSales(DemoChorus.CREDENTIALS);
            dropSamplesOnce(config);
            try (DemoMailServer mail = DemoMailServer.start(gateway.services(), seeder, demoSmtp)) {
                seeder.addToCredentials("chorus", DemoChorus.describe(chorus));
                gateway.runUntilStopped();
            }
        }
    }

    /** So the first demo start visibly does its job: the samples go into the demo dossier's drop folder once. */
    private static void dropSamplesOnce(GatewayConfig config) throws Exception {
        Path marker = config.home().resolve(".demo-samples-dropped");
        if (Files.exists(marker)) {
            return;
        }
        Path purchase = config.inbox().resolve(DemoSeeder.DEMO_DOSSIER_SIREN).resolve("purchase");
        SampleInvoices.writeAll(purchase);
        // two sales of the demo seller: one to the public buyer (Chorus Pro), one to DEMONSTRATION (the platform)
        Path sales = config.inbox().resolve(DemoSeeder.FIRM_SIREN).resolve("sales");
        Files.createDirectories(sales);
        writeOnce(sales, "vente-commune.pdf", SampleInvoices.chorusFacturXPdf("DEMO-CPP-0001",
                SampleInvoices.PublicBuyer.plain("98765432400019"), DemoSeeder.FIRM_AS_SELLER));
        writeOnce(sales, "vente-demonstration.pdf", SampleInvoices.facturXPdf("DEMO-PLAT-0001", DemoSeeder.FIRM_AS_SELLER));
        Files.writeString(marker, "samples dropped into " + purchase + " and " + sales + "\n");
        LOG.info("demo: sample invoices dropped into {} and {}", purchase, sales);
    }

    /** Under a hidden name first: the folder is watched and must never see a half-written file. */
    private static void writeOnce(Path dir, String name, byte[] content) throws Exception {
        Path temporary = dir.resolve("." + name + ".tmp");
        Files.write(temporary, content);
        Files.move(temporary, dir.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeSamples(Path dir) throws Exception {
        SampleInvoices.writeAll(dir);
        System.out.println("samples written to " + dir.toAbsolutePath());
    }
}
