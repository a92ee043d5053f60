package io.einvoice.gateway.api;

import java.util.Set;

/**
 * The only REST endpoints a person of a client company (role CLIENT) may call, by the route id of their REST
 * definition: list and read their dossier's documents, upload purchase invoices, approve or reject them (when the
 * dossier allows it, checked by the approval itself), log out. Everything else answers 403, including every endpoint
 * added later until it is listed here: the firm's settings, keys, mailboxes, suppliers, accounting and users are the
 * firm's business. Which dossier a client sees is {@code Caller.canSee}'s job, not this list's.
 */
public final class ClientEndpoints {

    /** Endpoints without a bearer token (they never reach {@link ApiAuth}; the PA webhook is signed instead). */
    public static final Set<String> PUBLIC = Set.of("api-rest-health", "api-rest-auth-login",
            "users-rest-invitation-accept", "pa-rest-webhook");

    public static final Set<String> ALLOWED = Set.of(
            "api-rest-auth-logout",
            "api-rest-dossiers-list",
            "api-rest-dossiers-get",
            "api-rest-documents-list",
            "api-rest-documents-get",
            "api-rest-documents-original",
            "api-rest-documents-report",
            "api-rest-documents-facturx",
            "api-rest-documents-upload",
            "api-rest-documents-approve",
            "api-rest-documents-reject");

    private ClientEndpoints() {
    }

    /** @param restRouteId the id of the REST route the request came in by (the exchange's from-route) */
    public static boolean allows(String restRouteId) {
        return restRouteId != null && ALLOWED.contains(restRouteId);
    }
}
