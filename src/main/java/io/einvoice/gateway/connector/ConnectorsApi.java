package io.einvoice.gateway.connector;

import io.einvoice.gateway.api.Json;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.Caller;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.refusal.InvalidInputException;
import io.einvoice.gateway.refusal.NotAllowedException;
import io.einvoice.gateway.refusal.NotVisibleException;
import io.einvoice.gateway.refusal.StateConflictException;

import java.util.List;
import java.util.Map;

/**
 * /api/dossiers/{siren}/connectors and /api/connectors/{id}: a dossier's supplier connectors. Creating, changing and
 * deleting one needs a user (it holds credentials); any caller who sees the dossier may list them, test, run, pause
 * and resume. A connector of a dossier the caller does not see is "not found", as if it did not exist.
 */
public class ConnectorsApi {

    private static final int RUNS_SHOWN = 10;

    private final AccessService access;
    private final DossierRepository dossiers;
    private final ConnectorService service;
    private final ConnectorRepository connectors;
    private final ConnectorRuns runs;

    public ConnectorsApi(AccessService access, DossierRepository dossiers, ConnectorService service,
                         ConnectorRepository connectors, ConnectorRuns runs) {
        this.access = access;
        this.dossiers = dossiers;
        this.service = service;
        this.connectors = connectors;
        this.runs = runs;
    }

    public List<ConnectorView> list(Caller caller, String siren) {
        Dossier dossier = access.visibleDossier(caller, siren).orElseThrow(() -> new NotVisibleException("dossier " + siren));
        return connectors.ofDossier(dossier.id()).stream().map(c -> view(c, dossier.siren())).toList();
    }

    public ConnectorView create(Caller caller, String siren, String body) {
        Dossier dossier = access.visibleDossier(caller, siren).orElseThrow(() -> new NotVisibleException("dossier " + siren));
        person(caller);
        ConnectorRequest request = Json.read(body, ConnectorRequest.class);
        try {
            return view(service.create(dossier, request), dossier.siren());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    public ConnectorView get(Caller caller, String id) {
        Connector c = visible(caller, id);
        return view(c, siren(c));
    }

    public ConnectorView update(Caller caller, String id, String body) {
        Connector c = visible(caller, id);
        person(caller);
        ConnectorRequest request = Json.read(body, ConnectorRequest.class);
        try {
            return view(service.update(c, request), siren(c));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    public Map<String, Object> delete(Caller caller, String id) {
        Connector c = visible(caller, id);
        person(caller);
        service.delete(c);
        return Map.of("deleted", c.id());
    }

    public ConnectorView pause(Caller caller, String id) {
        Connector c = visible(caller, id);
        service.pause(c);
        return get(caller, id);
    }

    public ConnectorView resume(Caller caller, String id) {
        Connector c = visible(caller, id);
        service.resume(c);
        return get(caller, id);
    }

    /** The dry run: what a run would fetch now; nothing is fetched. */
    public Map<String, Object> test(Caller caller, String id) {
        Connector c = visible(caller, id);
        ConnectorRuns.Report report = run(() -> runs.dryRun(c));
        return Map.of("run", ConnectorView.RunView.of(report.run()), "wouldFetch", report.wouldFetch());
    }

    /** @return what the run did: the route hands its committed documents on, then answers with {@link #ran} */
    public ConnectorRuns.Report runNow(Caller caller, String id) {
        Connector c = visible(caller, id);
        return run(() -> runs.runNow(c));
    }

    public Map<String, Object> ran(ConnectorRuns.Report report) {
        return Map.of("run", ConnectorView.RunView.of(report.run()), "documents", report.documents());
    }

    private interface Run {
        ConnectorRuns.Report go() throws ConnectorBusyException;
    }

    private static ConnectorRuns.Report run(Run run) {
        try {
            return run.go();
        } catch (ConnectorBusyException e) {
            throw new StateConflictException("conflict", e.getMessage());
        }
    }

    private ConnectorView view(Connector c, String siren) {
        return ConnectorView.of(c, siren, connectors.runs(c.id(), RUNS_SHOWN));
    }

    private String siren(Connector c) {
        return dossiers.findById(c.dossierId()).map(Dossier::siren).orElseThrow();
    }

    private Connector visible(Caller caller, String id) {
        return service.find(id).filter(c -> access.visibleDossierById(caller, c.dossierId()).isPresent())
                .orElseThrow(() -> new NotVisibleException("connector " + id));
    }

    private static void person(Caller caller) {
        if (!(caller instanceof Caller.Person)) {
            throw new NotAllowedException("a connector holds credentials: log in as a user of the firm to create, change"
                    + " or delete it");
        }
    }
}
