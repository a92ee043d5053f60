package io.einvoice.gateway.connector;

import io.einvoice.gateway.dispatch.chorus.ChorusApi;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.dossier.SecretCipher;
import io.einvoice.gateway.ingest.IngestService;
import io.einvoice.gateway.outbound.OutboundGuard;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The connector feature wired: its beans bound by the names {@code routes/connector.camel.yaml} uses
 * ({@code connectorRuns}, {@code connectorRoutes}, {@code connectorsApi}), and its routes made once Camel runs.
 */
public final class Connectors {

    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(60);

    private final ConnectorService service;
    private final ConnectorRuns runs;
    private final ConnectorRoutes routes;
    private final ConnectorRepository repository;

    private Connectors(ConnectorService service, ConnectorRuns runs, ConnectorRoutes routes, ConnectorRepository repository) {
        this.service = service;
        this.runs = runs;
        this.routes = routes;
        this.repository = repository;
    }

    public static Connectors bind(Main main, JdbcTemplate jdbc, AccessService access, DossierRepository dossiers,
                                  DocumentRepository documents, IngestService ingest, SecretCipher secrets,
                                  OutboundGuard guard, ChorusApi chorus, long maxFileBytes) {
        ConnectorRepository repository = new ConnectorRepository(jdbc);
        SupplierHttp http = new SupplierHttp(guard, main::getCamelContext, d -> Thread.sleep(d.toMillis()), HTTP_TIMEOUT);
        List<InvoiceSource> sources = List.of(new RestJsonSource(http), new PortalSource(http),
                new SftpSource(guard, main::getCamelContext, HTTP_TIMEOUT),
                new FtpsSource(guard, main::getCamelContext, HTTP_TIMEOUT), new ChorusProSource(chorus));
        ConnectorRuns runs = new ConnectorRuns(repository, dossiers, documents, ingest, sources, secrets, maxFileBytes,
                Clock.systemUTC());
        ConnectorRoutes routes = new ConnectorRoutes(repository);
        ConnectorService service = new ConnectorService(repository, secrets, http, routes::refreshNow, Clock.systemUTC());
        main.bind("connectorRuns", runs);
        main.bind("connectorRoutes", routes);
        main.bind("connectorsApi", new ConnectorsApi(access, dossiers, service, repository, runs));
        return new Connectors(service, runs, routes, repository);
    }

    /** Once Camel has started: a route for every running connector. */
    public void attach(CamelContext camel) {
        try {
            routes.attach(camel);
        } catch (Exception e) {
            throw new IllegalStateException("the connector routes could not be started: " + e.getMessage(), e);
        }
    }

    public ConnectorService service() {
        return service;
    }

    public ConnectorRuns runs() {
        return runs;
    }

    public ConnectorRoutes routes() {
        return routes;
    }

    public ConnectorRepository repository() {
        return repository;
    }
}
