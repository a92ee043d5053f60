package io.einvoice.gateway.party;

import java.util.List;

/** A table read from a CSV or XLSX file: its header row and data rows, each with its line number in the file. */
public record ImportTable(List<String> headers, List<Row> rows, String detectedFormat) {

    public record Row(int line, List<String> cells) {
        public String cell(int index) {
            return index < cells.size() ? cells.get(index) : null;
        }
    }
}
