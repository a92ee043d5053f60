package io.einvoice.gateway.dossier;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The audit trail of access (logins, lockouts, logouts, API keys, users and what they may see) and of changes to where money is paid. Written in the
 * caller's transaction when there is one, so that an event exists exactly when its change does.
 */
public class SecurityEvents {

    public enum Type {
        LOGIN_SUCCEEDED, LOGIN_FAILED, LOGIN_LOCKED, LOGIN_REFUSED_LOCKED, LOGOUT,
        API_KEY_CREATED, API_KEY_REVOKED, SALES_IBAN_CHANGED, PASSWORD_CHANGED,
        /** who may see what: a firm created, users created, invited, (de)activated, given a role or dossiers */
        FIRM_CREATED, USER_CREATED, USER_INVITED, INVITATION_ACCEPTED, USER_DEACTIVATED, USER_REACTIVATED, ROLE_CHANGED,
        DOSSIERS_ASSIGNED, CLIENTS_MAY_APPROVE_CHANGED,
        /** a dossier moved in its life (DRAFT, CREATED, ACTIVATED, DEACTIVATED): what it receives, who may be invited */
        DOSSIER_STATUS_CHANGED, DOSSIERS_IMPORTED
    }

    public record Event(long id, OffsetDateTime at, String type, String actor, String clientAddress, String details) {
    }

    private static final int MAX_ACTOR = 300;
    private static final int MAX_DETAILS = 1000;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public SecurityEvents(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(Type type, String actor, String clientAddress, String firmId, String dossierId, String details) {
        jdbc.update("INSERT INTO security_event (at, type, actor, client_address, firm_id, dossier_id, details)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                OffsetDateTime.now(clock), type.name(), clip(actor, MAX_ACTOR), clip(clientAddress, 64), firmId, dossierId,
                clip(details, MAX_DETAILS));
    }

    /** The dossier's events, newest first. */
    public List<Event> ofDossier(String dossierId, int limit) {
        return jdbc.query("SELECT id, at, type, actor, client_address, details FROM security_event WHERE dossier_id = ?"
                        + " ORDER BY id DESC LIMIT ?",
                (rs, n) -> new Event(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)), dossierId, limit);
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
