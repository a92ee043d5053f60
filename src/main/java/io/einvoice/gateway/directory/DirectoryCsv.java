package io.einvoice.gateway.directory;

import io.einvoice.gateway.dossier.Siren;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads directory lines from a CSV file (UTF-8, {@code ;} or {@code ,}) whose header names the Directory Service's
 * fields: {@code addressingIdentifier;siren;siret;routingIdentifier;addressingSuffix;platformType;directoryLineStatus}.
 * Every line is checked; the problems name the line, never echo its content.
 */
public final class DirectoryCsv {

    static final int MAX_LINES = 200_000;
    static final int MAX_PROBLEMS = 100;
    static final List<String> COLUMNS = List.of("addressingIdentifier", "siren", "siret", "routingIdentifier",
            "addressingSuffix", "platformType", "directoryLineStatus");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_.-]{9,125}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final Set<String> PLATFORMS = Set.of("WK", "DFH");
    private static final Set<String> STATUSES = Set.of("Enabled", "Disabled", "Upcoming");

    /** @param problems "line N: ..." sentences, at most {@link #MAX_PROBLEMS}; the lines only count when there are none */
    public record Parsed(List<DirectoryLine> lines, List<String> problems) {
    }

    private DirectoryCsv() {
    }

    public static Parsed parse(byte[] file) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file)).toString();
        } catch (CharacterCodingException e) {
            return new Parsed(List.of(), List.of("the file is not UTF-8 text: save it as CSV UTF-8"));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String firstLine = text.lines().findFirst().orElse("");
        char separator = firstLine.contains(";") ? ';' : ',';
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(separator).setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get();
        List<DirectoryLine> lines = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
            List<String> missing = COLUMNS.stream().filter(c -> !parser.getHeaderMap().containsKey(c)).toList();
            if (!missing.isEmpty()) {
                return new Parsed(List.of(), List.of("the header must name the columns " + String.join(";", COLUMNS)
                        + "; missing: " + String.join(", ", missing)));
            }
            Set<String> seen = new HashSet<>();
            for (CSVRecord record : parser) {
                long n = record.getRecordNumber() + 1;
                if (lines.size() + problems.size() >= MAX_LINES) {
                    return new Parsed(List.of(), List.of("more than " + MAX_LINES + " lines: split the file"));
                }
                List<String> wrong = new ArrayList<>();
                DirectoryLine line = line(record, wrong);
                if (line != null && !seen.add(line.addressingIdentifier())) {
                    wrong.add("addressingIdentifier appears on an earlier line");
                }
                if (wrong.isEmpty()) {
                    lines.add(line);
                } else if (problems.size() < MAX_PROBLEMS) {
                    problems.add("line " + n + ": " + String.join("; ", wrong));
                }
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            return new Parsed(List.of(), List.of("the file is not readable CSV (check quotes and separators)"));
        }
        if (lines.isEmpty() && problems.isEmpty()) {
            problems.add("the file has no line under its header");
        }
        return new Parsed(lines, problems);
    }

    private static DirectoryLine line(CSVRecord r, List<String> wrong) {
        return checked(value(r, "addressingIdentifier"), value(r, "siren"), value(r, "siret"), value(r, "routingIdentifier"),
                value(r, "addressingSuffix"), value(r, "platformType"), value(r, "directoryLineStatus"), wrong);
    }

    /**
     * One line from its Directory Service fields (a CSV row, or a line a directory API answered), checked field by
     * field; null with the problems added to {@code wrong}, in sentences that never repeat the values.
     */
    public static DirectoryLine checked(String id, String siren, String siret, String routing, String suffix,
                                        String platform, String status, List<String> wrong) {
        if (siren == null || Siren.problemWith(siren) != null) {
            wrong.add("siren must be 9 digits with a valid check digit");
        }
        if (siret != null && !(Siren.isValidSiret(siret) && siren != null && siret.startsWith(siren))) {
            wrong.add("siret must be 14 digits starting with the siren, with a valid check digit");
        }
        if (routing != null && (siret == null || !CODE.matcher(routing).matches())) {
            wrong.add("routingIdentifier needs a siret and at most 100 letters, digits, '.', '_' or '-'");
        }
        if (suffix != null && !CODE.matcher(suffix).matches()) {
            wrong.add("addressingSuffix is at most 100 letters, digits, '.', '_' or '-'");
        }
        if (id == null || !IDENTIFIER.matcher(id).matches() || (siren != null && !id.startsWith(siren))) {
            wrong.add("addressingIdentifier must start with the siren (SIREN, SIREN_SIRET, SIREN_SIRET_CODE or SIREN_SUFFIX),"
                    + " 9 to 125 letters, digits, '.', '_' or '-'");
        }
        if (platform == null || !PLATFORMS.contains(platform)) {
            wrong.add("platformType must be WK (a certified platform) or DFH (the State's platform)");
        }
        if (status == null || !STATUSES.contains(status)) {
            wrong.add("directoryLineStatus must be Enabled, Disabled or Upcoming");
        }
        return wrong.isEmpty() ? new DirectoryLine(id, siren, siret, routing, suffix, platform, status) : null;
    }

    private static String value(CSVRecord r, String column) {
        String v = r.isMapped(column) && r.isSet(column) ? r.get(column) : null;
        return v == null || v.isBlank() ? null : v.strip();
    }
}
