package io.einvoice.gateway.party;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes parties as CSV (UTF-8 with BOM, {@code ;}, as French Excel opens it) or XLSX, with the template's French
 * headers, which the import recognises. A value that a spreadsheet would take for a formula (starting with = + - @,
 * tab or carriage return) is written with a leading apostrophe, so opening an export never runs anything.
 */
public final class PartyExport {

    private PartyExport() {
    }

    public enum Format { CSV, XLSX }

    /** @param confirmedIbans the confirmed IBANs of each supplier, by party id */
    public static byte[] write(List<Party> parties, Map<String, List<String>> confirmedIbans, Format format) {
        List<List<String>> rows = new ArrayList<>();
        for (Party p : parties) {
            rows.add(PartyColumn.valuesOf(p, confirmedIbans.getOrDefault(p.id(), List.of())));
        }
        return writeTable("parties", PartyColumn.headers(), rows, format);
    }

    /** Any table written the same way (the dossiers' import template and export): values neutralised, text cells. */
    public static byte[] writeTable(String sheetName, List<String> headers, List<List<String>> rows, Format format) {
        List<List<String>> safe = rows.stream().map(row -> row.stream().map(PartyExport::neutralise).toList()).toList();
        return format == Format.CSV ? csv(headers, safe) : xlsx(sheetName, headers, safe);
    }

    static String neutralise(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }

    private static byte[] csv(List<String> headers, List<List<String>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setDelimiter(';').get())) {
            printer.printRecord(headers);
            for (List<String> row : rows) {
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] xlsx(String sheetName, List<String> headers, List<List<String>> rows) {
        // streaming workbook: 10,000 rows stay out of the heap
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
            Sheet sheet = workbook.createSheet(sheetName);
            writeRow(sheet.createRow(0), headers);
            for (int i = 0; i < rows.size(); i++) {
                writeRow(sheet.createRow(i + 1), rows.get(i));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeRow(Row row, List<String> values) {
        for (int c = 0; c < values.size(); c++) {
            if (values.get(c) != null) {
                // always a text cell: setCellValue(String) never creates a formula
                row.createCell(c).setCellValue(values.get(c));
            }
        }
    }
}
