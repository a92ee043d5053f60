package io.einvoice.gateway.document;

import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dossier's work per month of a period: purchase invoices received (when they arrived), approved (when a rule or a
 * person approved them) and exported to the books (when they first left in an accounting export, purchases and
 * sales). Months are those of France (Europe/Paris), as the firm counts them; amounts are totals including VAT.
 */
public class DossierTotals {

    public static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

    public record Count(long count, String amount) {
    }

    public record Month(String month, Count received, Count approved, Count exported) {
    }

    public record Period(String from, String to, List<Month> months, Count received, Count approved, Count exported) {
    }

    private record Row(OffsetDateTime at, BigDecimal amount) {
    }

    private final JdbcTemplate jdbc;

    public DossierTotals(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Period of(String dossierId, YearMonth from, YearMonth to) {
        OffsetDateTime start = from.atDay(1).atStartOfDay(FRANCE).toOffsetDateTime();
        OffsetDateTime end = to.plusMonths(1).atDay(1).atStartOfDay(FRANCE).toOffsetDateTime();
        List<Row> received = jdbc.query("SELECT received_at, total_incl_vat FROM document WHERE dossier_id = ?"
                + " AND direction = 'PURCHASE' AND received_at >= ? AND received_at < ?", this::row, dossierId, start, end);
        // a document counts once, in the month of its first approval (or export) within the period
        List<Row> approved = jdbc.query("SELECT MIN(e.at), d.total_incl_vat FROM document_event e JOIN document d"
                + " ON d.id = e.document_id WHERE d.dossier_id = ? AND e.to_status = ? AND e.at >= ? AND e.at < ?"
                + " GROUP BY d.id, d.total_incl_vat", this::row, dossierId, DocumentStatus.APPROVED.name(), start, end);
        List<Row> exported = jdbc.query("SELECT MIN(e.at), d.total_incl_vat FROM document_event e JOIN document d"
                + " ON d.id = e.document_id WHERE d.dossier_id = ? AND e.type = 'ACCOUNTING_STATUS'"
                + " AND e.details LIKE 'TO_EXPORT -> EXPORTED%' AND e.at >= ? AND e.at < ?"
                + " GROUP BY d.id, d.total_incl_vat", this::row, dossierId, start, end);
        Map<YearMonth, List<List<Row>>> byMonth = new LinkedHashMap<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            byMonth.put(m, List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
        }
        List<List<Row>> kinds = List.of(received, approved, exported);
        for (int k = 0; k < 3; k++) {
            for (Row r : kinds.get(k)) {
                byMonth.get(YearMonth.from(r.at().atZoneSameInstant(FRANCE))).get(k).add(r);
            }
        }
        List<Month> months = byMonth.entrySet().stream().map(e -> new Month(e.getKey().toString(),
                count(e.getValue().get(0)), count(e.getValue().get(1)), count(e.getValue().get(2)))).toList();
        return new Period(from.toString(), to.toString(), months, count(received), count(approved), count(exported));
    }

    private Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Row(rs.getObject(1, OffsetDateTime.class), rs.getBigDecimal(2));
    }

    private static Count count(List<Row> rows) {
        BigDecimal sum = rows.stream().map(Row::amount).filter(a -> a != null).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Count(rows.size(), sum.setScale(2, RoundingMode.HALF_UP).toPlainString());
    }
}
