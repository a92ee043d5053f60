package io.einvoice.gateway.system;

import io.einvoice.gateway.accounting.ExportCommand;
import io.einvoice.gateway.facturx.ConvertCommand;
import io.einvoice.gateway.users.CreateFirmCommand;

import java.util.Arrays;

/**
 * Command-line entry point of the product behind {@code ./gateway}: see {@code ./gateway help} and docs/contract.md. The
 * demo, benchmarks, simulators and sample generators are not in it: {@code GatewayTools} of src/tools runs those.
 */
public final class GatewayApp {

    private GatewayApp() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "run" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (command) {
            case "run" -> run();
            case "archive" -> System.exit(new ArchiveCommand(System.out, System.err)
                    .run(rest, GatewayConfig.fromEnvironment(System.getenv())));
            case "convert" -> System.exit(new ConvertCommand().run(rest, System.out, System.err));
            case "validate" -> System.exit(ValidateCommand.run(rest, System.out, System.err));
            case "export" -> System.exit(export(rest));
            case "admin" -> System.exit(new CreateFirmCommand(System.out, System.err, System::console).run(rest,
                    System.getenv(), () -> {
                        GatewayConfig config = GatewayConfig.fromEnvironment(System.getenv());
                        return Database.open(config.dbUrl(), config.dbUser(), config.dbPassword());
                    }));
            case "connector" -> System.exit(new ConnectorCommand(System.out, System.err).run(rest, System.getenv()));
            default -> {
                System.err.println("unknown command '" + command + "'. Commands: run, archive verify|export,"
                        + " convert FILE --to facturx|cii|ubl -o OUT, validate FILE... [--json],"
                        + " admin create-firm --siren SIREN --name NAME --email EMAIL,"
                        + " connector list|run|test SIREN [ID],"
                        + " export --dossier SIREN --from AAAA-MM-JJ --to AAAA-MM-JJ --format fec|csv|quadra [--pdfs] -o FILE."
                        + " The demo, the benchmarks and the sample generator are tools of the source tree (src/tools):"
                        + " ./gateway help lists them");
                System.exit(2);
            }
        }
    }

    private static void run() throws Exception {
        try (Gateway gateway = Gateway.create(GatewayConfig.fromEnvironment(System.getenv()))) {
            gateway.runUntilStopped();
        }
    }

    private static int export(String[] args) {
        GatewayConfig config = GatewayConfig.fromEnvironment(System.getenv());
        try (Database database = Database.open(config.dbUrl(), config.dbUser(), config.dbPassword())) {
            return new ExportCommand(System.out, System.err).run(args, database, config.blobs());
        }
    }
}
