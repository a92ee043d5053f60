package io.einvoice.gateway.party;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SheetReaderTest {

    private static final String TEXT = "Raison sociale;Ville\nÉlectricité Lefèvre;Besançon\n";

    @Test
    void readsUtf8WithAndWithoutBomAndWindows1252() {
        byte[] utf8 = TEXT.getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[utf8.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, bom, 3, utf8.length);
        for (byte[] file : List.of(utf8, bom, TEXT.getBytes(Charset.forName("windows-1252")))) {
            ImportTable table = SheetReader.read(file);
            assertThat(table.headers()).containsExactly("Raison sociale", "Ville");
            assertThat(table.rows().get(0).cells()).containsExactly("Électricité Lefèvre", "Besançon");
            assertThat(table.rows().get(0).line()).isEqualTo(2);
        }
        assertThat(SheetReader.read(bom).detectedFormat()).contains("with BOM");
        assertThat(SheetReader.read(TEXT.getBytes(Charset.forName("windows-1252"))).detectedFormat()).contains("Windows-1252");
    }

    @Test
    void guessesTheSeparatorAndKeepsQuotedSeparators() {
        ImportTable table = SheetReader.read("company name,city\n\"Dupont, Fils & Cie\",Paris\n\n".getBytes(StandardCharsets.UTF_8));
        assertThat(table.headers()).containsExactly("company name", "city");
        assertThat(table.rows()).hasSize(1);
        assertThat(table.rows().get(0).cells()).containsExactly("Dupont, Fils & Cie", "Paris");
        assertThat(table.detectedFormat()).contains("','");
    }

    @Test
    void refusesUtf16BinaryAndEmptyFilesWithAReason() {
        assertThatThrownBy(() -> SheetReader.read(TEXT.getBytes(StandardCharsets.UTF_16)))
                .hasMessageContaining("UTF-16");
        assertThatThrownBy(() -> SheetReader.read(new byte[] {1, 0, 2, 0, 3}))
                .hasMessageContaining("binary");
        assertThatThrownBy(() -> SheetReader.read(new byte[0])).hasMessageContaining("empty");
        assertThatThrownBy(() -> SheetReader.read(new byte[] {'P', 'K', 3, 4, 9, 9, 9}))
                .hasMessageContaining("not a readable XLSX");
    }

    @Test
    void xlsxGivesFormulaResultsAndMergedValuesAndPlainIdentifiers() throws Exception {
        ImportTable table = SheetReader.read(workbookWithFormulasAndMergedCells());
        assertThat(table.detectedFormat()).isEqualTo("XLSX");
        assertThat(table.headers()).containsExactly("Raison sociale", "SIRET", "Ville");
        assertThat(table.rows()).extracting(ImportTable.Row::line).containsExactly(2, 3);
        assertThat(table.rows().get(0).cells()).containsExactly("ALPHA SARL", "73282932000017", "Lyon");
        // the merged "Ville" cell covers both rows
        assertThat(table.rows().get(1).cells()).containsExactly("Beta", "55210055400013", "Lyon");
    }

    @Test
    void exportNeutralisesFormulasAndTheTemplateHeadersAreRecognised() throws Exception {
        assertThat(PartyExport.neutralise("=HYPERLINK(\"http://evil\")")).isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(PartyExport.neutralise("+33 1 23")).isEqualTo("'+33 1 23");
        assertThat(PartyExport.neutralise("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(PartyExport.neutralise("Dupont")).isEqualTo("Dupont");
        for (String header : PartyColumn.headers()) {
            assertThat(PartyColumn.guess(header)).as(header).isPresent();
        }
        assertThat(PartyColumn.guess("Company Name")).contains(PartyColumn.COMPANY_NAME);
        assertThat(PartyColumn.guess("N° TVA")).contains(PartyColumn.VAT_NUMBER);
        assertThat(PartyColumn.guess("Zip code")).contains(PartyColumn.POSTCODE);
        assertThat(PartyColumn.guess("Couleur")).isEmpty();

        Party evil = PartyFields.apply(PartyFields.blank("id", "d", PartyRole.SUPPLIER, "FOUR-001"),
                new PartyInput(null, null, "=cmd|'/c calc'!A1", null, null, null, null, null, null, null, null, null, null,
                        null, null, null, null, null, null, null, null));
        String csv = new String(PartyExport.write(List.of(evil), java.util.Map.of(), PartyExport.Format.CSV), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFNuméro;Type;Raison sociale").contains("'=cmd|");
        try (XSSFWorkbook xlsx = new XSSFWorkbook(new ByteArrayInputStream(PartyExport.write(List.of(evil), java.util.Map.of(), PartyExport.Format.XLSX)))) {
            var cell = xlsx.getSheetAt(0).getRow(1).getCell(2);
            assertThat(cell.getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.STRING);
            assertThat(cell.getStringCellValue()).isEqualTo("'=cmd|'/c calc'!A1");
        }
    }

    static byte[] workbookWithFormulasAndMergedCells() throws Exception {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet("Fournisseurs");
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("Raison sociale");
            header.createCell(1).setCellValue("SIRET");
            header.createCell(2).setCellValue("Ville");
            Row first = sheet.createRow(1);
            first.createCell(0).setCellFormula("UPPER(\"alpha\")&\" SARL\"");
            first.createCell(1).setCellValue(73282932000017d);
            first.createCell(2).setCellValue("Lyon");
            Row second = sheet.createRow(2);
            second.createCell(0).setCellValue("Beta");
            second.createCell(1).setCellFormula("55210055400000+13");
            sheet.addMergedRegion(new CellRangeAddress(1, 2, 2, 2));
            sheet.createRow(4); // an empty row at the end is skipped
            // what Excel does on save: the formulas' results are stored beside them
            workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        }
    }
}
