package io.einvoice.gateway.document;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Optional;

/** The links between a quarantined document and the document that replayed it (V26 {@code document.replay_of}). */
public class DocumentReplays {

    private final JdbcTemplate jdbc;

    public DocumentReplays(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Call in the transaction that inserts {@code replayId}. */
    public void link(String replayId, String replayedId) {
        jdbc.update("UPDATE document SET replay_of = ? WHERE id = ?", replayedId, replayId);
    }

    /** The document this one replays. */
    public Optional<String> replayOf(String documentId) {
        return jdbc.queryForList("SELECT replay_of FROM document WHERE id = ? AND replay_of IS NOT NULL", String.class,
                documentId).stream().findFirst();
    }

    /** The document that replayed this one. */
    public Optional<String> replayedBy(String documentId) {
        return jdbc.queryForList("SELECT id FROM document WHERE replay_of = ?", String.class, documentId).stream().findFirst();
    }

    /**
     * The first document of the dossier with these bytes that was read (not quarantined): what a replay duplicates. A
     * quarantined earlier copy is not one — it is what is being replayed.
     */
    public Optional<String> firstReadWithContent(String dossierId, String sha256) {
        return jdbc.queryForList("SELECT id FROM document WHERE dossier_id = ? AND original_sha256 = ? AND duplicate_of IS NULL"
                        + " AND status <> ? ORDER BY received_at, id LIMIT 1", String.class, dossierId, sha256,
                        DocumentStatus.QUARANTINED.name())
                .stream().findFirst();
    }
}
