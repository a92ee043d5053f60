package io.einvoice.gateway.dossier;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** Dossier API keys: issued once in clear, then known only by their hash. */
public class ApiKeyService {

    static final String KEY_PREFIX = "egk_";

    private final JdbcTemplate jdbc;
    private final DossierRepository dossiers;

    public ApiKeyService(JdbcTemplate jdbc, DossierRepository dossiers) {
        this.jdbc = jdbc;
        this.dossiers = dossiers;
    }

    /** The returned key is the only copy: the caller must show it to the person once and forget it. */
    public IssuedKey issue(Dossier dossier, String label) {
        String key = Tokens.newToken(KEY_PREFIX);
        String id = UUID.randomUUID().toString();
        String prefix = key.substring(0, 12);
        jdbc.update("INSERT INTO api_key (id, dossier_id, key_hash, prefix, label, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                id, dossier.id(), Tokens.sha256(key), prefix, label, OffsetDateTime.now());
        return new IssuedKey(id, prefix, key);
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

    public record IssuedKey(String id, String prefix, String key) {
    }
}
