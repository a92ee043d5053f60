package io.einvoice.gateway.dossier;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Optional;
import java.util.UUID;

/** People of a firm: accounts with BCrypt-hashed passwords, and the login tokens they get. */
public class UserService {

    static final String TOKEN_PREFIX = "egu_";
    private static final Duration SESSION_LIFETIME = Duration.ofHours(12);

    private final JdbcTemplate jdbc;
    private final BCryptPasswordEncoder passwords = new BCryptPasswordEncoder();

    public UserService(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public User create(String firmId, String email, String displayName, String password, Role role) {
        User user = new User(UUID.randomUUID().toString(), firmId, email.trim().toLowerCase(), displayName, role);
        jdbc.update("INSERT INTO app_user (id, firm_id, email, display_name, password_hash, role, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                user.id(), firmId, user.email(), displayName, passwords.encode(password), role.name(), OffsetDateTime.now());
        return user;
    }

    public void setPassword(String email, String password) {
        jdbc.update("UPDATE app_user SET password_hash = ? WHERE email = ?", passwords.encode(password), email.trim().toLowerCase());
    }

    public void assign(User user, Dossier dossier) {
        jdbc.update("INSERT INTO user_dossier (user_id, dossier_id) VALUES (?, ?)", user.id(), dossier.id());
    }

    /** A login token for the right email and password of an active user; empty otherwise (no hint which was wrong). */
    public Optional<String> login(String email, String password) {
        if (email == null || password == null) {
            return Optional.empty();
        }
        return jdbc.query("SELECT id, password_hash FROM app_user WHERE email = ? AND active = TRUE",
                        (rs, n) -> new String[] {rs.getString(1), rs.getString(2)}, email.trim().toLowerCase())
                .stream().findFirst()
                .filter(row -> passwords.matches(password, row[1]))
                .map(row -> openSession(row[0]));
    }

    public Optional<Caller.Person> resolve(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX)) {
            return Optional.empty();
        }
        return jdbc.query("SELECT u.id, u.firm_id, u.email, u.display_name, u.role FROM user_session s"
                                + " JOIN app_user u ON u.id = s.user_id"
                                + " WHERE s.token_hash = ? AND s.expires_at > ? AND u.active = TRUE",
                        (rs, n) -> new User(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                Role.valueOf(rs.getString(5))),
                        Tokens.sha256(token), OffsetDateTime.now())
                .stream().findFirst()
                .map(user -> new Caller.Person(user, new HashSet<>(jdbc.queryForList(
                        "SELECT dossier_id FROM user_dossier WHERE user_id = ?", String.class, user.id()))));
    }

    private String openSession(String userId) {
        String token = Tokens.newToken(TOKEN_PREFIX);
        OffsetDateTime now = OffsetDateTime.now();
        jdbc.update("INSERT INTO user_session (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                Tokens.sha256(token), userId, now, now.plus(SESSION_LIFETIME));
        return token;
    }
}
