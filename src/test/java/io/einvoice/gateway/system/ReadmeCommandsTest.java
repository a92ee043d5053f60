package io.einvoice.gateway.system;

import io.einvoice.gateway.dispatch.DispatchSettings;
import io.einvoice.gateway.dispatch.chorus.ChorusSettings;
import io.einvoice.gateway.dispatch.chorus.simulator.ChorusSimulator;
import io.einvoice.gateway.dispatch.chorus.simulator.DemoChorus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every {@code curl} command of README.md's {@code ```sh} blocks, run as written (bash, curl, python3 for the
 * README's own {@code KEY=$(...)} lines) against a gateway seeded like {@code ./gateway demo}, with localhost:8080
 * and the operators' localhost:9876 pointed at the test's ports: each must answer 2xx. Variable assignments run too, in order, so later commands see
 * them. Not run: lines that are not curl or an assignment (cp, ./gateway ...), commands with a {@code <placeholder>} or
 * a variable the README never sets, a command whose trailing comment says {@code readme-test: skip}, and a whole block
 * whose fence is preceded by the line {@code <!-- readme-test: skip -->}.
 */
class ReadmeCommandsTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("<[A-Za-z][^<>]*>");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Z_][A-Z0-9_]*)");
    private static final Pattern ASSIGNMENT = Pattern.compile("^([A-Z_][A-Z0-9_]*)=");
    private static final String SKIP = "readme-test: skip";

    @TempDir
    Path dir;

    record Command(String text, boolean curl) {
    }

    @Test
    void everyCurlCommandOfTheReadmeAnswers2xxAsWritten() throws Exception {
        for (String tool : List.of("curl", "python3", "bash")) {
            if (!onPath(tool)) {
                fail(tool + " is not installed: this test runs README.md's commands as written and needs it"
                        + " (Debian: apt-get install " + tool + "); it installs nothing itself");
            }
        }
        List<String> skipped = new ArrayList<>();
        List<Command> commands = commands(Files.readString(Path.of("README.md")), skipped);
        assertThat(commands).filteredOn(Command::curl).as("README curl commands found").hasSizeGreaterThan(5);

        Path home = dir.resolve("data");
        Path work = Files.createDirectories(dir.resolve("work"));
        Files.createSymbolicLink(work.resolve("data"), home);
        Files.createSymbolicLink(work.resolve("samples"), Path.of("samples").toAbsolutePath());
        int port = TestGateway.freePort();
        int management = TestGateway.freePort();
        try (ChorusSimulator chorus = DemoChorus.start(0);
             Gateway gateway = Gateway.create(new GatewayConfig(home, port, GatewayConfig.h2Url(home), "sa", "",
                             GatewayConfig.DEFAULT_MAX_FILE_BYTES, Path.of("routes").toAbsolutePath(), 200,
                             new GatewayConfig.Management("127.0.0.1", management)),
                     ChorusSettings.defaults(chorus.baseUrl(), chorus.tokenUrl()),
                     DispatchSettings.fromEnvironment(System.getenv()), null)) {
            DemoSeeder seeder = new DemoSeeder(gateway.services(), home);
            seeder.seed();
            seeder.seedSales(DemoChorus.CREDENTIALS);
            seeder.addToCredentials("chorus", DemoChorus.describe(chorus));
            gateway.start();

            StringBuilder script = new StringBuilder();
            for (int i = 0; i < commands.size(); i++) {
                Command c = commands.get(i);
                String text = c.text().replace("localhost:8080", "localhost:" + port)
                        .replace("localhost:9876", "localhost:" + management);
                if (c.curl()) {
                    // the only change: curl prints the status after the body, for this test to read
                    text = text.replaceFirst("^curl ", "curl -w '\\\\n@@status " + i + " %{http_code}\\\\n' ");
                }
                script.append(text).append('\n');
            }
            Process bash = new ProcessBuilder("bash", "-c", script.toString()).directory(work.toFile())
                    .redirectErrorStream(true).start();
            String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(bash.waitFor(120, TimeUnit.SECONDS)).as("the README commands finish").isTrue();

            System.out.println("README commands not run: " + (skipped.isEmpty() ? "none" : String.join("\n  ", skipped)));
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < commands.size(); i++) {
                if (!commands.get(i).curl()) {
                    continue;
                }
                Matcher status = Pattern.compile("@@status " + i + " (\\d{3})").matcher(output);
                if (!status.find() || !status.group(1).startsWith("2")) {
                    int at = output.indexOf("@@status " + i + " ");
                    String answer = at < 0 ? "(no answer)" : output.substring(Math.max(0, at - 300), at).strip();
                    failures.add(commands.get(i).text() + "\n    -> " + (status.find(0) ? status.group(1) : "no status")
                            + ": " + answer);
                }
            }
            assertThat(failures).as("README commands that did not answer 2xx").isEmpty();
        }
    }

    /** The runnable commands of the README's sh blocks, in order; what is not run goes to {@code skipped} with why. */
    static List<Command> commands(String readme, List<String> skipped) {
        List<Command> commands = new ArrayList<>();
        Set<String> assigned = new LinkedHashSet<>();
        String[] lines = readme.split("\n", -1);
        String previous = "";
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].strip().equals("```sh")) {
                if (!lines[i].isBlank()) {
                    previous = lines[i].strip();
                }
                continue;
            }
            boolean skipBlock = previous.equals("<!-- " + SKIP + " -->");
            List<String> block = new ArrayList<>();
            for (i++; i < lines.length && !lines[i].strip().equals("```"); i++) {
                block.add(lines[i]);
            }
            for (String command : join(block)) {
                String c = command.strip();
                if (c.isEmpty() || c.startsWith("#")) {
                    continue;
                }
                Matcher assignment = ASSIGNMENT.matcher(c);
                boolean curl = c.startsWith("curl ");
                String why = skipBlock ? "block marked " + SKIP
                        : c.contains(SKIP) ? "marked " + SKIP
                        : !curl && !assignment.find() ? "not a curl command"
                        : PLACEHOLDER.matcher(c).find() ? "has a <placeholder> to fill in"
                        : unset(c, assigned);
                if (why != null) {
                    skipped.add(why + ": " + c.lines().findFirst().orElse(""));
                    continue;
                }
                if (!curl) {
                    assigned.add(assignment.group(1));
                }
                commands.add(new Command(c, curl));
            }
        }
        return commands;
    }

    private static String unset(String command, Set<String> assigned) {
        Matcher variable = VARIABLE.matcher(command);
        while (variable.find()) {
            if (!assigned.contains(variable.group(1))) {
                return "uses $" + variable.group(1) + ", which the README does not set";
            }
        }
        return null;
    }

    /** Shell lines into commands: a line continues after a trailing backslash or inside an open quote. */
    static List<String> join(List<String> lines) {
        List<String> commands = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean single = false;
        boolean dbl = false;
        for (String line : lines) {
            current.append(current.isEmpty() ? "" : "\n").append(line);
            for (int k = 0; k < line.length(); k++) {
                char ch = line.charAt(k);
                if (ch == '\\' && !single) {
                    k++;
                } else if (ch == '\'' && !dbl) {
                    single = !single;
                } else if (ch == '"' && !single) {
                    dbl = !dbl;
                } else if (ch == '#' && !single && !dbl && (k == 0 || Character.isWhitespace(line.charAt(k - 1)))) {
                    break; // a comment: its quotes do not count
                }
            }
            if (!single && !dbl && !line.stripTrailing().endsWith("\\")) {
                commands.add(current.toString());
                current.setLength(0);
            }
        }
        if (!current.isEmpty()) {
            commands.add(current.toString());
        }
        return commands;
    }

    private static boolean onPath(String tool) throws IOException, InterruptedException {
        return new ProcessBuilder("bash", "-c", "command -v " + tool).start().waitFor() == 0;
    }
}
