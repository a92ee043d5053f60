package io.einvoice.gateway.dispatch;

import io.einvoice.gateway.dossier.SecretCipher;
import io.einvoice.gateway.outbound.OutboundGuard;
import org.apache.commons.validator.routines.EmailValidator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Each dossier's outbound SMTP settings (table dossier_smtp): checked when saved, the password encrypted and bound to
 * the dossier, never shown back.
 */
public class SmtpSettingsStore {

    private static final RowMapper<SmtpSettings> ROW = (rs, n) -> new SmtpSettings(rs.getString("host"), rs.getInt("port"),
            SmtpSettings.TlsMode.valueOf(rs.getString("tls_mode")), rs.getString("username"),
            rs.getString("password_secret"), rs.getString("sender"), rs.getString("subject_template"),
            rs.getString("body_template"));

    private final JdbcTemplate jdbc;
    private final SecretCipher secrets;
    private final OutboundGuard guard;

    /** @param guard the host is checked when saved (and again at each connection, by the sender) */
    public SmtpSettingsStore(JdbcTemplate jdbc, SecretCipher secrets, OutboundGuard guard) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.guard = guard;
    }

    /**
     * What PUT /api/dossiers/{siren}/smtp takes. {@code password}: absent keeps the stored one, an empty string removes
     * it. {@code port} defaults to the TLS mode's usual port, the templates to {@link SmtpSettings#DEFAULT_SUBJECT} and
     * {@link SmtpSettings#DEFAULT_BODY}.
     */
    public record SmtpRequest(String host, Integer port, String tlsMode, String username, String password, String sender,
                              String subjectTemplate, String bodyTemplate) {
    }

    /** What GET shows: everything but the password, of which only its presence. */
    public record SmtpView(boolean configured, String host, Integer port, String tlsMode, String username,
                           boolean passwordSet, String sender, String subjectTemplate, String bodyTemplate,
                           List<String> placeholders) {
        static SmtpView of(SmtpSettings s) {
            return new SmtpView(true, s.host(), s.port(), s.tlsMode().name(), s.username(), s.passwordSecret() != null,
                    s.sender(), s.subjectTemplate(), s.bodyTemplate(), allPlaceholders());
        }

        static SmtpView none() {
            return new SmtpView(false, null, null, null, null, false, null, SmtpSettings.DEFAULT_SUBJECT,
                    SmtpSettings.DEFAULT_BODY, allPlaceholders());
        }

        private static List<String> allPlaceholders() {
            return MessageTemplate.PLACEHOLDERS.stream().sorted().map(p -> "{" + p + "}").toList();
        }
    }

    public Optional<SmtpSettings> find(String dossierId) {
        return jdbc.query("SELECT host, port, tls_mode, username, password_secret, sender, subject_template, body_template"
                + " FROM dossier_smtp WHERE dossier_id = ?", ROW, dossierId).stream().findFirst();
    }

    public SmtpView view(String dossierId) {
        return find(dossierId).map(SmtpView::of).orElseGet(SmtpView::none);
    }

    /** The stored password in clear, for the mail session; null when none. */
    public String password(String dossierId, SmtpSettings settings) {
        return settings.passwordSecret() == null ? null : secrets.decrypt(settings.passwordSecret(), dossierId);
    }

    /** @throws IllegalArgumentException with every problem of the request, in words */
    public SmtpView save(String dossierId, SmtpRequest request) {
        Optional<SmtpSettings> before = find(dossierId);
        SmtpSettings settings = checked(dossierId, request, before.orElse(null));
        OffsetDateTime now = OffsetDateTime.now();
        Object[] values = {settings.host(), settings.port(), settings.tlsMode().name(), settings.username(),
                settings.passwordSecret(), settings.sender(), settings.subjectTemplate(), settings.bodyTemplate(), now, dossierId};
        if (before.isPresent()) {
            jdbc.update("UPDATE dossier_smtp SET host = ?, port = ?, tls_mode = ?, username = ?, password_secret = ?,"
                    + " sender = ?, subject_template = ?, body_template = ?, updated_at = ? WHERE dossier_id = ?", values);
        } else {
            jdbc.update("INSERT INTO dossier_smtp (host, port, tls_mode, username, password_secret, sender, subject_template,"
                    + " body_template, updated_at, dossier_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values);
        }
        return SmtpView.of(settings);
    }

    private SmtpSettings checked(String dossierId, SmtpRequest r, SmtpSettings before) {
        if (r == null) {
            throw new IllegalArgumentException("send the SMTP settings as JSON: host, port, tlsMode, username, password,"
                    + " sender, subjectTemplate, bodyTemplate");
        }
        List<String> problems = new ArrayList<>();
        String host = blankToNull(r.host());
        if (host == null) {
            problems.add("host is required (the SMTP server's name or address)");
        } else {
            String refusal = guard.refusal(host);
            if (refusal != null) {
                problems.add(refusal);
            }
        }
        SmtpSettings.TlsMode tls = SmtpSettings.TlsMode.STARTTLS;
        if (r.tlsMode() != null) {
            try {
                tls = SmtpSettings.TlsMode.valueOf(r.tlsMode().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("tlsMode must be NONE, STARTTLS or TLS, got '" + r.tlsMode() + "'");
            }
        }
        int port = r.port() == null ? tls.defaultPort() : r.port();
        if (port < 1 || port > 65535) {
            problems.add("port must be between 1 and 65535, got " + port);
        }
        String sender = blankToNull(r.sender());
        if (sender == null || !EmailValidator.getInstance(true).isValid(sender)) {
            problems.add("sender must be the e-mail address invoices are sent from, got '" + r.sender() + "'");
        }
        String subject = r.subjectTemplate() == null ? SmtpSettings.DEFAULT_SUBJECT : r.subjectTemplate().strip();
        String body = r.bodyTemplate() == null ? SmtpSettings.DEFAULT_BODY : r.bodyTemplate();
        if (subject.isEmpty() || subject.contains("\n") || subject.length() > 500) {
            problems.add("subjectTemplate must be one line of at most 500 characters");
        }
        if (body.isBlank() || body.length() > 4000) {
            problems.add("bodyTemplate must be some text of at most 4000 characters");
        }
        List<String> unknown = new ArrayList<>(MessageTemplate.unknownPlaceholders(subject));
        unknown.addAll(MessageTemplate.unknownPlaceholders(body));
        if (!unknown.isEmpty()) {
            problems.add("unknown placeholders " + unknown + "; the templates may use "
                    + MessageTemplate.PLACEHOLDERS.stream().sorted().map(p -> "{" + p + "}").toList());
        }
        String username = blankToNull(r.username());
        String password = r.password() == null ? (before == null ? null : before.passwordSecret())
                : r.password().isEmpty() ? null : secrets.encrypt(r.password(), dossierId);
        if (password != null && username == null) {
            problems.add("a password needs a username");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new SmtpSettings(host, port, tls, username, password, sender, subject, body);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
