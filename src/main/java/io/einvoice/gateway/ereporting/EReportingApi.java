package io.einvoice.gateway.ereporting;

import io.einvoice.gateway.api.Json;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.Caller;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.refusal.InvalidInputException;
import io.einvoice.gateway.refusal.NotAllowedException;
import io.einvoice.gateway.refusal.NotVisibleException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * /api/dossiers/{siren}/ereporting: the dossier's VAT regime and reports (GET), a period sent now (POST
 * .../{flow}/{period}, {@code ?correction=true} for a new version), the regime set (PUT .../regime, users only).
 */
public class EReportingApi {

    /** PUT body. */
    public record RegimeRequest(String regime) {
    }

    private final AccessService access;
    private final EReporting service;

    public EReportingApi(AccessService access, EReporting service) {
        this.access = access;
        this.service = service;
    }

    public Map<String, Object> list(Caller caller, String siren) {
        Dossier dossier = dossier(caller, siren);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("siren", dossier.siren());
        view.put("regime", service.regime(dossier).name());
        view.put("reports", service.reports(dossier).stream().map(EReportingApi::view).toList());
        return view;
    }

    public Map<String, Object> send(Caller caller, String siren, String flow, String period, String correction) {
        Dossier dossier = dossier(caller, siren);
        ReportKind kind = ReportKind.byFlow(flow).orElseThrow(() -> new InvalidInputException("flow is 10.1, 10.2, 10.3 or"
                + " 10.4, not '" + flow + "'"));
        ReportPeriod parsed;
        try {
            parsed = ReportPeriod.parse(period);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        if (correction != null && !correction.equals("true") && !correction.equals("false")) {
            throw new InvalidInputException("correction is true or false");
        }
        return view(service.send(dossier, kind, parsed, "true".equals(correction)));
    }

    public Map<String, Object> putRegime(Caller caller, String siren, String body) {
        Dossier dossier = dossier(caller, siren);
        if (!(caller instanceof Caller.Person)) {
            throw new NotAllowedException("the VAT regime is set by a user of the firm");
        }
        String regime = Json.read(body, RegimeRequest.class).regime();
        VatRegime parsed;
        try {
            parsed = VatRegime.valueOf(regime == null ? "" : regime.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("regime is one of " + List.of(VatRegime.values()) + ", not '" + regime + "'");
        }
        service.setRegime(dossier, parsed);
        return list(caller, siren);
    }

    private Dossier dossier(Caller caller, String siren) {
        return access.visibleDossier(caller, siren).orElseThrow(() -> new NotVisibleException("dossier " + siren));
    }

    static Map<String, Object> view(EReports.Report r) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", r.id());
        view.put("flow", r.flow());
        view.put("period", r.period().name());
        view.put("version", r.version());
        view.put("corrects", r.corrects());
        view.put("items", r.items());
        view.put("flowId", r.flowId());
        view.put("acknowledgement", r.ackStatus());
        view.put("acknowledgementReason", r.ackReason());
        view.put("lastProblem", r.lastProblem());
        view.put("createdAt", r.createdAt().toString());
        view.put("sentAt", r.sentAt() == null ? null : r.sentAt().toString());
        return view;
    }
}
