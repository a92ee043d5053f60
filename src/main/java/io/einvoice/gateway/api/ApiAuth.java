package io.einvoice.gateway.api;

import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.Caller;
import org.apache.camel.Exchange;

/** First step of every protected endpoint: who is calling, from the HTTP Authorization header only, or 401. */
public class ApiAuth {

    private final AccessService access;

    public ApiAuth(AccessService access) {
        this.access = access;
    }

    public Caller authenticate(Exchange exchange) {
        return access.authenticate(HttpRequests.authorization(exchange)).orElseThrow(ApiException::unauthorized);
    }

    /** The bearer token the caller authenticated with (logout closes that session), or null. */
    public String token(Exchange exchange) {
        return AccessService.bearerToken(HttpRequests.authorization(exchange)).orElse(null);
    }

    public String clientAddress(Exchange exchange) {
        return HttpRequests.clientAddress(exchange);
    }
}
