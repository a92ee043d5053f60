package io.einvoice.gateway.directory;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DirectoryCsvTest {

    static final String HEADER = "addressingIdentifier;siren;siret;routingIdentifier;addressingSuffix;platformType;directoryLineStatus\n";

    @Test
    void linesOfEveryMeshAreReadWithSemicolonsOrCommasAndABom() {
        String csv = "\uFEFF" + HEADER
                + "732829320;732829320;;;;WK;Enabled\n"
                + "732829320_73282932000025;732829320;73282932000025;;;DFH;Enabled\n"
                + "732829320_73282932000025_SERV-A;732829320;73282932000025;SERV-A;;DFH;Upcoming\n";
        DirectoryCsv.Parsed parsed = DirectoryCsv.parse(csv.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.lines()).extracting(DirectoryLine::specificity).containsExactly(0, 2, 3);
        assertThat(DirectoryCsv.parse(csv.replace(';', ',').getBytes(StandardCharsets.UTF_8)).lines()).hasSize(3);
    }

    @Test
    void everyWrongLineIsNamedWithoutEchoingItAndNothingCounts() {
        String csv = HEADER
                + "732829321;732829321;;;;WK;Enabled\n"
                + "<script>;732829320;;;;PA;Active\n"
                + "732829320_1;732829320;73282932000099;R1;;WK;Enabled\n"
                + "732829320;732829320;;;;WK;Enabled\n"
                + "732829320;732829320;;;;DFH;Enabled\n";
        DirectoryCsv.Parsed parsed = DirectoryCsv.parse(csv.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.problems()).hasSize(4);
        assertThat(parsed.problems().get(0)).startsWith("line 2: siren must be 9 digits");
        assertThat(parsed.problems().get(1)).startsWith("line 3: addressingIdentifier must start")
                .contains("platformType must be WK").contains("directoryLineStatus must be").doesNotContain("<script>");
        assertThat(parsed.problems().get(2)).startsWith("line 4: siret must be 14 digits");
        assertThat(parsed.problems().get(3)).isEqualTo("line 6: addressingIdentifier appears on an earlier line");
    }

    @Test
    void aFileThatIsNotUtf8OrLacksAColumnIsRefusedAsAWhole() {
        byte[] latin1 = (HEADER + "732829320;732829320;;;;WK;Enabled;\u00e9\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(DirectoryCsv.parse(latin1).problems()).containsExactly("the file is not UTF-8 text: save it as CSV UTF-8");
        assertThat(DirectoryCsv.parse("siren;platformType\n732829320;WK\n".getBytes(StandardCharsets.UTF_8)).problems())
                .singleElement().asString().contains("missing: addressingIdentifier, siret");
        assertThat(DirectoryCsv.parse(HEADER.getBytes(StandardCharsets.UTF_8)).problems())
                .containsExactly("the file has no line under its header");
        assertThat(DirectoryCsv.parse(new byte[0]).problems()).singleElement().asString().contains("missing");
    }

    @Test
    void theMostSpecificLineInEffectDecides() {
        DirectoryLine generic = new DirectoryLine("732829320", "732829320", null, null, null, "WK", "Enabled");
        DirectoryLine facility = new DirectoryLine("732829320_73282932000025", "732829320", "73282932000025", null, null,
                "DFH", "Enabled");
        DirectoryLine service = new DirectoryLine("732829320_73282932000025_S1", "732829320", "73282932000025", "S1", null,
                "DFH", "Upcoming");
        List<DirectoryLine> all = List.of(generic, facility, service);
        assertThat(Directory.decide(all, null, null)).contains(generic);
        assertThat(Directory.decide(all, "73282932000017", null)).contains(generic);
        assertThat(Directory.decide(all, "73282932000025", null)).contains(facility);
        assertThat(Directory.decide(all, "73282932000025", "S1")).as("an upcoming line is not in effect").contains(facility);
        assertThat(Directory.decide(List.of(new DirectoryLine("732829320", "732829320", null, null, null, "WK", "Disabled")),
                null, null)).isEqualTo(Optional.empty());
        assertThat(generic.electronicAddress()).isEqualTo("0225:732829320");
    }
}
