package io.einvoice.gateway.recognition;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The hard scan bench: its README command as written, its options, its aside split. */
class ScanBenchTest {

    private static final String COMMAND = "./gateway bench-recognition --hard --sources 2 --per-source 1";

    @Test
    void theReadmeCommandOnATinySetPrintsThePerFieldTableForBothSplits() throws Exception {
        Path corpus = Path.of(System.getenv().getOrDefault("GATEWAY_CORPUS", "../shared/corpus"));
        assumeTrue(Files.isDirectory(corpus), "no test corpus at " + corpus);
        String line = Files.readAllLines(Path.of("README.md")).stream().map(String::strip).filter(l -> l.startsWith(COMMAND))
                .findFirst().orElseThrow(() -> new AssertionError("README.md has no line starting with " + COMMAND));
        String[] args = Arrays.stream(line.replaceFirst("\\s+#.*$", "").split("\\s+")).skip(2).toArray(String[]::new);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        ScanBench.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("hard scan bench: 2 invoices", ScanBench.HEADER, "per variant", "per-field confusion",
                "20 worst pages");
        String table = out.substring(out.indexOf(ScanBench.HEADER));
        assertThat(table.lines().skip(1).findFirst().orElse("")).contains("field", "aside", "tuning", "all");
        for (Field f : ScanBench.FIELDS) {
            assertThat(table).containsPattern("(?m)^" + f.json() + "\\s+");
        }
        assertThat(table).containsPattern("(?m)^pages\\s+\\d+\\s+\\d+\\s+2$");
    }

    @Test
    void unknownOptionsAndVariantsAreRefusedByName() {
        assertThatThrownBy(() -> ScanBench.Options.parse(new String[] {"--hard", "--variants", "grey-300,sepia"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unknown variant 'sepia'; variants: grey-150,");
        assertThatThrownBy(() -> ScanBench.Options.parse(new String[] {"--hard", "--sources", "0"}))
                .hasMessage("--sources must be at least 1");
        assertThatThrownBy(() -> ScanBench.Options.parse(new String[] {"--hard", "--per-source"}))
                .hasMessage("--per-source needs a value");
        assertThatThrownBy(() -> ScanBench.Options.parse(new String[] {"--fast"})).hasMessage("unknown option --fast");
    }

    @Test
    void perSourceIsBoundedByTheVariantsChosen() {
        ScanBench.Options o = ScanBench.Options.parse(new String[] {"--hard", "--per-source", "9", "--variants", "bw-200,photo", "out"});
        assertThat(o.perSource()).isEqualTo(2);
        assertThat(o.variants()).containsExactly(ScanVariant.BW_200, ScanVariant.PHOTO);
        assertThat(o.dir()).isEqualTo(Path.of("out"));
    }

    @Test
    void asideRunsTheUnseenPartAlone() {
        assertThat(ScanBench.Options.parse(new String[] {"--hard", "--aside"}).asideOnly()).isTrue();
        assertThat(ScanBench.Options.parse(new String[] {"--hard"}).asideOnly()).isFalse();
    }

    @Test
    void theReportGivesEachFieldPerResolution() {
        ObjectNode expected = JsonNodeFactory.instance.objectNode().put("number", "F1").put("issueDate", "2025-01-02");
        ScanBench.Source aside = new ScanBench.Source("a", new byte[0], expected, true);
        ScanBench.Source tuning = new ScanBench.Source("t", new byte[0], expected, false);
        List<ScanBench.Page> pages = List.of(
                page(aside, ScanVariant.GREY_150, ScanBench.Verdict.RIGHT, ScanBench.Verdict.MISREAD),
                page(aside, ScanVariant.PHOTO, ScanBench.Verdict.RIGHT, ScanBench.Verdict.RIGHT),
                page(tuning, ScanVariant.GREY_300, ScanBench.Verdict.MISSING, ScanBench.Verdict.RIGHT));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        ScanBench.report(pages, List.of(ScanVariant.values()), new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String out = bytes.toString(StandardCharsets.UTF_8);
        String aside150 = out.substring(out.indexOf("per field and resolution (aside)"));
        assertThat(aside150.lines().skip(1).findFirst().orElse("")).containsPattern("field\\s+150 dpi\\s+200 dpi\\s+300 dpi");
        assertThat(aside150).containsPattern("(?m)^number\\s+100\\.0 % \\(1/1\\)\\s+100\\.0 % \\(1/1\\)\\s+-$");
        assertThat(aside150).containsPattern("(?m)^issueDate\\s+0\\.0 % \\(0/1\\)\\s+100\\.0 % \\(1/1\\)\\s+-$");
        String all = out.substring(out.indexOf("per field and resolution (all)"));
        assertThat(all).containsPattern("(?m)^overall\\s+50\\.0 % \\(1/2\\)\\s+100\\.0 % \\(2/2\\)\\s+50\\.0 % \\(1/2\\)$");
    }

    private static ScanBench.Page page(ScanBench.Source source, ScanVariant variant, ScanBench.Verdict number, ScanBench.Verdict date) {
        Map<Field, ScanBench.Verdict> verdicts = new EnumMap<>(Field.class);
        verdicts.put(Field.NUMBER, number);
        verdicts.put(Field.ISSUE_DATE, date);
        return new ScanBench.Page(source, variant, new EnumMap<>(Field.class), verdicts, null);
    }

    @Test
    void aboutTwoInvoicesInFiveAreKeptAsideAndAlwaysTheSameOnes() {
        long aside = IntStream.range(0, 2000).mapToObj(i -> "F2025" + i).filter(ScanBench::aside).count();
        assertThat(aside).isBetween(700L, 900L);
        assertThat(ScanBench.aside("F202500004")).isEqualTo(ScanBench.aside(" F202500004 "));
    }
}
