package io.einvoice.gateway.api;

import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.Caller;

/** First step of every protected endpoint: who is calling, or 401. */
public class ApiAuth {

    private final AccessService access;

    public ApiAuth(AccessService access) {
        this.access = access;
    }

    public Caller authenticate(String authorization) {
        return access.authenticate(authorization).orElseThrow(ApiException::unauthorized);
    }
}
