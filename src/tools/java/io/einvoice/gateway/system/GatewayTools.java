package io.einvoice.gateway.system;

import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.recognition.RecognitionBenchmark;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Entry point of the source tree's tools behind {@code ./gateway}: the demo, the benchmarks, the sample generator and
 * the mail sender of the demo (see {@code ./gateway help} and docs/contract.md). They live in src/tools, compiled after
 * and against the product into target/tools-classes, so that the product ({@link GatewayApp}, the packaged jar) never
 * depends on them.
 */
public final class GatewayTools {

    private GatewayTools() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (command) {
            case "demo" -> {
                try (Demo running = Demo.prepare(System.getenv())) {
                    running.gateway().runUntilStopped();
                }
            }
            case "samples" -> {
                Path dir = Path.of(rest.length > 0 ? rest[0] : "samples");
                SampleInvoices.writeAll(dir);
                System.out.println("samples written to " + dir.toAbsolutePath());
            }
            case "bench" -> {
                // bench [N] [--rounds R]: R rounds of one node then two, alternated (default 1)
                int rounds = 1;
                int count = 500;
                for (int i = 0; i < rest.length; i++) {
                    if (rest[i].equals("--rounds") && i + 1 < rest.length) {
                        rounds = Integer.parseInt(rest[++i]);
                    } else {
                        count = Integer.parseInt(rest[i]);
                    }
                }
                NodesBenchmark.run(count, rounds);
            }
            case "archive" -> {
                if (rest.length == 0 || !rest[0].equals("bench")) {
                    usage(command);
                }
                ArchiveBenchmark.run(count(rest, 1, 10_000), System.out);
            }
            case "parties-bench" -> PartyImportBenchmark.run(count(rest, 0, 10_000));
            case "bench-recognition" -> RecognitionBenchmark.run(rest);
            case "bench-mail" -> MailBenchmark.throughput(count(rest, 0, 1000));
            case "bench-mail-kill" -> MailBenchmark.killAndRestart(count(rest, 0, 200));
            case "bench-kill" -> FolderKillBenchmark.run(count(rest, 0, 500));
            case "bench-nodes" -> {
                // without --kill: the throughput of "bench", under the name it had first
                boolean kill = rest.length > 0 && rest[0].equals("--kill");
                int count = count(rest, kill ? 1 : 0, kill ? 1000 : 500);
                if (kill) {
                    NodesBenchmark.runKill(count);
                } else {
                    NodesBenchmark.run(count, 1);
                }
            }
            case "mail-samples" -> MailSamples.send(rest);
            case "bench-validate" -> System.exit(ValidationBenchmark.run(rest));
            default -> usage(command);
        }
    }

    private static int count(String[] args, int at, int otherwise) {
        return args.length > at ? Integer.parseInt(args[at]) : otherwise;
    }

    private static void usage(String command) {
        System.err.println("unknown tool command '" + command + "'. Tools: demo, samples [DIR], bench [N] [--rounds R],"
                + " archive bench [N], parties-bench [N], bench-recognition [--hard] [DIR], bench-mail [N],"
                + " bench-mail-kill [N], bench-kill [N], bench-nodes [--kill] [N], mail-samples [SIREN] [DIR],"
                + " bench-validate [DIR...]");
        System.exit(2);
    }
}
