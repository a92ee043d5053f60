package io.einvoice.gateway.users;

import io.einvoice.gateway.dossier.LoginService;
import io.einvoice.gateway.dossier.UserService;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** What a person's e-mail, name and password must be, with the sentence for whoever typed them when they are not. */
public final class PersonFields {

    static final int MAX_EMAIL = 254;
    static final int MAX_NAME = 200;
    /** One address, no spaces, a dot in the domain: the mail server will say the rest. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private PersonFields() {
    }

    public static String emailProblem(String email) {
        if (email == null || email.isBlank()) {
            return "email is required";
        }
        if (email.length() > MAX_EMAIL) {
            return "email is at most " + MAX_EMAIL + " characters";
        }
        return EMAIL.matcher(email.strip()).matches() ? null : "email must be one address like name@example.fr";
    }

    static String nameProblem(String field, String name) {
        if (name == null || name.isBlank()) {
            return field + " is required";
        }
        return name.strip().length() > MAX_NAME ? field + " is at most " + MAX_NAME + " characters" : null;
    }

    /** Never repeats the password: it could end up in a log. */
    static String passwordProblem(String password) {
        if (password == null || password.length() < LoginService.MIN_PASSWORD
                || password.getBytes(StandardCharsets.UTF_8).length > UserService.MAX_PASSWORD_BYTES) {
            return "a password has at least " + LoginService.MIN_PASSWORD + " characters and at most "
                    + UserService.MAX_PASSWORD_BYTES + " bytes";
        }
        return null;
    }
}
