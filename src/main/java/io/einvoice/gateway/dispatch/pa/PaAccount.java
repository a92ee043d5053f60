package io.einvoice.gateway.dispatch.pa;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A dossier's account at its plateforme agréée: where the flow API is, the OAuth2 client it logs in with (secret
 * decrypted only when a call needs it), the {@code Organization-Id} it acts for, and the buyers reached through it.
 * {@code webhookState}: null without a webhook secret, else {@code TO_REGISTER} until the webhooks are subscribed at
 * the PA, then {@code REGISTERED}.
 */
public record PaAccount(String dossierId, String baseUrl, String tokenUrl, String clientId, String organizationId,
                        boolean webhookSecretSet, List<String> buyers, OffsetDateTime followCursor, String lastProblem,
                        String webhookState) {

    public PaAccount {
        buyers = buyers == null ? List.of() : List.copyOf(buyers);
    }
}
