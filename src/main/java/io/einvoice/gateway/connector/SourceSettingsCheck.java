package io.einvoice.gateway.connector;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks the settings a caller sent for each kind of connector, field by field, in our own sentences
 * ({@link IllegalArgumentException}, a 400 at the API naming the field): URLs and hosts through the outbound guard,
 * names, patterns and sizes bounded. Returns the settings as they are stored (fields another option ignores dropped).
 */
public class SourceSettingsCheck {

    static final int MAX_TEXT = 200;
    static final int MAX_PATTERN = 200;
    static final int MAX_KEY_BYTES = 6000;
    private static final Pattern PRIVATE_KEY = Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]{1,253}|\\[?[0-9A-Fa-f:.]{2,45}]?");
    /** A known_hosts key: its type, its base64, maybe a comment. */
    private static final Pattern HOST_KEY = Pattern.compile("(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521))"
            + " [A-Za-z0-9+/]{40,2000}={0,2}( [^\\p{Cntrl}]{0,200})?");
    private static final Pattern DIR = Pattern.compile("[^\\p{Cntrl}\\\\]{1,200}");
    private static final Pattern PARAMETER = Pattern.compile("[A-Za-z0-9_.\\-\\[\\]]{1,64}");
    /** An HTTP header name (RFC 9110 §5.1, token). */
    private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~\\-]{1,64}");
    private static final Pattern POINTER = Pattern.compile("(/[^/]{1,100}){0,10}");
    private static final Pattern FORM_FIELD = Pattern.compile("[A-Za-z0-9_.:\\-\\[\\]]{1,64}");
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9A-Fa-f]{2}(:?[0-9A-Fa-f]{2}){31}");
    private static final Pattern SIRET = Pattern.compile("\\d{14}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final SupplierHttp http;

    public SourceSettingsCheck(SupplierHttp http) {
        this.http = http;
    }

    /** The request's settings for its kind, checked; the other kinds' blocks must be absent. */
    public SourceSettings settings(ConnectorRequest r) {
        if (r.kind() == null) {
            throw new IllegalArgumentException("kind is required: one of " + kinds());
        }
        only(r, "rest", r.rest() != null, ConnectorKind.REST_JSON);
        only(r, "portal", r.portal() != null, ConnectorKind.PORTAL);
        only(r, "sftp", r.sftp() != null, ConnectorKind.SFTP);
        only(r, "ftps", r.ftps() != null, ConnectorKind.FTPS);
        only(r, "chorusPro", r.chorusPro() != null, ConnectorKind.CHORUS_PRO);
        return switch (r.kind()) {
            case REST_JSON -> rest(r.rest());
            case PORTAL -> portal(r.portal());
            case SFTP -> sftp(r.sftp());
            case FTPS -> ftps(r.ftps());
            case CHORUS_PRO -> chorusPro(r.chorusPro());
        };
    }

    /** The longest secret these settings take: a private key is longer than a password. */
    public static int maxSecretBytes(SourceSettings s) {
        return s instanceof SftpSettings sftp && sftp.authOrPassword() == SftpSettings.Auth.KEY ? MAX_KEY_BYTES : 1000;
    }

    /** The secret as these settings need it (a private key in PEM or OpenSSH form for SFTP KEY). */
    public static void secret(SourceSettings s, String secret) {
        if (s instanceof SftpSettings sftp && sftp.authOrPassword() == SftpSettings.Auth.KEY
                && !PRIVATE_KEY.matcher(secret).find()) {
            throw new IllegalArgumentException("secret must be the private key, unencrypted, in PEM or OpenSSH form"
                    + " (-----BEGIN ... PRIVATE KEY-----)");
        }
        int colon = secret.indexOf(':');
        if (s instanceof ChorusProSettings && (colon < 1 || colon == secret.length() - 1)) {
            throw new IllegalArgumentException("secret must be the PISTE client secret, a colon, then the Chorus Pro"
                    + " technical password (secret:password)");
        }
    }

    /** Whether the connector needs a secret (token, password...) with these settings. */
    public static boolean needsSecret(SourceSettings s) {
        return !(s instanceof RestSettings rest) || rest.authOrNone() != RestAuth.NONE;
    }

    private static void only(ConnectorRequest r, String block, boolean present, ConnectorKind kind) {
        if (present && r.kind() != kind) {
            throw new IllegalArgumentException(block + " is for a " + kind + " connector; this one is " + r.kind()
                    + ": send the settings under " + blockOf(r.kind()));
        }
    }

    private static String blockOf(ConnectorKind kind) {
        return switch (kind) {
            case REST_JSON -> "rest";
            case PORTAL -> "portal";
            case SFTP -> "sftp";
            case FTPS -> "ftps";
            case CHORUS_PRO -> "chorusPro";
        };
    }

    private static String kinds() {
        return String.join(", ", java.util.Arrays.stream(ConnectorKind.values()).map(Enum::name).toList());
    }

    RestSettings rest(RestSettings s) {
        if (s == null) {
            throw new IllegalArgumentException("rest is required for a REST_JSON connector: listUrl, itemsPointer,"
                    + " idPointer, downloadPointer and auth");
        }
        url("rest.listUrl", s.listUrl());
        parameter("rest.pageParameter", s.pageParameter());
        parameter("rest.sinceParameter", s.sinceParameter());
        pointer("rest.itemsPointer", s.itemsPointer(), true);
        pointer("rest.idPointer", s.idPointer(), true);
        pointer("rest.datePointer", s.datePointer(), false);
        pointer("rest.downloadPointer", s.downloadPointer(), true);
        RestAuth auth = s.authOrNone();
        if (auth == RestAuth.API_KEY && (s.apiKeyHeader() == null || !HEADER.matcher(s.apiKeyHeader()).matches())) {
            throw new IllegalArgumentException("rest.apiKeyHeader must be an HTTP header name (e.g. X-Api-Key)");
        }
        if (auth == RestAuth.BASIC && (s.username() == null || s.username().isBlank() || s.username().contains(":"))) {
            throw new IllegalArgumentException("rest.username is required for BASIC and may not contain ':'");
        }
        if (auth == RestAuth.OAUTH2) {
            url("rest.tokenUrl", s.tokenUrl());
            if (s.clientId() == null || s.clientId().isBlank()) {
                throw new IllegalArgumentException("rest.clientId is required for OAUTH2");
            }
        }
        return new RestSettings(s.listUrl(), s.pageParameter(), s.sinceParameter(), s.itemsPointer(), s.idPointer(),
                s.datePointer(), s.downloadPointer(), auth, auth == RestAuth.API_KEY ? s.apiKeyHeader() : null,
                auth == RestAuth.BASIC ? s.username() : null, auth == RestAuth.OAUTH2 ? s.tokenUrl() : null,
                auth == RestAuth.OAUTH2 ? s.clientId() : null);
    }

    PortalSettings portal(PortalSettings s) {
        if (s == null) {
            throw new IllegalArgumentException("portal is required for a PORTAL connector: loginUrl, username, listUrl"
                    + " and linkPattern");
        }
        url("portal.loginUrl", s.loginUrl());
        url("portal.listUrl", s.listUrl());
        text("portal.username", s.username());
        formField("portal.usernameField", s.usernameField());
        formField("portal.passwordField", s.passwordField());
        if (s.usernameFieldOrDefault().equals(s.passwordFieldOrDefault())) {
            throw new IllegalArgumentException("portal.usernameField and portal.passwordField must differ");
        }
        pattern("portal.linkPattern", s.linkPattern());
        return s;
    }

    SftpSettings sftp(SftpSettings s) {
        if (s == null) {
            throw new IllegalArgumentException("sftp is required for an SFTP connector: host, username, remoteDir and"
                    + " hostKey");
        }
        host("sftp.host", s.host());
        if (s.port() != null && (s.port() < 1 || s.port() > 65535)) {
            throw new IllegalArgumentException("sftp.port must be between 1 and 65535 (default 22)");
        }
        text("sftp.username", s.username());
        directory("sftp.remoteDir", s.remoteDir());
        if (s.pattern() != null) {
            pattern("sftp.pattern", s.pattern());
        }
        if (s.hostKey() == null || s.hostKey().isBlank()) {
            throw new IllegalArgumentException("sftp.hostKey is required: the server's public host key as in a"
                    + " known_hosts line (ssh-ed25519 AAAA...), from the supplier or ssh-keyscan checked with them");
        }
        if (!HOST_KEY.matcher(s.hostKey().strip()).matches()) {
            throw new IllegalArgumentException("sftp.hostKey must be a public key as in a known_hosts line: its type"
                    + " (ssh-ed25519, ecdsa-sha2-nistp256/384/521 or ssh-rsa), a space, its base64");
        }
        String moveTo = null;
        if (s.afterFetchOrLeave() == SftpSettings.AfterFetch.MOVE) {
            directory("sftp.moveTo", s.moveTo());
            if (strip(s.moveTo()).equals(strip(s.remoteDir()))) {
                throw new IllegalArgumentException("sftp.moveTo must be another folder than sftp.remoteDir");
            }
            moveTo = s.moveTo();
        }
        return new SftpSettings(s.host(), s.port(), s.username(), s.authOrPassword(), s.remoteDir(), s.pattern(),
                s.hostKey().strip(), s.afterFetchOrLeave(), moveTo);
    }

    FtpsSettings ftps(FtpsSettings s) {
        if (s == null) {
            throw new IllegalArgumentException("ftps is required for an FTPS connector: host, username, remoteDir and"
                    + " certificateSha256");
        }
        host("ftps.host", s.host());
        if (s.port() != null && (s.port() < 1 || s.port() > 65535)) {
            throw new IllegalArgumentException("ftps.port must be between 1 and 65535 (default 21, 990 with implicitTls)");
        }
        text("ftps.username", s.username());
        directory("ftps.remoteDir", s.remoteDir());
        if (s.pattern() != null) {
            pattern("ftps.pattern", s.pattern());
        }
        if (s.certificateSha256() == null || !FINGERPRINT.matcher(s.certificateSha256().strip()).matches()) {
            throw new IllegalArgumentException("ftps.certificateSha256 is required: the SHA-256 fingerprint of the"
                    + " server's certificate, 64 hex digits (colons allowed), from the supplier or"
                    + " openssl x509 -fingerprint -sha256 checked with them");
        }
        String moveTo = null;
        if (s.afterFetchOrLeave() == SftpSettings.AfterFetch.MOVE) {
            directory("ftps.moveTo", s.moveTo());
            if (strip(s.moveTo()).equals(strip(s.remoteDir()))) {
                throw new IllegalArgumentException("ftps.moveTo must be another folder than ftps.remoteDir");
            }
            moveTo = s.moveTo();
        }
        return new FtpsSettings(s.host(), s.port(), s.username(), s.implicit(), s.remoteDir(), s.pattern(),
                s.certificateSha256().strip(), s.afterFetchOrLeave(), moveTo);
    }

    /** A host name or an IP address, refused when the outbound guard refuses it. */
    private void host(String field, String host) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (!HOST.matcher(host).matches()) {
            throw new IllegalArgumentException(field + " must be a host name or an IP address (no user, port or path)");
        }
        String refusal = http.hostRefusal(host);
        if (refusal != null) {
            throw new IllegalArgumentException(refusal + " (" + field + ")");
        }
    }

    ChorusProSettings chorusPro(ChorusProSettings s) {
        if (s == null) {
            throw new IllegalArgumentException("chorusPro is required for a CHORUS_PRO connector: recipientSiret,"
                    + " clientId and technicalLogin");
        }
        if (s.recipientSiret() == null || !SIRET.matcher(s.recipientSiret()).matches()) {
            // no Luhn check: qualification SIRETs may fail it (doc chorus-pro-and-reform §1)
            throw new IllegalArgumentException("chorusPro.recipientSiret must be the 14 digits of the dossier's SIRET"
                    + " on Chorus Pro");
        }
        text("chorusPro.clientId", s.clientId());
        text("chorusPro.technicalLogin", s.technicalLogin());
        return new ChorusProSettings(s.recipientSiret(), s.clientId().strip(), s.technicalLogin().strip());
    }

    private static String strip(String dir) {
        return dir.length() > 1 && dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
    }

    private static void directory(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required: a folder on the server (e.g. /factures)");
        }
        if (!DIR.matcher(value).matches() || ("/" + value + "/").contains("/../")) {
            throw new IllegalArgumentException(field + " must be a folder path of at most 200 characters, without"
                    + " control characters, backslashes or '..'");
        }
    }

    private void url(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        try {
            http.checked(value, field);
        } catch (ConnectorException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    static void text(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (value.length() > MAX_TEXT || CONTROL.matcher(value).find()) {
            throw new IllegalArgumentException(field + " must have at most " + MAX_TEXT
                    + " characters and no control character");
        }
    }

    static void pattern(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required: a regular expression (Java syntax)");
        }
        if (value.length() > MAX_PATTERN) {
            throw new IllegalArgumentException(field + " must have at most " + MAX_PATTERN + " characters");
        }
        try {
            Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(field + " is not a valid regular expression (Java syntax), near"
                    + " character " + Math.max(0, e.getIndex()));
        }
    }

    private static void formField(String field, String value) {
        if (value != null && !FORM_FIELD.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be a form field name (letters, digits, _ . : - [ ])");
        }
    }

    private static void parameter(String field, String value) {
        if (value != null && !PARAMETER.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be a query parameter name (letters, digits, _ . - [ ])");
        }
    }

    private static void pointer(String field, String value, boolean required) {
        if (value == null) {
            if (required) {
                throw new IllegalArgumentException(field + " is required: a JSON pointer such as /data/invoices");
            }
            return;
        }
        if (!POINTER.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be a JSON pointer (RFC 6901) such as /data/invoices,"
                    + " at most 10 levels");
        }
    }
}
