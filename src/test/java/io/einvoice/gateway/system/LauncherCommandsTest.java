package io.einvoice.gateway.system;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code ./gateway COMMAND} the README tells a user to type is one the launcher script passes on, and its usage
 * text names it: a command missing from the script's case arms only prints the usage and exits 2.
 */
class LauncherCommandsTest {

    private static final Pattern TYPED = Pattern.compile("\\./gateway ([a-z][a-z-]*)");
    private static final Pattern CASE_ARM = Pattern.compile("(?m)^  ([a-z|-]+)\\)$");

    @Test
    void everyCommandTheReadmeTypesIsDispatchedByTheLauncherAndInItsUsage() throws Exception {
        Set<String> typed = new TreeSet<>();
        Matcher m = TYPED.matcher(Files.readString(Path.of("README.md")));
        while (m.find()) {
            typed.add(m.group(1));
        }
        String launcher = Files.readString(Path.of("gateway"));
        Set<String> dispatched = new TreeSet<>();
        Matcher arm = CASE_ARM.matcher(launcher);
        while (arm.find()) {
            dispatched.addAll(Set.of(arm.group(1).split("\\|")));
        }
        String usage = launcher.substring(launcher.indexOf("usage: ./gateway COMMAND"));

        assertThat(typed).as("commands typed in README.md").contains("demo", "test", "export");
        assertThat(dispatched).as("commands the launcher passes on").containsAll(typed);
        assertThat(typed).allSatisfy(command -> assertThat(usage).as("usage text").containsPattern("\\n  " + command + "\\b"));
    }
}
