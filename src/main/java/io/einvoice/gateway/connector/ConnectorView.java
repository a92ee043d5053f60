package io.einvoice.gateway.connector;

import java.util.List;

/** A connector as the API shows it: never its secret, only whether one is set; its latest runs, newest first. */
public record ConnectorView(String id, String dossier, String name, ConnectorKind kind, int pollMinutes,
                            boolean paused, RestSettings rest, PortalSettings portal, SftpSettings sftp,
                            FtpsSettings ftps, ChorusProSettings chorusPro, boolean secretSet, String cursor, String lastRunAt,
                            ConnectorOutcome lastOutcome, String lastProblem, List<RunView> runs) {

    public record RunView(String id, ConnectorRun.Trigger trigger, String startedAt, String finishedAt,
                          ConnectorOutcome outcome, int listed, int fetched, int quarantined, String problem) {

        static RunView of(ConnectorRun r) {
            return new RunView(r.id(), r.trigger(), r.startedAt().toString(), r.finishedAt().toString(), r.outcome(),
                    r.listed(), r.fetched(), r.quarantined(), r.problem());
        }
    }

    static ConnectorView of(Connector c, String siren, List<ConnectorRun> runs) {
        return new ConnectorView(c.id(), siren, c.name(), c.kind(), c.pollMinutes(), c.paused(), c.rest(), c.portal(), c.sftp(),
                c.ftps(), c.chorusPro(),
                c.sealedSecret() != null, c.cursor(), c.lastRunAt() == null ? null : c.lastRunAt().toString(),
                c.lastOutcome(), c.lastProblem(), runs.stream().map(RunView::of).toList());
    }
}
