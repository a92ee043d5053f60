package io.einvoice.gateway.connector;

/**
 * An SFTP folder where a supplier or an EDI provider deposits invoices: {@code host} and {@code port} (default 22),
 * {@code username}, and the connector's secret, a password or (with {@code auth} KEY) an unencrypted private key in
 * PEM or OpenSSH form; {@code remoteDir} is the folder read, {@code pattern} the file names taken (a regular
 * expression matching the whole name; default PDF and XML files). {@code hostKey} is the server's public host key as
 * in a known_hosts line ({@code ssh-ed25519 AAAA...}): required, the server must show that key. {@code afterFetch}
 * LEAVE keeps the file where it is, MOVE moves it into {@code moveTo} once it is stored.
 */
public record SftpSettings(String host, Integer port, String username, Auth auth, String remoteDir, String pattern,
                           String hostKey, AfterFetch afterFetch, String moveTo) implements SourceSettings {

    public static final String DEFAULT_PATTERN = "(?i).+\\.(pdf|xml)";

    /** What the connector's secret is. */
    public enum Auth { PASSWORD, KEY }

    /** What becomes of a file once it is stored. */
    public enum AfterFetch { LEAVE, MOVE }

    public int portOrDefault() {
        return port == null ? 22 : port;
    }

    public Auth authOrPassword() {
        return auth == null ? Auth.PASSWORD : auth;
    }

    public String patternOrDefault() {
        return pattern == null ? DEFAULT_PATTERN : pattern;
    }

    public AfterFetch afterFetchOrLeave() {
        return afterFetch == null ? AfterFetch.LEAVE : afterFetch;
    }
}
