package io.einvoice.gateway.party;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an import file whatever it is: XLSX (recognised by its ZIP signature), or CSV in UTF-8 (with or without BOM)
 * or Windows-1252, separated by {@code ;} or {@code ,}. In XLSX, formulas give their last computed value (never
 * evaluated here) and a merged cell's value counts for every cell it covers.
 */
public final class SheetReader {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private SheetReader() {
    }

    public static ImportTable read(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("the file is empty");
        }
        if (bytes.length > 3 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) {
            return xlsx(bytes);
        }
        return csv(bytes);
    }

    private static ImportTable csv(byte[] bytes) {
        String format;
        String text;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
            format = "CSV UTF-8 with BOM";
        } else if ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE) || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)) {
            throw new IllegalArgumentException("the file is in UTF-16: save it as CSV UTF-8 or Windows-1252, or as XLSX");
        } else {
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
                format = "CSV UTF-8";
            } catch (CharacterCodingException e) {
                // not UTF-8: spreadsheet programs on Windows write Windows-1252
                text = new String(bytes, WINDOWS_1252);
                format = "CSV Windows-1252";
            }
        }
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the file is not a CSV text file nor an XLSX workbook (it contains binary data)");
        }
        String firstLine = text.lines().findFirst().orElse("");
        char delimiter = count(firstLine, ';') >= count(firstLine, ',') && count(firstLine, ';') > 0 ? ';' : ',';
        CSVFormat csv = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).setTrim(true).get();
        List<String> headers = null;
        List<ImportTable.Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), csv)) {
            for (CSVRecord record : parser) {
                List<String> cells = record.toList();
                if (headers == null) {
                    headers = cells;
                } else if (cells.stream().anyMatch(c -> !c.isBlank())) {
                    rows.add(new ImportTable.Row((int) record.getRecordNumber(), cells));
                }
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw new IllegalArgumentException("the CSV file could not be read: " + e.getMessage());
        }
        if (headers == null) {
            throw new IllegalArgumentException("the file has no header line");
        }
        return new ImportTable(headers, rows, format + ", separator '" + delimiter + "'");
    }

    private static ImportTable xlsx(byte[] bytes) {
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            Sheet sheet = workbook.getSheetAt(0);
            DataFormatter formatter = new DataFormatter(java.util.Locale.ROOT);
            List<String> headers = null;
            List<ImportTable.Row> rows = new ArrayList<>();
            for (int r = sheet.getFirstRowNum(); r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                int width = headers == null ? (row == null ? 0 : Math.max(0, row.getLastCellNum())) : headers.size();
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < width; c++) {
                    cells.add(value(sheet, r, c, formatter));
                }
                if (cells.stream().allMatch(String::isBlank)) {
                    continue;
                }
                if (headers == null) {
                    headers = cells;
                } else {
                    rows.add(new ImportTable.Row(r + 1, cells));
                }
            }
            if (headers == null) {
                throw new IllegalArgumentException("the first sheet of the workbook is empty");
            }
            return new ImportTable(headers, rows, "XLSX");
        } catch (IOException | org.apache.poi.ooxml.POIXMLException | org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException e) {
            throw new IllegalArgumentException("the file looks like a ZIP but is not a readable XLSX workbook: " + e.getMessage());
        }
    }

    /** A cell's text; inside a merged region, the value of the region's first cell. */
    private static String value(Sheet sheet, int r, int c, DataFormatter formatter) {
        for (CellRangeAddress merged : sheet.getMergedRegions()) {
            if (merged.isInRange(r, c)) {
                r = merged.getFirstRow();
                c = merged.getFirstColumn();
                break;
            }
        }
        Row row = sheet.getRow(r);
        Cell cell = row == null ? null : row.getCell(c);
        if (cell == null) {
            return "";
        }
        if (cell.getCellType() == CellType.FORMULA) {
            // the value the spreadsheet program computed and saved; a formula is never evaluated by the gateway
            return switch (cell.getCachedFormulaResultType()) {
                case STRING -> cell.getRichStringCellValue().getString().strip();
                case NUMERIC -> plain(cell.getNumericCellValue());
                case BOOLEAN -> String.valueOf(cell.getBooleanCellValue());
                default -> "";
            };
        }
        if (cell.getCellType() == CellType.NUMERIC && !DateUtil.isCellDateFormatted(cell)) {
            return plain(cell.getNumericCellValue());
        }
        return formatter.formatCellValue(cell).strip();
    }

    /** 73282932000017 stays 73282932000017 (the "General" format would show 7.3283E+13): identifiers are numbers in Excel. */
    private static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static int count(String text, char c) {
        return (int) text.chars().filter(ch -> ch == c).count();
    }
}
