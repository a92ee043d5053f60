package io.einvoice.gateway.dispatch.pa;

import java.util.List;

/**
 * A dossier's PA account as a caller sends it (PUT /api/dossiers/{siren}/pa). {@code tokenUrl}: defaults to
 * {@code baseUrl + /oauth/token}; {@code organizationId}: defaults to the dossier's SIREN; {@code clientSecret} and
 * {@code webhookSecret}: left out on a change, the stored ones are kept; {@code buyers}: SIRENs of the customers
 * reached through the PA.
 */
public record PaAccountRequest(String baseUrl, String tokenUrl, String clientId, String clientSecret, String organizationId,
                               String webhookSecret, List<String> buyers) {
}
