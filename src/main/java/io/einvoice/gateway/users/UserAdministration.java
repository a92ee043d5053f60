package io.einvoice.gateway.users;

import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.dossier.Role;
import io.einvoice.gateway.dossier.SecurityEvents;
import io.einvoice.gateway.dossier.SecurityEvents.Type;
import io.einvoice.gateway.dossier.Tokens;
import io.einvoice.gateway.dossier.User;
import io.einvoice.gateway.dossier.UserService;
import jakarta.mail.MessagingException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * A firm's people, managed by its administrators: creating them with a password or inviting them by e-mail, their role,
 * their dossiers, deactivating them. Each change is a security event (who, when, what) written in the change's
 * transaction. The firm keeps at least one active ADMIN, and a CLIENT sees exactly one of the firm's client dossiers.
 *
 * <p>Failures are {@link IllegalArgumentException} (the request is not acceptable, with the reason),
 * {@link NoSuchElementException} (no such user in this firm) and {@link IllegalStateException} (it conflicts with
 * what is: e-mail taken, last administrator, mail not sent).
 */
public class UserAdministration {

    static final Duration INVITATION_LIFETIME = Duration.ofDays(7);
    static final String INVITATION_PREFIX = "egi_";
    /** A firm with more people than this has a bigger problem than a paged list; the count of dossiers given at once. */
    static final int MAX_DOSSIERS = 1000;

    public enum Status { ACTIVE, INVITED, DEACTIVATED }

    public record Person(User user, Status status, List<String> dossiers) {
    }

    public record NewPerson(String email, String displayName, Role role, List<String> dossiers) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final DossierRepository dossiers;
    private final UserService users;
    private final SecurityEvents events;
    private final InvitationMailer mailer;
    private final String publicUrl;
    private final Clock clock;

    public UserAdministration(JdbcTemplate jdbc, TransactionTemplate transactions, DossierRepository dossiers,
                              UserService users, SecurityEvents events, InvitationMailer mailer, String publicUrl,
                              Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.dossiers = dossiers;
        this.users = users;
        this.events = events;
        this.mailer = mailer;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.clock = clock;
    }

    public List<Person> list(String firmId, int limit, int offset) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Set<String> invited = new java.util.HashSet<>(jdbc.queryForList("SELECT i.user_id FROM user_invitation i"
                + " JOIN app_user u ON u.id = i.user_id WHERE u.firm_id = ? AND i.used_at IS NULL AND i.expires_at > ?",
                String.class, firmId, now));
        Map<String, List<String>> assigned = new HashMap<>();
        jdbc.query("SELECT ud.user_id, d.siren FROM user_dossier ud JOIN dossier d ON d.id = ud.dossier_id"
                        + " WHERE d.firm_id = ? ORDER BY d.siren",
                rs -> {
                    assigned.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }, firmId);
        return jdbc.query("SELECT id, firm_id, email, display_name, role, active FROM app_user WHERE firm_id = ?"
                        + " ORDER BY email LIMIT ? OFFSET ?",
                (rs, n) -> {
                    User user = new User(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            Role.valueOf(rs.getString(5)));
                    Status status = rs.getBoolean(6) ? Status.ACTIVE
                            : invited.contains(user.id()) ? Status.INVITED : Status.DEACTIVATED;
                    return new Person(user, status, assigned.getOrDefault(user.id(), List.of()));
                }, firmId, limit, offset);
    }

    /** A person who can log in at once with the password given (told to them by the administrator). */
    public Person create(String firmId, NewPerson request, String password, String actor, String clientAddress) {
        String problem = PersonFields.passwordProblem(password);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return transactions.execute(tx -> {
            List<Dossier> given = checked(firmId, request);
            User user = users.create(firmId, request.email().strip(), request.displayName().strip(), password, request.role());
            assign(user.id(), given);
            events.record(Type.USER_CREATED, actor, clientAddress, firmId, null, describe(user, given));
            return find(firmId, user.id());
        });
    }

    /**
     * An account that stays inactive until its person sets a password through the link mailed to them, valid
     * {@link #INVITATION_LIFETIME} and once. Nothing is kept when the mail cannot be sent.
     */
    public Person invite(String firmId, String firmName, NewPerson request, String actor, String clientAddress) {
        if (!mailer.configured()) {
            throw new IllegalStateException("the gateway has no outbound mail server to send invitations: set"
                    + " GATEWAY_SMTP_HOST (README, Configuration), or create the user with a password");
        }
        return transactions.execute(tx -> {
            List<Dossier> given = checked(firmId, request);
            // a password nobody knows, so that the account can hold a hash until its person chooses one
            User user = users.create(firmId, request.email().strip(), request.displayName().strip(),
                    Tokens.newToken("unset-").substring(0, 40), request.role());
            jdbc.update("UPDATE app_user SET active = FALSE WHERE id = ?", user.id());
            assign(user.id(), given);
            String token = newInvitation(user, actor);
            events.record(Type.USER_INVITED, actor, clientAddress, firmId, null, describe(user, given));
            mail(user, firmName, token);
            return find(firmId, user.id());
        });
    }

    /**
     * The invited person sets their password: the link works once, for 7 days, and only for an account still waiting.
     * @return the account, now active
     * @throws IllegalArgumentException for an unknown, used or expired link (one answer for all three), or an unfit
     *                                  password (then the link still works)
     */
    public User accept(String token, String password, String clientAddress) {
        if (token == null || !token.startsWith(INVITATION_PREFIX) || token.length() > 100) {
            throw new IllegalArgumentException(INVALID_LINK);
        }
        String problem = PersonFields.passwordProblem(password);
        return transactions.execute(tx -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            Optional<String> userId = jdbc.queryForList("SELECT i.user_id FROM user_invitation i JOIN app_user u"
                            + " ON u.id = i.user_id WHERE i.token_hash = ? AND i.used_at IS NULL AND i.expires_at > ?"
                            + " AND u.active = FALSE", String.class, Tokens.sha256(token), now)
                    .stream().findFirst();
            if (userId.isEmpty()) {
                throw new IllegalArgumentException(INVALID_LINK);
            }
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            // the row is claimed by this update: a second use of the same link, even at the same moment, finds it used
            if (jdbc.update("UPDATE user_invitation SET used_at = ? WHERE token_hash = ? AND used_at IS NULL", now,
                    Tokens.sha256(token)) == 0) {
                throw new IllegalArgumentException(INVALID_LINK);
            }
            User user = user(userId.get());
            users.setPassword(user.email(), password);
            jdbc.update("UPDATE app_user SET active = TRUE WHERE id = ?", user.id());
            jdbc.update("DELETE FROM user_invitation WHERE user_id = ? AND used_at IS NULL", user.id());
            events.record(Type.INVITATION_ACCEPTED, user.email(), clientAddress, user.firmId(), null, "password set");
            return user;
        });
    }

    /** Whether the refusal of {@link #accept} is about the link (not the password). */
    public static boolean invalidLink(IllegalArgumentException refusal) {
        return INVALID_LINK.equals(refusal.getMessage());
    }

    static final String INVALID_LINK = "this invitation link is unknown, already used or expired (links last 7 days):"
            + " ask your firm's administrator for a new one";

    /** Logs the person out everywhere and voids their pending invitation. */
    public Person deactivate(String firmId, String userId, String actor, String clientAddress) {
        return transactions.execute(tx -> {
            User user = inFirm(firmId, userId);
            keepAnAdmin(firmId, user, null);
            boolean wasActive = jdbc.update("UPDATE app_user SET active = FALSE WHERE id = ? AND active = TRUE", userId) > 0;
            boolean wasInvited = jdbc.update("DELETE FROM user_invitation WHERE user_id = ? AND used_at IS NULL", userId) > 0;
            if (wasActive || wasInvited) {
                jdbc.update("DELETE FROM user_session WHERE user_id = ?", userId);
                events.record(Type.USER_DEACTIVATED, actor, clientAddress, firmId, null, user.email());
            }
            return find(firmId, userId);
        });
    }

    public Person reactivate(String firmId, String userId, String actor, String clientAddress) {
        return transactions.execute(tx -> {
            User user = inFirm(firmId, userId);
            if (jdbc.update("UPDATE app_user SET active = TRUE WHERE id = ? AND active = FALSE", userId) > 0) {
                events.record(Type.USER_REACTIVATED, actor, clientAddress, firmId, null, user.email());
            }
            return find(firmId, userId);
        });
    }

    public Person changeRole(String firmId, String userId, Role role, String actor, String clientAddress) {
        return transactions.execute(tx -> {
            User user = inFirm(firmId, userId);
            if (user.role() == role) {
                return find(firmId, userId);
            }
            keepAnAdmin(firmId, user, role);
            if (role == Role.CLIENT) {
                clientDossier(firmId, assignedDossiers(userId), "to become a CLIENT, the user must first be given"
                        + " exactly one client dossier (PUT /api/users/{id}/dossiers)");
            }
            jdbc.update("UPDATE app_user SET role = ? WHERE id = ?", role.name(), userId);
            events.record(Type.ROLE_CHANGED, actor, clientAddress, firmId, null,
                    user.email() + ": " + user.role() + " -> " + role);
            return find(firmId, userId);
        });
    }

    /** Replaces the dossiers the user is given (what a USER or CLIENT sees). */
    public Person assignDossiers(String firmId, String userId, List<String> sirens, String actor, String clientAddress) {
        return transactions.execute(tx -> {
            User user = inFirm(firmId, userId);
            List<Dossier> given = dossiersOfFirm(firmId, sirens);
            if (user.role() == Role.CLIENT) {
                clientDossier(firmId, given, "a CLIENT is given exactly one of the firm's client dossiers (not its own)");
            }
            jdbc.update("DELETE FROM user_dossier WHERE user_id = ?", userId);
            assign(userId, given);
            events.record(Type.DOSSIERS_ASSIGNED, actor, clientAddress, firmId, null, user.email() + ": dossiers "
                    + (given.isEmpty() ? "none" : String.join(", ", given.stream().map(Dossier::siren).toList())));
            return find(firmId, userId);
        });
    }

    public record AccessEvent(OffsetDateTime at, String type, String actor, String clientAddress, String details) {
    }

    /** The firm's security events (logins, keys, users and what they may see), newest first. */
    public List<AccessEvent> events(String firmId, int limit) {
        return jdbc.query("SELECT at, type, actor, client_address, details FROM security_event WHERE firm_id = ?"
                        + " ORDER BY id DESC LIMIT ?",
                (rs, n) -> new AccessEvent(rs.getObject(1, OffsetDateTime.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5)), firmId, limit);
    }

    public String firmName(String firmId) {
        return jdbc.queryForObject("SELECT name FROM firm WHERE id = ?", String.class, firmId);
    }

    // helpers

    private List<Dossier> checked(String firmId, NewPerson request) {
        String problem = PersonFields.emailProblem(request.email());
        problem = problem != null ? problem : PersonFields.nameProblem("displayName", request.displayName());
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (request.role() == null) {
            throw new IllegalArgumentException("role is required: one of ADMIN, ADMIN_EXCEPT_FIRM, USER, CLIENT");
        }
        List<Dossier> given = dossiersOfFirm(firmId, request.dossiers() == null ? List.of() : request.dossiers());
        if (request.role() == Role.CLIENT) {
            clientDossier(firmId, given, "a CLIENT is given exactly one of the firm's client dossiers (not its own):"
                    + " send \"dossiers\": [\"<SIREN>\"]");
        }
        if (jdbc.queryForObject("SELECT COUNT(*) FROM app_user WHERE email = ?", Integer.class,
                request.email().strip().toLowerCase()) > 0) {
            throw new IllegalStateException("a user with e-mail " + request.email().strip().toLowerCase() + " already exists");
        }
        return given;
    }

    private List<Dossier> dossiersOfFirm(String firmId, List<String> sirens) {
        if (sirens.size() > MAX_DOSSIERS) {
            throw new IllegalArgumentException("dossiers holds at most " + MAX_DOSSIERS + " SIRENs");
        }
        List<Dossier> found = new ArrayList<>();
        for (String siren : new LinkedHashSet<>(sirens)) {
            if (siren == null || !siren.matches("\\d{9}")) {
                throw new IllegalArgumentException("dossiers must be SIRENs of 9 digits");
            }
            found.add(dossiers.findBySiren(siren).filter(d -> d.firmId().equals(firmId)).orElseThrow(() ->
                    new IllegalArgumentException("dossiers: the firm has no dossier " + siren)));
        }
        return found;
    }

    private static void clientDossier(String firmId, List<Dossier> given, String problem) {
        if (given.size() != 1 || given.get(0).firmOwn()) {
            throw new IllegalArgumentException(problem);
        }
    }

    private List<Dossier> assignedDossiers(String userId) {
        return jdbc.queryForList("SELECT dossier_id FROM user_dossier WHERE user_id = ?", String.class, userId).stream()
                .map(id -> dossiers.findById(id).orElseThrow()).toList();
    }

    /** Refuses a change that would leave the firm without an active ADMIN ({@code newRole} null: deactivation). */
    private void keepAnAdmin(String firmId, User user, Role newRole) {
        if (user.role() != Role.ADMIN || newRole == Role.ADMIN) {
            return;
        }
        Integer others = jdbc.queryForObject("SELECT COUNT(*) FROM app_user WHERE firm_id = ? AND role = 'ADMIN'"
                + " AND active = TRUE AND id <> ?", Integer.class, firmId, user.id());
        if (others == 0) {
            throw new IllegalStateException(user.email() + " is the firm's last active ADMIN: make someone else ADMIN"
                    + " first");
        }
    }

    private void assign(String userId, List<Dossier> given) {
        for (Dossier d : given) {
            jdbc.update("INSERT INTO user_dossier (user_id, dossier_id) VALUES (?, ?)", userId, d.id());
        }
    }

    private String newInvitation(User user, String actor) {
        String token = Tokens.newToken(INVITATION_PREFIX);
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.update("INSERT INTO user_invitation (token_hash, user_id, created_by, created_at, expires_at)"
                + " VALUES (?, ?, ?, ?, ?)", Tokens.sha256(token), user.id(), actor, now, now.plus(INVITATION_LIFETIME));
        return token;
    }

    private void mail(User user, String firmName, String token) {
        String link = publicUrl + "/invitation?token=" + token;
        String text = "Bonjour " + user.displayName() + ",\n\n"
                + firmName + " vous invite sur sa passerelle de factures électroniques (rôle " + user.role() + ").\n"
                + "Choisissez votre mot de passe avec ce lien, valable 7 jours et une seule fois :\n" + link + "\n\n"
                + "Hello " + user.displayName() + ",\n\n"
                + firmName + " invites you to its e-invoicing gateway (role " + user.role() + ").\n"
                + "Choose your password with this link, valid for 7 days and once:\n" + link + "\n\n"
                + "API: POST " + publicUrl + "/api/invitations/accept {\"token\": \"" + token + "\", \"password\": \"...\"}\n";
        try {
            mailer.send(user.email(), firmName + " : invitation / invitation", text);
        } catch (MessagingException | RuntimeException e) {
            // the cause may quote the server's reply: logged by the caller's error handler, never shown to the caller
            throw new MailNotSentException(e);
        }
    }

    /** The invitation could not be handed to the gateway's mail server; nothing was kept. */
    public static final class MailNotSentException extends RuntimeException {
        MailNotSentException(Throwable cause) {
            super("the invitation mail could not be handed to the gateway's mail server", cause);
        }
    }

    private User inFirm(String firmId, String userId) {
        if (userId == null || userId.length() > 36) {
            throw new NoSuchElementException("user " + userId);
        }
        return jdbc.query("SELECT id, firm_id, email, display_name, role FROM app_user WHERE id = ? AND firm_id = ?",
                        (rs, n) -> new User(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                Role.valueOf(rs.getString(5))), userId, firmId)
                .stream().findFirst().orElseThrow(() -> new NoSuchElementException("user " + userId));
    }

    private User user(String userId) {
        return jdbc.query("SELECT id, firm_id, email, display_name, role FROM app_user WHERE id = ?",
                (rs, n) -> new User(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Role.valueOf(rs.getString(5))), userId).get(0);
    }

    private Person find(String firmId, String userId) {
        User user = inFirm(firmId, userId);
        boolean active = Boolean.TRUE.equals(jdbc.queryForObject("SELECT active FROM app_user WHERE id = ?", Boolean.class, userId));
        boolean invited = jdbc.queryForObject("SELECT COUNT(*) FROM user_invitation WHERE user_id = ? AND used_at IS NULL"
                + " AND expires_at > ?", Integer.class, userId, OffsetDateTime.now(clock)) > 0;
        return new Person(user, active ? Status.ACTIVE : invited ? Status.INVITED : Status.DEACTIVATED,
                assignedDossiers(userId).stream().map(Dossier::siren).sorted().toList());
    }

    private static String describe(User user, List<Dossier> given) {
        return user.email() + " as " + user.role() + (given.isEmpty() ? ""
                : ", dossiers " + String.join(", ", given.stream().map(Dossier::siren).toList()));
    }

}
