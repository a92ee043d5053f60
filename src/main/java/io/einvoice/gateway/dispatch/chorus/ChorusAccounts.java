package io.einvoice.gateway.dispatch.chorus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.einvoice.gateway.api.Json;
import io.einvoice.gateway.dossier.SecretCipher;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.OffsetDateTime;
import java.util.Optional;

/** Each dossier's Chorus Pro credentials, stored encrypted ({@link SecretCipher}) and bound to the dossier id. */
public final class ChorusAccounts {

    private static final ObjectMapper JSON = Json.DATA;

    private final JdbcTemplate jdbc;
    private final SecretCipher secrets;

    public ChorusAccounts(JdbcTemplate jdbc, SecretCipher secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    public void save(String dossierId, ChorusCredentials credentials) {
        String sealed;
        try {
            sealed = secrets.encrypt(JSON.writeValueAsString(credentials), dossierId);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        OffsetDateTime now = OffsetDateTime.now();
        if (jdbc.update("UPDATE chorus_account SET sealed = ?, updated_at = ? WHERE dossier_id = ?", sealed, now, dossierId) == 0) {
            jdbc.update("INSERT INTO chorus_account (dossier_id, sealed, updated_at) VALUES (?, ?, ?)", dossierId, sealed, now);
        }
    }

    public Optional<ChorusCredentials> find(String dossierId) {
        return jdbc.queryForList("SELECT sealed FROM chorus_account WHERE dossier_id = ?", String.class, dossierId).stream()
                .findFirst().map(sealed -> {
                    try {
                        return JSON.readValue(secrets.decrypt(sealed, dossierId), ChorusCredentials.class);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("stored Chorus credentials of dossier " + dossierId + " unreadable", e);
                    }
                });
    }
}
