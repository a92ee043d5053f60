package io.einvoice.gateway.connector;

/**
 * A supplier's web portal: {@code loginUrl} is the page with the login form (its hidden inputs, a CSRF token
 * included, are sent back with {@code username} in the field {@code usernameField} and the connector's secret, the
 * password, in {@code passwordField}); {@code listUrl} is the page listing the invoices, whose links matching
 * {@code linkPattern} (a regular expression, found in the link's absolute URL; its first group, if any, is the
 * invoice's id) are the files to fetch. Further pages are followed by their {@code rel="next"} link.
 */
public record PortalSettings(String loginUrl, String username, String usernameField, String passwordField,
                             String listUrl, String linkPattern) implements SourceSettings {

    public static final String DEFAULT_USERNAME_FIELD = "username";
    public static final String DEFAULT_PASSWORD_FIELD = "password";

    public String usernameFieldOrDefault() {
        return usernameField == null ? DEFAULT_USERNAME_FIELD : usernameField;
    }

    public String passwordFieldOrDefault() {
        return passwordField == null ? DEFAULT_PASSWORD_FIELD : passwordField;
    }
}
