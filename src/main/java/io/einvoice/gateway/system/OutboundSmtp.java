package io.einvoice.gateway.system;

import jakarta.mail.Session;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The gateway's own outbound mail server, for the mails the gateway itself sends (receipts to suppliers), from the
 * GATEWAY_SMTP_* environment (README, Configuration). Not the dossiers' own servers for sales invoices.
 */
public record OutboundSmtp(String host, int port, Security security, String username, String password, String from) {

    public enum Security {
        /** plain SMTP (a relay on the local network, the demo's mail server) */
        NONE,
        /** SMTP upgraded to TLS, required (submission port 587) */
        STARTTLS,
        /** TLS from the first byte (port 465) */
        SSL
    }

    /** @return null when GATEWAY_SMTP_HOST is not set: the gateway then sends no mail of its own */
    public static OutboundSmtp fromEnvironment(Map<String, String> env) {
        String host = env.get("GATEWAY_SMTP_HOST");
        if (host == null || host.isBlank()) {
            return null;
        }
        Security security;
        String wanted = env.getOrDefault("GATEWAY_SMTP_SECURITY", "STARTTLS").trim().toUpperCase(Locale.ROOT);
        try {
            security = Security.valueOf(wanted);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("GATEWAY_SMTP_SECURITY must be NONE, STARTTLS or SSL, got '" + wanted + "'", e);
        }
        String from = env.get("GATEWAY_SMTP_FROM");
        if (from == null || !from.contains("@")) {
            throw new IllegalArgumentException("GATEWAY_SMTP_FROM must be the address the gateway's mails come from"
                    + " (e.g. factures-noreply@cabinet.fr) when GATEWAY_SMTP_HOST is set");
        }
        int port;
        String portValue = env.get("GATEWAY_SMTP_PORT");
        try {
            port = portValue == null || portValue.isBlank()
                    ? switch (security) { case NONE -> 25; case STARTTLS -> 587; case SSL -> 465; }
                    : Integer.parseInt(portValue.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("GATEWAY_SMTP_PORT must be a port number, got '" + portValue + "'", e);
        }
        String username = env.get("GATEWAY_SMTP_USERNAME");
        return new OutboundSmtp(host.trim(), port, security, username == null || username.isBlank() ? null : username,
                env.getOrDefault("GATEWAY_SMTP_PASSWORD", ""), from.trim());
    }

    /** A Jakarta Mail session for this server, with timeouts: a dead server must not hold a sender for long. */
    public Session session() {
        Properties p = new Properties();
        p.put("mail.smtp.host", host);
        p.put("mail.smtp.port", String.valueOf(port));
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "30000");
        p.put("mail.smtp.writetimeout", "30000");
        p.put("mail.smtp.auth", String.valueOf(username != null));
        if (security == Security.STARTTLS) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        } else if (security == Security.SSL) {
            p.put("mail.smtp.ssl.enable", "true");
        }
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        return Session.getInstance(p);
    }

    @Override
    public String toString() {
        return "smtp " + host + ":" + port + " (" + security + ")" + (username == null ? "" : " as " + username)
                + ", from " + from;
    }
}
