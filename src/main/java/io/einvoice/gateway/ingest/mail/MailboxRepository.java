package io.einvoice.gateway.ingest.mail;

import io.einvoice.gateway.document.Direction;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Mailbox settings, and the ledger of mails already stored (mailbox + UIDVALIDITY + UID). */
public class MailboxRepository {

    private static final String COLUMNS = "id, firm_id, dossier_id, direction, protocol, host, port, username,"
            + " password_secret, folder, processed_folder, domain, poll_millis, batch_size, enabled, updated_at, auth_kind,"
            + " oauth_tenant_id, oauth_client_id";

    private static final RowMapper<Mailbox> MAILBOX = (rs, n) -> new Mailbox(rs.getString("id"), rs.getString("firm_id"),
            rs.getString("dossier_id"), Direction.valueOf(rs.getString("direction")),
            MailProtocol.valueOf(rs.getString("protocol")), rs.getString("host"), rs.getInt("port"),
            rs.getString("username"), rs.getString("password_secret"), rs.getString("folder"),
            rs.getString("processed_folder"), rs.getString("domain"), rs.getLong("poll_millis"), rs.getInt("batch_size"),
            rs.getBoolean("enabled"), rs.getObject("updated_at", OffsetDateTime.class),
            MailAuth.valueOf(rs.getString("auth_kind")), rs.getString("oauth_tenant_id"), rs.getString("oauth_client_id"));

    private final JdbcTemplate jdbc;

    public MailboxRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Mailbox> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM mailbox ORDER BY id", MAILBOX);
    }

    public Optional<Mailbox> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM mailbox WHERE id = ?", MAILBOX, id).stream().findFirst();
    }

    public List<Mailbox> ofDossier(String dossierId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM mailbox WHERE dossier_id = ? ORDER BY id", MAILBOX, dossierId);
    }

    public Optional<Mailbox> catchAllOf(String firmId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM mailbox WHERE firm_id = ? AND dossier_id IS NULL", MAILBOX, firmId)
                .stream().findFirst();
    }

    public void save(Mailbox m) {
        int updated = jdbc.update("UPDATE mailbox SET direction = ?, protocol = ?, host = ?, port = ?, username = ?,"
                        + " password_secret = ?, folder = ?, processed_folder = ?, domain = ?, poll_millis = ?,"
                        + " batch_size = ?, enabled = ?, updated_at = ?, auth_kind = ?, oauth_tenant_id = ?,"
                        + " oauth_client_id = ? WHERE id = ?",
                m.direction().name(), m.protocol().name(), m.host(), m.port(), m.username(), m.passwordSecret(),
                m.folder(), m.processedFolder(), m.domain(), m.pollMillis(), m.batchSize(), m.enabled(), m.updatedAt(),
                m.auth().name(), m.oauthTenantId(), m.oauthClientId(), m.id());
        if (updated == 0) {
            jdbc.update("INSERT INTO mailbox (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    m.id(), m.firmId(), m.dossierId(), m.direction().name(), m.protocol().name(), m.host(), m.port(),
                    m.username(), m.passwordSecret(), m.folder(), m.processedFolder(), m.domain(), m.pollMillis(),
                    m.batchSize(), m.enabled(), m.updatedAt(), m.auth().name(), m.oauthTenantId(), m.oauthClientId());
        }
    }

    public void delete(String id) {
        jdbc.update("DELETE FROM mail_message WHERE mailbox_id = ?", id);
        jdbc.update("DELETE FROM mailbox WHERE id = ?", id);
    }

    public boolean alreadyStored(String mailboxId, String uidValidity, String uid) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM mail_message WHERE mailbox_id = ? AND uid_validity = ? AND uid = ?",
                Integer.class, mailboxId, uidValidity, uid);
        return n != null && n > 0;
    }

    /** Called inside the transaction that commits the mail's documents: both are stored, or neither. */
    public void recordStored(String mailboxId, String uidValidity, String uid, String messageId, String emlSha256,
                             int documents) {
        jdbc.update("INSERT INTO mail_message (mailbox_id, uid_validity, uid, message_id, eml_sha256, documents, stored_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)", mailboxId, uidValidity, uid,
                messageId == null ? null : messageId.substring(0, Math.min(messageId.length(), 1000)), emlSha256,
                documents, OffsetDateTime.now());
    }

    /** Why the mailbox's polls fail, since when and how many in a row; none when the last poll succeeded. */
    public record PollProblem(String sentence, OffsetDateTime lastFailureAt, int failures) {
    }

    /** One more failed poll, worded by us (never the server's words: it is shown to API callers). */
    public void recordPollFailure(String mailboxId, String sentence, OffsetDateTime at) {
        jdbc.update("UPDATE mailbox SET problem = ?, problem_at = ?, problem_count = problem_count + 1 WHERE id = ?",
                sentence.substring(0, Math.min(sentence.length(), 500)), at, mailboxId);
    }

    public void clearPollProblem(String mailboxId) {
        jdbc.update("UPDATE mailbox SET problem = NULL, problem_at = NULL, problem_count = 0 WHERE id = ?"
                + " AND problem_count > 0", mailboxId);
    }

    public Optional<PollProblem> pollProblem(String mailboxId) {
        return jdbc.query("SELECT problem, problem_at, problem_count FROM mailbox WHERE id = ? AND problem_count > 0",
                (rs, n) -> new PollProblem(rs.getString("problem"), rs.getObject("problem_at", OffsetDateTime.class),
                        rs.getInt("problem_count")), mailboxId).stream().findFirst();
    }

    public long storedCount(String mailboxId) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM mail_message WHERE mailbox_id = ?", Long.class, mailboxId);
        return n == null ? 0 : n;
    }
}
