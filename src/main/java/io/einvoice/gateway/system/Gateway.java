package io.einvoice.gateway.system;

import io.einvoice.gateway.api.ApiAuth;
import io.einvoice.gateway.api.ApiErrors;
import io.einvoice.gateway.api.AuthApi;
import io.einvoice.gateway.api.DocumentsApi;
import io.einvoice.gateway.api.DossiersApi;
import io.einvoice.gateway.api.HealthApi;
import io.einvoice.gateway.api.UploadApi;
import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.ApiKeyService;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.dossier.DossierService;
import io.einvoice.gateway.dossier.UserService;
import io.einvoice.gateway.facturx.InvoiceReader;
import io.einvoice.gateway.ingest.FolderIngest;
import io.einvoice.gateway.ingest.IngestService;
import io.einvoice.gateway.validation.DocumentValidation;
import io.einvoice.gateway.validation.FacturXFallback;
import io.einvoice.gateway.validation.InvoiceValidator;
import io.einvoice.gateway.validation.ValidationQueue;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;

/**
 * The composition root: opens the database and blob store, builds the feature beans, binds them by the names the
 * routes use, and runs Camel with the routes of {@code routes/}.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final GatewayConfig config;
    private final Database database;
    private final Main main;
    private final Services services;

    private final ValidationQueue validationQueue;
    private boolean pipelineStarted;

    private Gateway(GatewayConfig config, Database database, Main main, Services services, ValidationQueue validationQueue) {
        this.config = config;
        this.database = database;
        this.main = main;
        this.services = services;
        this.validationQueue = validationQueue;
    }

    /** The feature beans, for start-up tasks (demo seeding) and tests. */
    public record Services(DossierRepository dossiers, DossierService dossierService, UserService users,
                           ApiKeyService apiKeys, DocumentRepository documents, BlobStore blobs, IngestService ingest,
                           FolderIngest folders) {
    }

    /** Opens storage and prepares Camel; nothing is consumed before {@link #start()}. */
    public static Gateway create(GatewayConfig config) throws IOException {
        Files.createDirectories(config.inbox());
        Database database = Database.open(config.dbUrl(), config.dbUser(), config.dbPassword());
        try {
            return wire(config, database);
        } catch (RuntimeException | IOException e) {
            database.close();
            throw e;
        }
    }

    private static Gateway wire(GatewayConfig config, Database database) throws IOException {
        BlobStore blobs = new BlobStore(config.blobs());
        DossierRepository dossiers = new DossierRepository(database.jdbc());
        DocumentRepository documents = new DocumentRepository(database.jdbc());
        UserService users = new UserService(database.jdbc());
        ApiKeyService apiKeys = new ApiKeyService(database.jdbc(), dossiers);
        AccessService access = new AccessService(apiKeys, users, dossiers);
        DossierService dossierService = new DossierService(dossiers);
        IngestService ingest = new IngestService(dossiers, documents, blobs, new InvoiceReader(), database.transactions(),
                config.maxFileBytes());
        FolderIngest folders = new FolderIngest(config.inbox(), ingest);
        // the rule sets take tens of seconds to compile: in the background, the validation route waits for them
        CompletableFuture<InvoiceValidator> validator = CompletableFuture.supplyAsync(InvoiceValidator::shared);
        ValidationQueue validationQueue = new ValidationQueue(database.jdbc());
        ingest.onCommitted(validationQueue);

        Main main = new Main();
        main.configure().withRoutesIncludePattern("file:" + config.routesDir() + "/*.camel.yaml");
        main.addOverrideProperty("camel.server.port", String.valueOf(config.httpPort()));
        // multipart overhead on top of the largest file we accept; larger uploads get 413 from the HTTP server
        main.addOverrideProperty("camel.server.maxBodySize", String.valueOf(config.maxFileBytes() + 1024 * 1024));
        main.addOverrideProperty("gateway.inbox", config.inbox().toString());
        main.addOverrideProperty("gateway.folderPollMillis", String.valueOf(config.folderPollMillis()));

        main.bind("folderIngest", folders);
        main.bind("apiAuth", new ApiAuth(access));
        main.bind("apiErrors", new ApiErrors());
        main.bind("healthApi", new HealthApi(database.jdbc(), blobs, version()));
        main.bind("authApi", new AuthApi(users));
        main.bind("dossiersApi", new DossiersApi(access, dossierService, apiKeys, documents, folders));
        main.bind("documentsApi", new DocumentsApi(access, documents, blobs));
        main.bind("uploadApi", new UploadApi(access, ingest));
        // FacturXFallback.NONE: documents that did not arrive as valid Factur-X get one once the Factur-X writer is wired here
        main.bind("documentValidation", new DocumentValidation(documents, blobs, validator::join, database.transactions(),
                FacturXFallback.NONE));
        for (var dossier : database.jdbc().queryForList("SELECT siren FROM dossier", String.class)) {
            folders.createFolders(dossier);
        }
        Gateway gateway = new Gateway(config, database, main,
                new Services(dossiers, dossierService, users, apiKeys, documents, blobs, ingest, folders), validationQueue);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport ignored) {
                gateway.startPipeline();
                gateway.logStarted();
            }
        });
        return gateway;
    }

    public void start() throws Exception {
        main.start();
        startPipeline();
    }

    /** Once Camel runs: committed documents flow to validation, and those stored without a verdict are queued again. */
    private synchronized void startPipeline() {
        if (!pipelineStarted) {
            pipelineStarted = true;
            validationQueue.start(main.getCamelContext());
            validationQueue.resubmitUnvalidated();
        }
    }

    /** Starts, then blocks until the JVM is asked to stop (Ctrl-C, SIGTERM). */
    public void runUntilStopped() throws Exception {
        main.run();
    }

    private void logStarted() {
        long uptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        LOG.info("einvoice-gateway {} ready {} ms after JVM start: http://localhost:{}/api/health,"
                        + " drop folders {}/<SIREN>/purchase/, database {}", version(), uptime, config.httpPort(),
                config.inbox(), database.productName());
    }

    public CamelContext camel() {
        return main.getCamelContext();
    }

    public Services services() {
        return services;
    }

    public GatewayConfig config() {
        return config;
    }

    @Override
    public void close() {
        try {
            main.stop();
        } finally {
            database.close();
        }
    }

    static String version() {
        String version = Gateway.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
