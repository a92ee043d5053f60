package io.einvoice.gateway.users;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;

/**
 * On a gateway's first start with no user yet: the firm and its first ADMIN from GATEWAY_ADMIN_EMAIL and
 * GATEWAY_ADMIN_PASSWORD, with GATEWAY_FIRM_SIREN and GATEWAY_FIRM_NAME, as {@code ./gateway admin create-firm} would.
 * Once a user exists the variables are ignored (changing them later changes nobody's password).
 */
public final class FirstStartAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(FirstStartAdmin.class);

    private FirstStartAdmin() {
    }

    /**
     * @return the firm created, if one was
     * @throws IllegalStateException when the variables are set but incomplete or not acceptable: the gateway does not
     *                               start half-configured
     */
    public static Optional<FirmOnboarding.Onboarded> createIfAsked(Map<String, String> env, FirmOnboarding onboarding) {
        String email = env.get("GATEWAY_ADMIN_EMAIL");
        String password = env.get("GATEWAY_ADMIN_PASSWORD");
        if (blank(email) && blank(password)) {
            return Optional.empty();
        }
        if (onboarding.anyUser()) {
            LOG.info("GATEWAY_ADMIN_EMAIL is set but users exist already: nobody is created");
            return Optional.empty();
        }
        String siren = env.get("GATEWAY_FIRM_SIREN");
        String name = env.get("GATEWAY_FIRM_NAME");
        if (blank(email) || blank(password) || blank(siren) || blank(name)) {
            throw new IllegalStateException("to create the first administrator at start, set all of GATEWAY_ADMIN_EMAIL,"
                    + " GATEWAY_ADMIN_PASSWORD, GATEWAY_FIRM_SIREN and GATEWAY_FIRM_NAME (or run ./gateway admin"
                    + " create-firm)");
        }
        try {
            FirmOnboarding.Onboarded done = onboarding.createFirm(siren.strip(), name, email, password,
                    "env:GATEWAY_ADMIN_EMAIL");
            LOG.info("first start: firm {} ({}) created with its own dossier and administrator {}", done.firm().siren(),
                    done.firm().name(), done.admin().email());
            return Optional.of(done);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the first administrator could not be created from the environment: "
                    + e.getMessage(), e);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
