package io.einvoice.gateway.dispatch.chorus;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A dossier's two Chorus Pro identities (doc §1): the PISTE OAuth2 application that calls the API, and the Chorus Pro
 * technical account acting for the supplier structure.
 */
public record ChorusCredentials(String pisteClientId, String pisteClientSecret, String technicalLogin,
                                String technicalPassword) {

    /** The {@code cpro-account} header: standard Base64 of UTF-8 {@code login:password}, no "Basic " prefix. */
    public String cproAccount() {
        return Base64.getEncoder().encodeToString((technicalLogin + ":" + technicalPassword).getBytes(StandardCharsets.UTF_8));
    }

    /** Cache key for tokens and sessions; secrets left out. */
    String identity() {
        return pisteClientId + "|" + technicalLogin;
    }

    @Override
    public String toString() {
        return "ChorusCredentials[client " + pisteClientId + ", account " + technicalLogin + "]";
    }
}
