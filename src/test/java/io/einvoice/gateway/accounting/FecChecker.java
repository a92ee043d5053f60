package io.einvoice.gateway.accounting;

import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a FEC checker (such as the DGFiP's Test Compta Demat) verifies of a file, independently of how we write it:
 * the name, the encoding its media type declares, the 18 columns in order, dates AAAAMMJJ, amounts, and each
 * EcritureNum balanced. Returns the problems found; none means accepted.
 */
public final class FecChecker {

    private static final List<String> COLUMNS = List.of("JournalCode", "JournalLib", "EcritureNum", "EcritureDate",
            "CompteNum", "CompteLib", "CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit",
            "EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise");
    private static final Pattern NAME = Pattern.compile("\\d{9}FEC\\d{8}\\.txt");
    private static final Pattern AMOUNT = Pattern.compile("-?\\d+(,\\d{1,2})?");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);

    private FecChecker() {
    }

    public static List<String> check(String fileName, String charsetName, byte[] content) {
        List<String> problems = new ArrayList<>();
        if (!NAME.matcher(fileName).matches()) {
            problems.add("file name " + fileName + " is not SIRENFECAAAAMMJJ.txt");
        }
        String text;
        try {
            text = Charset.forName(charsetName).newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            problems.add("the file is not valid " + charsetName);
            return problems;
        }
        String[] lines = text.split("\r\n|\n", -1);
        String separator = lines[0].contains("\t") ? "\t" : "|";
        List<String> header = List.of(lines[0].split(Pattern.quote(separator), -1));
        if (!header.equals(COLUMNS)) {
            problems.add("header is " + header);
        }
        Map<String, BigDecimal> balance = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty() && i == lines.length - 1) {
                continue;
            }
            String[] f = lines[i].split(Pattern.quote(separator), -1);
            if (f.length != 18) {
                problems.add("line " + (i + 1) + " has " + f.length + " fields");
                continue;
            }
            for (int d : new int[]{3, 9, 15}) {
                try {
                    LocalDate.parse(f[d], DAY);
                } catch (DateTimeParseException e) {
                    problems.add("line " + (i + 1) + " " + COLUMNS.get(d) + " '" + f[d] + "' is not AAAAMMJJ");
                }
            }
            if (!AMOUNT.matcher(f[11]).matches() || !AMOUNT.matcher(f[12]).matches()) {
                problems.add("line " + (i + 1) + " amounts are not numbers with a comma: " + f[11] + " " + f[12]);
                continue;
            }
            if (f[0].isEmpty() || f[2].isEmpty() || f[4].isEmpty() || f[8].isEmpty()) {
                problems.add("line " + (i + 1) + " lacks a mandatory field");
            }
            BigDecimal debit = new BigDecimal(f[11].replace(',', '.'));
            BigDecimal credit = new BigDecimal(f[12].replace(',', '.'));
            balance.merge(f[0] + "/" + f[2], debit.subtract(credit), BigDecimal::add);
        }
        balance.forEach((entry, rest) -> {
            if (rest.signum() != 0) {
                problems.add("entry " + entry + " is not balanced by " + rest);
            }
        });
        if (balance.isEmpty()) {
            problems.add("no entry");
        }
        return problems;
    }
}
