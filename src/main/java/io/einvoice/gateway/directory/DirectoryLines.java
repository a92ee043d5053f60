package io.einvoice.gateway.directory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.time.OffsetDateTime;
import java.util.List;

/** The directory lines kept here (table directory_line). */
public class DirectoryLines {

    private static final RowMapper<DirectoryLine> ROW = (rs, n) -> new DirectoryLine(rs.getString("addressing_identifier"),
            rs.getString("siren"), rs.getString("siret"), rs.getString("routing_identifier"),
            rs.getString("addressing_suffix"), rs.getString("platform_type"), rs.getString("line_status"));

    private final JdbcTemplate jdbc;

    public DirectoryLines(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
}
