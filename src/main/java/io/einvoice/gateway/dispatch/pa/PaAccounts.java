package io.einvoice.gateway.dispatch.pa;

import io.einvoice.gateway.dossier.SecretCipher;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The dossiers' PA accounts. The client secret and the webhook secret are sealed with the gateway's key
 * ({@link SecretCipher}) and bound to the dossier id, so a row copied to another dossier does not open.
 */
public class PaAccounts {

    private final JdbcTemplate jdbc;
    private final SecretCipher secrets;

    public PaAccounts(JdbcTemplate jdbc, SecretCipher secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    /**
     * Creates or replaces the account; a null secret keeps the stored one (the settings are changed without repeating
     * it). Run in a transaction: the buyers are replaced with the row.
     */
    public void save(PaAccount a, String clientSecret, String webhookSecret) {
        OffsetDateTime now = OffsetDateTime.now();
        String client = clientSecret == null ? null : secrets.encrypt(clientSecret, a.dossierId());
        String webhook = webhookSecret == null ? null : secrets.encrypt(webhookSecret, a.dossierId());
        int updated = jdbc.update("UPDATE pa_account SET base_url = ?, token_url = ?, client_id = ?,"
                        + " client_secret = COALESCE(?, client_secret), organization_id = ?,"
                        + " webhook_secret = COALESCE(?, webhook_secret), last_problem = NULL, updated_at = ?,"
                        // subscribed again: the callback, the PA or the key may have changed
                        + " webhook_state = CASE WHEN COALESCE(?, webhook_secret) IS NULL THEN NULL ELSE 'TO_REGISTER' END"
                        + " WHERE dossier_id = ?",
                a.baseUrl(), a.tokenUrl(), a.clientId(), client, a.organizationId(), webhook, now, webhook, a.dossierId());
        if (updated == 0) {
            if (client == null) {
                throw new IllegalArgumentException("clientSecret is required when the PA account is first set");
            }
            jdbc.update("INSERT INTO pa_account (dossier_id, base_url, token_url, client_id, client_secret, organization_id,"
                            + " webhook_secret, updated_at, webhook_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", a.dossierId(),
                    a.baseUrl(), a.tokenUrl(), a.clientId(), client, a.organizationId(), webhook, now,
                    webhook == null ? null : "TO_REGISTER");
        }
        jdbc.update("DELETE FROM pa_buyer WHERE dossier_id = ?", a.dossierId());
        for (String siren : a.buyers()) {
            jdbc.update("INSERT INTO pa_buyer (dossier_id, siren) VALUES (?, ?)", a.dossierId(), siren);
        }
    }

    public Optional<PaAccount> find(String dossierId) {
        return jdbc.query("SELECT * FROM pa_account WHERE dossier_id = ?", (rs, n) -> new PaAccount(
                rs.getString("dossier_id"), rs.getString("base_url"), rs.getString("token_url"), rs.getString("client_id"),
                rs.getString("organization_id"), rs.getString("webhook_secret") != null, buyers(dossierId),
                rs.getObject("follow_cursor", OffsetDateTime.class), rs.getString("last_problem"),
                rs.getString("webhook_state")), dossierId)
                .stream().findFirst();
    }

    public List<String> withAccount() {
        return jdbc.queryForList("SELECT dossier_id FROM pa_account ORDER BY dossier_id", String.class);
    }

    /** Whether sales invoices of this dossier to this buyer go through its PA. */
    public boolean reaches(String dossierId, String buyerSiren) {
        return buyerSiren != null && !jdbc.queryForList("SELECT 1 FROM pa_buyer WHERE dossier_id = ? AND siren = ?",
                Integer.class, dossierId, buyerSiren).isEmpty();
    }

    public String clientSecret(String dossierId) {
        return secrets.decrypt(jdbc.queryForObject("SELECT client_secret FROM pa_account WHERE dossier_id = ?", String.class,
                dossierId), dossierId);
    }

    public Optional<String> webhookSecret(String dossierId) {
        return jdbc.queryForList("SELECT webhook_secret FROM pa_account WHERE dossier_id = ? AND webhook_secret IS NOT NULL",
                String.class, dossierId).stream().findFirst().map(sealed -> secrets.decrypt(sealed, dossierId));
    }

    /** A webhook subscribed at the PA. */
    public record Webhook(String webhookId, String baseUrl, String flowDirection, String flowType, String callbackUrl) {
    }

    public List<Webhook> webhooks(String dossierId) {
        return jdbc.query("SELECT webhook_id, base_url, flow_direction, flow_type, callback_url FROM pa_webhook"
                        + " WHERE dossier_id = ? ORDER BY registered_at, webhook_id", (rs, n) -> new Webhook(rs.getString(1),
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)), dossierId);
    }

    public void addWebhook(String dossierId, Webhook w) {
        jdbc.update("INSERT INTO pa_webhook (dossier_id, webhook_id, base_url, flow_direction, flow_type, callback_url,"
                        + " registered_at) VALUES (?, ?, ?, ?, ?, ?, ?)", dossierId, w.webhookId(), w.baseUrl(), w.flowDirection(),
                w.flowType(), w.callbackUrl(), OffsetDateTime.now());
    }

    public void forgetWebhook(String dossierId, String webhookId) {
        jdbc.update("DELETE FROM pa_webhook WHERE dossier_id = ? AND webhook_id = ?", dossierId, webhookId);
    }

    /** REGISTERED, unless the account changed again meanwhile (its updated_at moved past {@code seen}). */
    public void webhooksRegistered(String dossierId, OffsetDateTime seen) {
        jdbc.update("UPDATE pa_account SET webhook_state = 'REGISTERED' WHERE dossier_id = ? AND webhook_state = 'TO_REGISTER'"
                + " AND updated_at <= ?", dossierId, seen);
    }

    /** Moves the cursor forward only: a late round never takes it back. */
    public void advanceCursor(String dossierId, OffsetDateTime cursor) {
        jdbc.update("UPDATE pa_account SET follow_cursor = ? WHERE dossier_id = ? AND (follow_cursor IS NULL OR follow_cursor < ?)",
                cursor, dossierId, cursor);
    }

    /** Our sentence for what stopped the last follow-up (null: it went through). */
    public void recordProblem(String dossierId, String problem) {
        jdbc.update("UPDATE pa_account SET last_problem = ? WHERE dossier_id = ?",
                problem == null || problem.length() <= 500 ? problem : problem.substring(0, 499) + "…", dossierId);
    }

    private List<String> buyers(String dossierId) {
        return jdbc.queryForList("SELECT siren FROM pa_buyer WHERE dossier_id = ? ORDER BY siren", String.class, dossierId);
    }
}
