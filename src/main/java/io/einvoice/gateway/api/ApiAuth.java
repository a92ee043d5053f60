package io.einvoice.gateway.api;

import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.Caller;
import io.einvoice.gateway.refusal.NotAllowedException;
import org.apache.camel.Exchange;

/**
 * First step of every protected endpoint: who is calling, from the HTTP Authorization header only, or 401; and for a
 * person of a client company, whether this endpoint is one of theirs ({@link ClientEndpoints}), or 403.
 */
public class ApiAuth {

    private final AccessService access;

    public ApiAuth(AccessService access) {
        this.access = access;
    }

    public Caller authenticate(Exchange exchange) {
        Caller caller = access.authenticate(HttpRequests.authorization(exchange)).orElseThrow(ApiException::unauthorized);
        // every endpoint reaches this step from the REST route it came in by: that route's id names the endpoint
        if (caller.isClient() && !ClientEndpoints.allows(exchange.getFromRouteId())) {
            throw new NotAllowedException("this endpoint is for the firm's staff: a client may list and read the"
                    + " dossier's documents, upload purchase invoices and, when the firm allows it, approve them");
        }
        return caller;
    }

    /** The bearer token the caller authenticated with (logout closes that session), or null. */
    public String token(Exchange exchange) {
        return AccessService.bearerToken(HttpRequests.authorization(exchange)).orElse(null);
    }

    public String clientAddress(Exchange exchange) {
        return HttpRequests.clientAddress(exchange);
    }
}
