package io.einvoice.gateway.dossier;

import io.einvoice.gateway.dossier.SecurityEvents.Type;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Dossier API keys: issued once in clear, then known only by their hash; listed and revoked by the firm's users. */
public class ApiKeyService {

    static final String KEY_PREFIX = "egk_";

    /** What a key is, without the key: the prefix is enough for a person to recognise it. */
    public record KeyInfo(String id, String prefix, String label, OffsetDateTime createdAt, OffsetDateTime revokedAt) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final DossierRepository dossiers;
    private final SecurityEvents events;

    public ApiKeyService(JdbcTemplate jdbc, TransactionTemplate transactions, DossierRepository dossiers, SecurityEvents events) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.dossiers = dossiers;
        this.events = events;
    }

    /** A key made by the gateway itself (demo seeding, tests' fixtures). */
    public IssuedKey issue(Dossier dossier, String label) {
        return issue(dossier, label, "system", null);
    }

    /** The returned key is the only copy: the caller must show it to the person once and forget it. */
    public IssuedKey issue(Dossier dossier, String label, String actor, String clientAddress) {
        String key = Tokens.newToken(KEY_PREFIX);
        String id = UUID.randomUUID().toString();
        String prefix = key.substring(0, 12);
        transactions.executeWithoutResult(tx -> {
            jdbc.update("INSERT INTO api_key (id, dossier_id, key_hash, prefix, label, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    id, dossier.id(), Tokens.sha256(key), prefix, label, OffsetDateTime.now());
            events.record(Type.API_KEY_CREATED, actor, clientAddress, dossier.firmId(), dossier.id(),
                    "key " + prefix + " (" + label + ")");
        });
        return new IssuedKey(id, prefix, key);
    }

    public List<KeyInfo> list(Dossier dossier) {
        return jdbc.query("SELECT id, prefix, label, created_at, revoked_at FROM api_key WHERE dossier_id = ? ORDER BY created_at, id",
                (rs, n) -> new KeyInfo(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class)), dossier.id());
    }

    /**
     * The key stops working at once. Revoking a revoked key changes nothing (and records nothing).
     * @return the key as it now is; empty when the dossier has no key with that id
     */
    public Optional<KeyInfo> revoke(Dossier dossier, String keyId, String actor, String clientAddress) {
        return transactions.execute(tx -> {
            OffsetDateTime now = OffsetDateTime.now();
            if (jdbc.update("UPDATE api_key SET revoked_at = ? WHERE id = ? AND dossier_id = ? AND revoked_at IS NULL",
                    now, keyId, dossier.id()) > 0) {
                Optional<KeyInfo> revoked = find(dossier, keyId);
                events.record(Type.API_KEY_REVOKED, actor, clientAddress, dossier.firmId(), dossier.id(),
                        "key " + revoked.map(KeyInfo::prefix).orElse("?") + " (" + revoked.map(KeyInfo::label).orElse("?") + ")");
                return revoked;
            }
            return find(dossier, keyId);
        });
    }

    public Optional<Caller.DossierKey> resolve(String key) {
        if (key == null || !key.startsWith(KEY_PREFIX)) {
            return Optional.empty();
        }
        return jdbc.query("SELECT dossier_id, prefix FROM api_key WHERE key_hash = ? AND revoked_at IS NULL",
                        (rs, n) -> new String[] {rs.getString(1), rs.getString(2)}, Tokens.sha256(key))
                .stream().findFirst()
                .flatMap(row -> dossiers.findById(row[0]).map(d -> new Caller.DossierKey(d, row[1])));
    }

    private Optional<KeyInfo> find(Dossier dossier, String keyId) {
        return jdbc.query("SELECT id, prefix, label, created_at, revoked_at FROM api_key WHERE id = ? AND dossier_id = ?",
                (rs, n) -> new KeyInfo(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class)), keyId, dossier.id())
                .stream().findFirst();
    }

    public record IssuedKey(String id, String prefix, String key) {
    }
}
