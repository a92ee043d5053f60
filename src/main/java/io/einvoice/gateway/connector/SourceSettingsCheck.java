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
    private static final Pattern PARAMETER = Pattern.compile("[A-Za-z0-9_.\\-\\[\\]]{1,64}");
    /** An HTTP header name (RFC 9110 §5.1, token). */
    private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~\\-]{1,64}");
    private static final Pattern POINTER = Pattern.compile("(/[^/]{1,100}){0,10}");
    private static final Pattern FORM_FIELD = Pattern.compile("[A-Za-z0-9_.:\\-\\[\\]]{1,64}");
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
        return switch (r.kind()) {
            case REST_JSON -> rest(r.rest());
            case PORTAL -> portal(r.portal());
        };
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
