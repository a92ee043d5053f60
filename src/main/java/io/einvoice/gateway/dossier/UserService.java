package io.einvoice.gateway.dossier;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Optional;
import java.util.UUID;

/** People of a firm: accounts with BCrypt-hashed passwords, and the login tokens they get. */
public class UserService {

    static final String TOKEN_PREFIX = "egu_";
    private static final Duration SESSION_LIFETIME = Duration.ofHours(12);

    /** BCrypt's limit: {@link BCryptPasswordEncoder} refuses longer passwords. */
    public static final int MAX_PASSWORD_BYTES = 72;

    private final JdbcTemplate jdbc;
    private final PasswordEncoder passwords;
    private final String standInHash;

    public UserService(JdbcTemplate jdbc) {
        this(jdbc, new BCryptPasswordEncoder());
    }

    UserService(JdbcTemplate jdbc, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        // same algorithm and cost as real hashes, for a password nobody can type (it is random and never kept)
        this.standInHash = passwords.encode(Tokens.newToken("stand-in-"));
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

    /**
     * The active user with that e-mail if the password is theirs. The hash is checked whether or not the e-mail exists
     * (against a stand-in hash when it does not), so the time of the answer does not tell which e-mails have accounts.
     */
    public Optional<User> checkPassword(String email, String password) {
        Optional<Account> account = jdbc.query("SELECT id, firm_id, email, display_name, role, password_hash FROM app_user"
                                + " WHERE email = ? AND active = TRUE",
                        (rs, n) -> new Account(new User(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                Role.valueOf(rs.getString(5))), rs.getString(6)), email.trim().toLowerCase())
                .stream().findFirst();
        // BCrypt reads 72 bytes and refuses more; no stored password is longer, so a longer one is wrong, checked all the same
        boolean hashable = password.getBytes(StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES;
        boolean matches = passwords.matches(hashable ? password : "", account.map(Account::passwordHash).orElse(standInHash));
        return matches && hashable ? account.map(Account::user) : Optional.empty();
    }

    /** A new login token for the user; only its SHA-256 is stored. */
    public String openSession(String userId) {
        String token = Tokens.newToken(TOKEN_PREFIX);
        OffsetDateTime now = OffsetDateTime.now();
        jdbc.update("INSERT INTO user_session (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                Tokens.sha256(token), userId, now, now.plus(SESSION_LIFETIME));
        return token;
    }

    /** Logout: the token stops working at once. @return whether it was an open session */
    public boolean closeSession(String token) {
        return token != null && token.startsWith(TOKEN_PREFIX)
                && jdbc.update("DELETE FROM user_session WHERE token_hash = ?", Tokens.sha256(token)) > 0;
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

    private record Account(User user, String passwordHash) {
    }
}
