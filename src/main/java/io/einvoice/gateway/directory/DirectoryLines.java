package io.einvoice.gateway.directory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** The directory lines kept here (table directory_line). */
public class DirectoryLines {

    private static final RowMapper<DirectoryLine> ROW = (rs, n) -> new DirectoryLine(rs.getString("addressing_identifier"),
            rs.getString("siren"), rs.getString("siret"), rs.getString("routing_identifier"),
            rs.getString("addressing_suffix"), rs.getString("platform_type"), rs.getString("line_status"));

    /** The source of lines a directory service answered (CSV: imported by a person). */
    static final String SERVICE = "API";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public DirectoryLines(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    public List<DirectoryLine> ofSiren(String siren) {
        return jdbc.query("SELECT addressing_identifier, siren, siret, routing_identifier, addressing_suffix, platform_type,"
                + " line_status FROM directory_line WHERE siren = ? ORDER BY addressing_identifier", ROW, siren);
    }

    /** A line of the same addressing identifier is replaced: the directory keeps one platform per address at a time. */
    public void save(List<DirectoryLine> lines, String source) {
        OffsetDateTime now = OffsetDateTime.now();
        jdbc.batchUpdate("DELETE FROM directory_line WHERE addressing_identifier = ?",
                lines.stream().map(l -> new Object[]{l.addressingIdentifier()}).toList());
        jdbc.batchUpdate("INSERT INTO directory_line (addressing_identifier, siren, siret, routing_identifier,"
                        + " addressing_suffix, platform_type, line_status, source, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                lines.stream().map(l -> new Object[]{l.addressingIdentifier(), l.siren(), l.siret(), l.routingIdentifier(),
                        l.addressingSuffix(), l.platformType(), l.status(), source, now}).toList());
    }

    /** Whether a person imported lines of this SIREN (they decide; the service's answers do not replace them). */
    public boolean imported(String siren) {
        return !jdbc.queryForList("SELECT 1 FROM directory_line WHERE siren = ? AND source <> ?", Integer.class, siren,
                SERVICE).isEmpty();
    }

    /** When the directory service was last asked about this SIREN (whatever it answered, no line included). */
    public Optional<OffsetDateTime> askedAt(String siren) {
        return jdbc.queryForList("SELECT asked_at FROM directory_lookup WHERE siren = ?", OffsetDateTime.class, siren)
                .stream().findFirst();
    }

    /**
     * The service's answer about a SIREN replaces what it said before, in one transaction. Two dispatches to one new
     * buyer ask about its SIREN at once, on one node or two: the SIREN's lookup row is held first, so the second
     * replacement waits for the first to commit, then replaces its lines. Without that hold both inserted the same
     * lines, and the second failed on the table's key, its dispatch attempt with it.
     */
    public void replaceFromService(String siren, List<DirectoryLine> answer, OffsetDateTime at) {
        transactions.executeWithoutResult(tx -> {
            // ON CONFLICT rather than catching the duplicate key: on PostgreSQL a failed statement aborts the transaction
            jdbc.update("INSERT INTO directory_lookup (siren, asked_at) VALUES (?, ?) ON CONFLICT DO NOTHING", siren, at);
            // the update holds the row (an answer kept meanwhile is waited for) as well as recording when it was asked
            jdbc.update("UPDATE directory_lookup SET asked_at = ? WHERE siren = ?", at, siren);
            jdbc.update("DELETE FROM directory_line WHERE siren = ? AND source = ?", siren, SERVICE);
            save(answer.stream().filter(l -> siren.equals(l.siren())).toList(), SERVICE);
        });
    }
}
