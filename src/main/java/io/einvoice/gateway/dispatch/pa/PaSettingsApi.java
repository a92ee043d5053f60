package io.einvoice.gateway.dispatch.pa;

import io.einvoice.gateway.api.Json;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.Caller;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.refusal.InvalidInputException;
import io.einvoice.gateway.refusal.NotAllowedException;
import io.einvoice.gateway.refusal.NotVisibleException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GET/PUT /api/dossiers/{siren}/pa: the dossier's PA account. Any caller who sees the dossier may read it; only a
 * user may set it (it holds credentials). The secrets are never returned, only whether they are set.
 */
public class PaSettingsApi {

    private final AccessService access;
    private final PaAccountService service;

    public PaSettingsApi(AccessService access, PaAccountService service) {
        this.access = access;
        this.service = service;
    }

    public Map<String, Object> get(Caller caller, String siren) {
        Dossier dossier = dossier(caller, siren);
        return view(dossier, service.find(dossier).orElseThrow(() -> new NotVisibleException("the PA account of dossier " + siren)));
    }

    public Map<String, Object> put(Caller caller, String siren, String body) {
        Dossier dossier = dossier(caller, siren);
        if (!(caller instanceof Caller.Person)) {
            throw new NotAllowedException("the PA account holds credentials: log in as a user of the firm to set it");
        }
        PaAccountRequest request = Json.read(body, PaAccountRequest.class);
        try {
            return view(dossier, service.save(dossier, request));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    private Dossier dossier(Caller caller, String siren) {
        return access.visibleDossier(caller, siren).orElseThrow(() -> new NotVisibleException("dossier " + siren));
    }

    private static Map<String, Object> view(Dossier dossier, PaAccount a) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("siren", dossier.siren());
        view.put("baseUrl", a.baseUrl());
        view.put("tokenUrl", a.tokenUrl());
        view.put("clientId", a.clientId());
        view.put("clientSecretSet", true);
        view.put("organizationId", a.organizationId());
        view.put("webhookSecretSet", a.webhookSecretSet());
        view.put("webhookState", a.webhookState());
        view.put("buyers", a.buyers());
        view.put("followCursor", a.followCursor() == null ? null : a.followCursor().toString());
        view.put("lastProblem", a.lastProblem());
        return view;
    }
}
