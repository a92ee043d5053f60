package io.einvoice.gateway.system;

import io.einvoice.gateway.accounting.ExportCommand;
import io.einvoice.gateway.facturx.ConvertCommand;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.users.CreateFirmCommand;

import java.nio.file.Path;
import java.util.Arrays;

/** Command-line entry point behind {@code ./gateway}: see {@code ./gateway help} and docs/contract.md. */
public final class GatewayApp {

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
            case "bench-nodes" -> {
                boolean kill = rest.length > 0 && rest[0].equals("--kill");
                String[] counts = kill ? Arrays.copyOfRange(rest, 1, rest.length) : rest;
                int count = counts.length > 0 ? Integer.parseInt(counts[0]) : 1000;
                if (kill) {
                    NodesBenchmark.runKill(count);
                } else {
                    NodesBenchmark.run(count);
                }
            }
            case "mail-samples" -> MailSamples.send(rest);
            case "validate" -> System.exit(ValidateCommand.run(rest, System.out, System.err));
            case "bench-validate" -> System.exit(ValidationBenchmark.run(rest));
            case "export" -> System.exit(export(rest));
            case "admin" -> System.exit(new CreateFirmCommand(System.out, System.err, System::console).run(rest,
                    System.getenv(), () -> {
                        GatewayConfig config = GatewayConfig.fromEnvironment(System.getenv());
                        return Database.open(config.dbUrl(), config.dbUser(), config.dbPassword());
                    }));
            case "connector" -> System.exit(new ConnectorCommand(System.out, System.err).run(rest, System.getenv()));
            default -> {
                System.err.println("unknown command '" + command + "'. Commands: run, demo, samples [DIR], bench [N], archive verify|export|bench, parties-bench [N], convert FILE --to facturx|cii|ubl -o OUT, bench-recognition [--hard] [DIR],"
                        + " bench-mail [N], bench-mail-kill [N], bench-kill [N], bench-nodes [--kill] [N], mail-samples [SIREN] [DIR],"
                        + " validate FILE... [--json], bench-validate [DIR...],"
                        + " admin create-firm --siren SIREN --name NAME --email EMAIL,"
                        + " connector list|run|test SIREN [ID],"
                        + " export --dossier SIREN --from AAAA-MM-JJ --to AAAA-MM-JJ --format fec|csv|quadra [--pdfs] -o FILE");
                System.exit(2);
            }
        }
    }

    private static void run(boolean demo) throws Exception {
        if (!demo) {
            try (Gateway gateway = Gateway.create(GatewayConfig.fromEnvironment(System.getenv()))) {
                gateway.runUntilStopped();
            }
            return;
        }
        try (Demo running = Demo.prepare(System.getenv())) {
            running.gateway().runUntilStopped();
        }
    }

    private static int export(String[] args) {
        GatewayConfig config = GatewayConfig.fromEnvironment(System.getenv());
        try (Database database = Database.open(config.dbUrl(), config.dbUser(), config.dbPassword())) {
            return new ExportCommand(System.out, System.err).run(args, database, config.blobs());
        }
    }

    private static void writeSamples(Path dir) throws Exception {
        SampleInvoices.writeAll(dir);
        System.out.println("samples written to " + dir.toAbsolutePath());
    }
}
