package io.einvoice.gateway.archive;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/** Archive entries and the per-dossier chain heads. Entries are only ever inserted (the database refuses the rest). */
public class ArchiveRepository {

    private static final String ENTRY_COLUMNS = "e.dossier_id, s.siren, e.seq, e.document_id, e.original_sha256,"
            + " e.facturx_sha256, e.report_sha256, e.metadata_json, e.metadata_sha256, e.previous_hash, e.entry_hash,"
            + " e.archived_at, e.retain_until, e.actor";
    private static final String FROM_ENTRIES = " FROM archive_entry e JOIN dossier s ON s.id = e.dossier_id";
    private static final RowMapper<ArchiveEntry> ENTRY = ArchiveRepository::entry;

    private final JdbcTemplate jdbc;

    public ArchiveRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The end of a dossier's chain: how many entries it has and the hash of the last one. */
    public record Head(long lastSeq, String lastHash) {
        static final Head EMPTY = new Head(0, ArchiveEntry.GENESIS);
    }

    /**
     * Locks the dossier's chain head until the current transaction ends (creating it for a first entry), so that one
     * append at a time per dossier reads and moves it.
     */
    public Head lockHead(String dossierId) {
        Optional<Head> head = lockedHead(dossierId);
        if (head.isPresent()) {
            return head.get();
        }
        // the dossier's first entry: its chain's head is created here, by whichever append comes first
        jdbc.update("INSERT INTO archive_chain (dossier_id, last_seq, last_hash) VALUES (?, 0, ?) ON CONFLICT DO NOTHING",
                dossierId, ArchiveEntry.GENESIS);
        return lockedHead(dossierId).orElseThrow();
    }

    private Optional<Head> lockedHead(String dossierId) {
        return jdbc.query("SELECT last_seq, last_hash FROM archive_chain WHERE dossier_id = ? FOR UPDATE",
                (rs, n) -> new Head(rs.getLong("last_seq"), rs.getString("last_hash")), dossierId).stream().findFirst();
    }

    public Head head(String dossierId) {
        return jdbc.query("SELECT last_seq, last_hash FROM archive_chain WHERE dossier_id = ?",
                (rs, n) -> new Head(rs.getLong("last_seq"), rs.getString("last_hash")), dossierId)
                .stream().findFirst().orElse(Head.EMPTY);
    }

    public void append(ArchiveEntry e) {
        jdbc.update("INSERT INTO archive_entry (dossier_id, seq, document_id, original_sha256, facturx_sha256, report_sha256,"
                        + " metadata_json, metadata_sha256, previous_hash, entry_hash, archived_at, retain_until, actor)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.dossierId(), e.seq(), e.documentId(), e.originalSha256(), e.facturxSha256(), e.reportSha256(),
                e.metadataJson(), e.metadataSha256(), e.previousHash(), e.entryHash(),
                OffsetDateTime.ofInstant(e.archivedAt(), ZoneOffset.UTC), e.retainUntil(), e.actor());
        jdbc.update("UPDATE archive_chain SET last_seq = ?, last_hash = ? WHERE dossier_id = ?",
                e.seq(), e.entryHash(), e.dossierId());
    }

    /** The last entry archived before {@code time}: what an export starting then chains on to. */
    public Optional<ArchiveEntry> lastBefore(String dossierId, OffsetDateTime time) {
        return jdbc.query("SELECT " + ENTRY_COLUMNS + FROM_ENTRIES + " WHERE e.dossier_id = ? AND e.archived_at < ?"
                + " ORDER BY e.seq DESC LIMIT 1", ENTRY, dossierId, time).stream().findFirst();
    }

    public Optional<ArchiveEntry> findByDocument(String documentId) {
        return jdbc.query("SELECT " + ENTRY_COLUMNS + FROM_ENTRIES + " WHERE e.document_id = ?", ENTRY, documentId)
                .stream().findFirst();
    }

    public Optional<ArchiveEntry> find(String dossierId, long seq) {
        return jdbc.query("SELECT " + ENTRY_COLUMNS + FROM_ENTRIES + " WHERE e.dossier_id = ? AND e.seq = ?",
                ENTRY, dossierId, seq).stream().findFirst();
    }

    /** Dossier ids that have a chain, in a stable order. */
    public List<String> dossiersWithChains() {
        return jdbc.queryForList("SELECT c.dossier_id FROM archive_chain c JOIN dossier s ON s.id = c.dossier_id"
                + " ORDER BY s.siren", String.class);
    }

    public long count(String dossierId) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM archive_entry WHERE dossier_id = ?", Long.class, dossierId);
        return n == null ? 0 : n;
    }

    /** Streams a dossier's entries in chain order, archived in [from, to) when bounds are given. */
    public void forEach(String dossierId, OffsetDateTime from, OffsetDateTime to, Consumer<ArchiveEntry> action) {
        StringBuilder sql = new StringBuilder("SELECT " + ENTRY_COLUMNS + FROM_ENTRIES + " WHERE e.dossier_id = ?");
        List<Object> args = new ArrayList<>(List.of(dossierId));
        if (from != null) {
            sql.append(" AND e.archived_at >= ?");
            args.add(from);
        }
        if (to != null) {
            sql.append(" AND e.archived_at < ?");
            args.add(to);
        }
        sql.append(" ORDER BY e.seq");
        jdbc.query(sql.toString(), rs -> {
            action.accept(entry(rs, 0));
        }, args.toArray());
    }

    public record Page(long total, List<ArchiveEntry> entries) {
    }

    public Page search(String dossierId, ArchiveQuery q) {
        StringBuilder where = new StringBuilder(" FROM archive_entry e JOIN dossier s ON s.id = e.dossier_id"
                + " JOIN document d ON d.id = e.document_id WHERE e.dossier_id = ?");
        List<Object> args = new ArrayList<>(List.of(dossierId));
        if (q.text() != null) {
            where.append(" AND LOWER(d.number) LIKE ? ESCAPE '!'");
            args.add(contains(q.text()));
        }
        if (q.party() != null) {
            where.append(" AND (LOWER(d.seller_name) LIKE ? ESCAPE '!' OR LOWER(d.buyer_name) LIKE ? ESCAPE '!'"
                    + " OR d.seller_siren = ? OR d.buyer_siren = ? OR d.seller_vat = ? OR d.buyer_vat = ?)");
            String like = contains(q.party());
            String exact = q.party().trim().toUpperCase(Locale.ROOT);
            args.addAll(List.of(like, like, exact, exact, exact, exact));
        }
        range(where, args, "d.issue_date", q.issuedFrom(), q.issuedTo());
        if (q.archivedFrom() != null) {
            where.append(" AND e.archived_at >= ?");
            args.add(q.archivedFrom().atStartOfDay().atOffset(ZoneOffset.UTC));
        }
        if (q.archivedTo() != null) {
            where.append(" AND e.archived_at < ?");
            args.add(q.archivedTo().plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
        }
        range(where, args, "d.total_incl_vat", q.minAmount(), q.maxAmount());
        equal(where, args, "d.direction", q.direction());
        equal(where, args, "d.payment_status", q.paymentStatus());
        equal(where, args, "d.accounting_status", q.accountingStatus());
        Long total = jdbc.queryForObject("SELECT COUNT(*)" + where, Long.class, args.toArray());
        args.add(q.limit());
        args.add(q.offset());
        List<ArchiveEntry> entries = jdbc.query("SELECT " + ENTRY_COLUMNS + where + " ORDER BY e.seq DESC LIMIT ? OFFSET ?",
                ENTRY, args.toArray());
        return new Page(total == null ? 0 : total, entries);
    }

    private static void range(StringBuilder where, List<Object> args, String column, Object from, Object to) {
        if (from != null) {
            where.append(" AND ").append(column).append(" >= ?");
            args.add(from);
        }
        if (to != null) {
            where.append(" AND ").append(column).append(" <= ?");
            args.add(to);
        }
    }

    private static void equal(StringBuilder where, List<Object> args, String column, Enum<?> value) {
        if (value != null) {
            where.append(" AND ").append(column).append(" = ?");
            args.add(value.name());
        }
    }

    /** A LIKE pattern for "contains", with the user's % and _ taken literally. */
    private static String contains(String text) {
        String escaped = text.trim().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return "%" + escaped + "%";
    }

    private static ArchiveEntry entry(ResultSet rs, int row) throws SQLException {
        return new ArchiveEntry(rs.getString("dossier_id"), rs.getString("siren"), rs.getLong("seq"),
                rs.getString("document_id"), rs.getString("original_sha256"), rs.getString("facturx_sha256"),
                rs.getString("report_sha256"), rs.getString("metadata_json"), rs.getString("metadata_sha256"),
                rs.getString("previous_hash"), rs.getString("entry_hash"),
                rs.getObject("archived_at", OffsetDateTime.class).toInstant(), rs.getObject("retain_until", LocalDate.class),
                rs.getString("actor"));
    }
}
