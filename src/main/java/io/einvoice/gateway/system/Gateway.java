package io.einvoice.gateway.system;

import io.einvoice.gateway.web.AdminPages;
import io.einvoice.gateway.web.ArchivePages;
import io.einvoice.gateway.web.DocumentPages;
import io.einvoice.gateway.web.DossierPages;
import io.einvoice.gateway.web.PageImages;
import io.einvoice.gateway.web.PartyPages;
import io.einvoice.gateway.web.SalesPages;
import io.einvoice.gateway.web.SettingsPages;
import io.einvoice.gateway.web.WebApp;
import io.einvoice.gateway.web.WebSession;
import io.einvoice.gateway.document.InboxListing;
import io.einvoice.gateway.accounting.AccountingBeans;
import io.einvoice.gateway.accounting.ExportMailer;
import io.einvoice.gateway.directory.Directory;
import io.einvoice.gateway.directory.DirectoryApi;
import io.einvoice.gateway.directory.DirectoryLines;
import io.einvoice.gateway.api.ApiAuth;
import io.einvoice.gateway.api.ArchiveApi;
import io.einvoice.gateway.api.ApiErrors;
import io.einvoice.gateway.api.AuthApi;
import io.einvoice.gateway.api.DocumentsApi;
import io.einvoice.gateway.api.DossiersApi;
import io.einvoice.gateway.api.HealthApi;
import io.einvoice.gateway.api.HttpGuards;
import io.einvoice.gateway.api.ReplayApi;
import io.einvoice.gateway.api.UploadApi;
import io.einvoice.gateway.archive.Archive;
import io.einvoice.gateway.archive.ArchiveRequests;
import io.einvoice.gateway.approval.ApprovalApi;
import io.einvoice.gateway.approval.ApprovalPolicy;
import io.einvoice.gateway.approval.ApprovalQueries;
import io.einvoice.gateway.approval.ApprovalService;
import io.einvoice.gateway.approval.DuplicateDetector;
import io.einvoice.gateway.approval.SettingsRepository;
import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.lifecycle.LifecycleBeans;
import io.einvoice.gateway.dispatch.DispatchApi;
import io.einvoice.gateway.dispatch.DispatchRepository;
import io.einvoice.gateway.dispatch.DispatchService;
import io.einvoice.gateway.dispatch.DispatchSettings;
import io.einvoice.gateway.dispatch.EmailSender;
import io.einvoice.gateway.dispatch.PlatformDelivery;
import io.einvoice.gateway.dispatch.SalesIntake;
import io.einvoice.gateway.dispatch.SmtpSettingsStore;
import io.einvoice.gateway.dispatch.chorus.ChorusAccounts;
import io.einvoice.gateway.dispatch.chorus.ChorusApi;
import io.einvoice.gateway.dispatch.chorus.ChorusAttempts;
import io.einvoice.gateway.dispatch.chorus.ChorusDispatcher;
import io.einvoice.gateway.dispatch.pa.PaAccounts;
import io.einvoice.gateway.dispatch.pa.PaBeans;
import io.einvoice.gateway.dispatch.pa.PaDispatcher;
import io.einvoice.gateway.ereporting.EReportingBeans;
import io.einvoice.gateway.dispatch.chorus.ChorusSettings;
import io.einvoice.gateway.document.DocumentReplays;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.document.DossierTotals;
import io.einvoice.gateway.document.StageQuarantine;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.ApiKeyService;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.dossier.DossierLifecycle;
import io.einvoice.gateway.dossier.DossierService;
import io.einvoice.gateway.dossier.LoginService;
import io.einvoice.gateway.dossier.LoginThrottle;
import io.einvoice.gateway.dossier.SecurityEvents;
import io.einvoice.gateway.dossier.UserService;
import io.einvoice.gateway.facturx.FacturXGeneration;
import io.einvoice.gateway.facturx.FacturXWriter;
import io.einvoice.gateway.facturx.InvoiceReader;
import io.einvoice.gateway.ingest.FolderAttempts;
import io.einvoice.gateway.ingest.FolderIngest;
import io.einvoice.gateway.ingest.HiddenFileGrace;
import io.einvoice.gateway.ingest.IngestResult;
import io.einvoice.gateway.ingest.IngestService;
import io.einvoice.gateway.ingest.ReplayService;
import io.einvoice.gateway.party.PartiesApi;
import io.einvoice.gateway.party.PartyImport;
import io.einvoice.gateway.party.PartyRepository;
import io.einvoice.gateway.party.PartyService;
import io.einvoice.gateway.party.SupplierDirectory;
import io.einvoice.gateway.party.SupplierIbans;
import io.einvoice.gateway.api.RecognitionApi;
import io.einvoice.gateway.recognition.CorrectionService;
import io.einvoice.gateway.recognition.DocumentRecognizer;
import io.einvoice.gateway.recognition.FieldExtractor;
import io.einvoice.gateway.recognition.RecognisedFacturX;
import io.einvoice.gateway.recognition.RecognitionConfig;
import io.einvoice.gateway.recognition.RecognitionRepository;
import io.einvoice.gateway.recognition.RecognitionService;
import io.einvoice.gateway.recognition.TesseractOcr;
import io.einvoice.gateway.api.MailApi;
import io.einvoice.gateway.dossier.SecretCipher;
import io.einvoice.gateway.ingest.mail.InboundAddressRepository;
import io.einvoice.gateway.ingest.mail.MailAttachmentExtractor;
import io.einvoice.gateway.ingest.mail.MailAuthenticators;
import io.einvoice.gateway.ingest.mail.MailIngest;
import io.einvoice.gateway.ingest.mail.MailReceipts;
import io.einvoice.gateway.ingest.mail.ReceiptMailer;
import io.einvoice.gateway.ingest.mail.MailSettings;
import io.einvoice.gateway.ingest.mail.MailboxReader;
import io.einvoice.gateway.ingest.mail.MailboxRepository;
import io.einvoice.gateway.ingest.mail.MailboxRoutes;
import io.einvoice.gateway.ingest.mail.ZipLimits;
import io.einvoice.gateway.connector.Connectors;
import io.einvoice.gateway.outbound.OutboundGuard;
import io.einvoice.gateway.sales.CatalogueRepository;
import io.einvoice.gateway.sales.SalesBeans;
import io.einvoice.gateway.sales.SalesSettingsRepository;
import io.einvoice.gateway.users.FirmOnboarding;
import io.einvoice.gateway.users.ContactInvitations;
import io.einvoice.gateway.users.DossierImport;
import io.einvoice.gateway.users.DossierLifeApi;
import io.einvoice.gateway.users.InvitationMailer;
import io.einvoice.gateway.users.UserAdministration;
import io.einvoice.gateway.users.UsersApi;
import io.einvoice.gateway.users.FirstStartAdmin;
import io.einvoice.gateway.validation.DocumentValidation;
import io.einvoice.gateway.validation.InvoiceValidator;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

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
    private final TesseractOcr ocr;

    private final WebApp web;
    private Connectors connectors;
    private PaAccounts paAccounts;

    private Gateway(GatewayConfig config, Database database, Main main, Services services, TesseractOcr ocr, WebApp web) {
        this.web = web;
        this.ocr = ocr;
        this.config = config;
        this.database = database;
        this.main = main;
        this.services = services;
    }

    /** The dossiers' PA accounts (the demo points two at its simulated PA). */
    public PaAccounts paAccounts() {
        return paAccounts;
    }

    /** Transactions on the gateway's database, for start-up tasks that write several rows at once. */
    public TransactionTemplate transactions() {
        return database.transactions();
    }

    /** The supplier-portal connectors (the demo adds one). */
    public Connectors connectors() {
        return connectors;
    }

    /** The feature beans, for start-up tasks (demo seeding) and tests. */
    public record Services(DossierRepository dossiers, DossierService dossierService, UserService users,
                           ApiKeyService apiKeys, DocumentRepository documents, BlobStore blobs, IngestService ingest,
                           FolderIngest folders, Archive archive, PartyRepository parties, PartyService partyService,
                           SettingsRepository settings, ApprovalService approvals, PartyImport partyImport,
                           RecognitionRepository recognitions,
                           MailSettings mailSettings, MailboxRoutes mailboxRoutes, CatalogueRepository catalogue,
                           SalesSettingsRepository salesSettings,
                           SmtpSettingsStore smtpSettings, ChorusAccounts chorusAccounts, DispatchRepository dispatch) {
    }

    /** Opens storage and prepares Camel; nothing is consumed before {@link #start()}. */
    public static Gateway create(GatewayConfig config) throws IOException {
        Gateway gateway = create(config, ChorusSettings.fromEnvironment(System.getenv()),
                DispatchSettings.fromEnvironment(System.getenv()), OutboundSmtp.fromEnvironment(System.getenv()));
        try {
            gateway.firstStart(System.getenv());
        } catch (RuntimeException | IOException e) {
            gateway.close();
            throw e;
        }
        return gateway;
    }

    /** The firm and its first administrator from GATEWAY_ADMIN_* when no user exists yet ({@link FirstStartAdmin}). */
    public void firstStart(java.util.Map<String, String> env) throws IOException {
        var created = FirstStartAdmin.createIfAsked(env, FirmOnboarding.of(database));
        if (created.isPresent()) {
            services.folders().createFolders(created.get().ownDossier().siren());
        }
    }

    /**
     * With the Chorus Pro endpoint (the demo's simulator, a test's), dispatch timings and the gateway's own outbound mail
     * server (receipts; null: it sends no mail of its own) given rather than read.
     */
    public static Gateway create(GatewayConfig config, ChorusSettings chorus, DispatchSettings dispatch, OutboundSmtp smtp)
            throws IOException {
        return create(config, chorus, dispatch, smtp, OutboundGuard.fromEnvironment(System.getenv()));
    }

    /** With the guard of connections to hosts users set given (the demo and tests allow their local mail servers). */
    public static Gateway create(GatewayConfig config, ChorusSettings chorus, DispatchSettings dispatch, OutboundSmtp smtp,
                                 OutboundGuard guard) throws IOException {
        return create(config, chorus, dispatch, smtp, guard, PaBeans.Settings.fromEnvironment(System.getenv()));
    }

    /** With the PA follow-up period and timeout given (the demo follows its simulated PA every few seconds). */
    public static Gateway create(GatewayConfig config, ChorusSettings chorus, DispatchSettings dispatch, OutboundSmtp smtp,
                                 OutboundGuard guard, PaBeans.Settings pa) throws IOException {
        return create(config, chorus, dispatch, smtp, guard, pa, Cluster.fromEnvironment(System.getenv(), config.home()));
    }

    /** With the broker and the cluster's lock folder given (a test's own broker queue prefix). */
    static Gateway create(GatewayConfig config, ChorusSettings chorus, DispatchSettings dispatch, OutboundSmtp smtp,
                          OutboundGuard guard, PaBeans.Settings pa, Cluster cluster) throws IOException {
        Files.createDirectories(config.inbox());
        Database database = Database.open(config.dbUrl(), config.dbUser(), config.dbPassword());
        try {
            return wire(config, database, chorus, dispatch, smtp, guard, pa, cluster);
        } catch (RuntimeException | IOException e) {
            database.close();
            throw e;
        }
    }

    private static Gateway wire(GatewayConfig config, Database database, ChorusSettings chorusSettings,
                                DispatchSettings dispatchSettings, OutboundSmtp smtp, OutboundGuard guard,
                                PaBeans.Settings paSettings, Cluster cluster) throws IOException {
        BlobStore blobs = new BlobStore(config.blobs());
        DossierRepository dossiers = new DossierRepository(database.jdbc());
        DocumentRepository documents = new DocumentRepository(database.jdbc());
        UserService users = new UserService(database.jdbc());
        SecurityEvents securityEvents = new SecurityEvents(database.jdbc(), Clock.systemUTC());
        ApiKeyService apiKeys = new ApiKeyService(database.jdbc(), database.transactions(), dossiers, securityEvents);
        AccessService access = new AccessService(apiKeys, users, dossiers);
        DossierService dossierService = new DossierService(dossiers);
        RecognitionConfig recognitionConfig = RecognitionConfig.fromEnvironment(System.getenv());
        TesseractOcr ocr = TesseractOcr.fromEnvironment(recognitionConfig.ocrThreads());
        RecognitionRepository recognitions = new RecognitionRepository(database.jdbc());
        RecognitionService recognition = new RecognitionService(dossiers, documents, recognitions, blobs,
                new DocumentRecognizer(ocr, recognitionConfig.limits()), new FieldExtractor(), database.transactions());
        Main main = new Main();
        IngestService ingest = new IngestService(dossiers, documents, blobs, InvoiceReader.configured(), database.transactions(),
                config.maxFileBytes(), true);
        FolderIngest folders = new FolderIngest(config.inbox(), ingest,
                new FolderAttempts(database.jdbc(), database.transactions()), database::flushCommitted);
        // the rule sets take tens of seconds to compile: in the background, the validation route waits for them
        CompletableFuture<InvoiceValidator> validator = CompletableFuture.supplyAsync(InvoiceValidator::shared);
        MailboxRepository mailboxes = new MailboxRepository(database.jdbc());
        InboundAddressRepository inboundAddresses = new InboundAddressRepository(database.jdbc());
        SecretCipher secrets = SecretCipher.fromEnvironment(System.getenv("GATEWAY_SECRET_KEY"), config.home());
        MailboxRoutes mailboxRoutes = new MailboxRoutes(mailboxes, secrets, MailAuthenticators.MICROSOFT, guard);
        MailSettings mailSettings = new MailSettings(mailboxes, inboundAddresses, secrets, database.transactions(),
                mailboxRoutes, smtp != null, guard);
        MailIngest mailIngest = new MailIngest(mailboxes, inboundAddresses, dossiers, documents, blobs, ingest,
                new MailAttachmentExtractor(new ZipLimits(ZipLimits.DEFAULT.maxEntries(), config.maxFileBytes(),
                        ZipLimits.DEFAULT.maxTotalBytes())),
                new MailReceipts(inboundAddresses::receiptWantedBySiren, smtp == null ? null : smtp.from(),
                        new RouteEntry(main::getCamelContext, "seda:mail-receipt")::accept));
        Archive archive = Archive.create(database.jdbc(), database.transactions(), blobs, documents, dossiers,
                Archive.retentionYears(System.getenv()));
        PartyRepository parties = new PartyRepository(database.jdbc());
        SupplierIbans supplierIbans = new SupplierIbans(database.jdbc(), parties);
        PartyService partyService = new PartyService(parties, supplierIbans, documents, database.transactions());
        PartyImport partyImport = new PartyImport(parties, supplierIbans, database.transactions());
        SettingsRepository settings = new SettingsRepository(database.jdbc());
        ApprovalQueries approvalQueries = new ApprovalQueries(database.jdbc());
        ApprovalService approvals = new ApprovalService(documents, dossiers, settings, parties,
                new SupplierDirectory(parties, partyService), supplierIbans, new DuplicateDetector(database.jdbc()), approvalQueries,
                new ApprovalPolicy(), database.transactions());
        DispatchRepository dispatch = new DispatchRepository(database.jdbc());
        SmtpSettingsStore smtpSettings = new SmtpSettingsStore(database.jdbc(), secrets, guard);
        ChorusAccounts chorusAccounts = new ChorusAccounts(database.jdbc(), secrets);
        // one client for sending and receiving: one token cache per PISTE application
        ChorusApi chorusApi = new ChorusApi(chorusSettings, main::getCamelContext);
        ChorusDispatcher chorus = new ChorusDispatcher(chorusApi, new ChorusAttempts(database.jdbc()),
                chorusAccounts, Clock.systemUTC());
        PaBeans.Bound paBeans = PaBeans.bind(main, paSettings, access, database, blobs,
                documents, dossiers, dispatch, ingest, secrets, guard, config.maxFileBytes(), publicUrl(config));
        PaDispatcher pa = paBeans.dispatcher();
        EReportingBeans.bind(main, System.getenv(), access, database, blobs, documents, dossiers, pa);
        DirectoryLines directoryLines = new DirectoryLines(database.jdbc(), database.transactions());
        Directory directory = new Directory(directoryLines, paBeans.directory(), Clock.systemUTC());
        EmailSender emailSender = new EmailSender(dispatchSettings.mailTimeout(), guard);
        DispatchService dispatchService = new DispatchService(documents, dispatch, blobs, dossiers, parties,
                new DispatchService.Channels(chorus, new PlatformDelivery(ingest), smtpSettings, emailSender, pa, directory),
                database.transactions(), dispatchSettings, Clock.systemUTC());

        main.configure().withRoutesIncludePattern("file:" + config.routesDir() + "/*.camel.yaml");
        main.addOverrideProperty("camel.server.port", String.valueOf(config.httpPort()));
        Observability.configure(main, config.management());
        // multipart overhead on top of the largest file we accept; larger uploads get 413 from the HTTP server
        main.addOverrideProperty("camel.server.maxBodySize", String.valueOf(config.maxFileBytes() + 1024 * 1024));
        main.addOverrideProperty("gateway.inbox", config.inbox().toString());
        main.addOverrideProperty("gateway.folderPollMillis", String.valueOf(config.folderPollMillis()));
        main.addOverrideProperty("gateway.approvalPollMillis", String.valueOf(config.folderPollMillis()));
        main.addOverrideProperty("gateway.chorusFollowMillis", String.valueOf(dispatchSettings.chorusFollow().toMillis()));
        cluster.configure(main, recognitionConfig.ocrThreads());
        LOG.info("cluster: {}", cluster.describe());

        main.bind("ingestService", ingest);
        main.bind("folderIngest", folders);
        main.bind("documentMdc", new DocumentMdc(documents));
        main.bind("hiddenFileGrace", new HiddenFileGrace(Clock.systemUTC()));
        main.bind("apiAuth", new ApiAuth(access));
        main.bind("apiErrors", new ApiErrors());
        main.bind("healthApi", new HealthApi(database.jdbc(), blobs, version()));
        LoginService logins = new LoginService(users, LoginThrottle.standard(database.jdbc(), database.transactions()),
                securityEvents);
        main.bind("authApi", new AuthApi(logins));
        UserAdministration userAdministration = new UserAdministration(database.jdbc(), database.transactions(), dossiers,
                users, securityEvents, smtp == null ? new InvitationMailer(null, null, null, null)
                : new InvitationMailer(smtp.session(), smtp.from(), smtp.username(), smtp.password()),
                publicUrl(config), Clock.systemUTC());
        UsersApi usersApi = new UsersApi(userAdministration);
        main.bind("usersApi", usersApi);
        DossierLifecycle<IngestResult> lifecycle = new DossierLifecycle<>(dossiers, securityEvents, database.transactions(),
                ingest::release, new ContactInvitations(userAdministration));
        main.bind("dossierLifeApi", new DossierLifeApi(access, dossiers, lifecycle,
                new DossierImport(database.jdbc(), database.transactions(), dossiers, securityEvents),
                new DossierTotals(database.jdbc()), siren -> {
                    try {
                        folders.createFolders(siren);
                    } catch (IOException e) {
                        // the dossier is committed; its folders are made at the next start (every dossier's are)
                        LOG.error("dossier {}: drop folders not made: {}", siren, e.getMessage());
                    }
                }));
        DossiersApi dossiersApi = new DossiersApi(access, dossierService, apiKeys, documents, folders);
        main.bind("dossiersApi", dossiersApi);
        DocumentReplays replays = new DocumentReplays(database.jdbc());
        DocumentsApi documentsApi = new DocumentsApi(access, documents, blobs, parties, dispatch, replays);
        main.bind("documentsApi", documentsApi);
        ReplayApi replayApi = new ReplayApi(access, documents, new ReplayService(documents, replays, dossiers, ingest));
        main.bind("replayApi", replayApi);
        main.bind("stageQuarantine", new StageQuarantine(documents, database.transactions()));
        main.bind("dispatchService", dispatchService);
        main.bind("chorusDispatcher", chorus);
        main.bind("salesIntake", new SalesIntake(documents, dispatch, database.transactions(), dossiers));
        DispatchApi dispatchApi = new DispatchApi(access, documents, dispatch, smtpSettings);
        main.bind("dispatchApi", dispatchApi);
        main.bind("uploadApi", new UploadApi(access, ingest));
        main.bind("archiveRequests", new ArchiveRequests(archive.service(), documents));
        ArchiveApi archiveApi = new ArchiveApi(access, documents, archive.service(), archive.entries(), blobs);
        main.bind("archiveApi", archiveApi);
        main.bind("approvalService", approvals);
        PartiesApi partiesApi = new PartiesApi(access, parties, partyService, partyImport, supplierIbans);
        main.bind("partiesApi", partiesApi);
        ApprovalApi approvalApi = new ApprovalApi(access, documents, approvals, settings, approvalQueries, dossiers,
                securityEvents);
        main.bind("approvalApi", approvalApi);
        main.bind("recognitionService", recognition);
        RecognitionApi recognitionApi = new RecognitionApi(access, documents, recognitions,
                new CorrectionService(documents, recognitions, database.transactions()));
        main.bind("recognitionApi", recognitionApi);
        main.bind("directoryApi", new DirectoryApi(directory, directoryLines));
        main.bind("mailboxReader", new MailboxReader(mailIngest, MailboxReader.maxMailBytes(config.maxFileBytes())));
        main.bind("mailboxRoutes", mailboxRoutes);
        main.bind("receiptMailer", smtp == null ? new ReceiptMailer(null, null, null, null)
                : new ReceiptMailer(smtp.session(), smtp.from(), smtp.username(), smtp.password()));
        main.bind("failedInput", new FailedInput());
        MailApi mailApi = new MailApi(access, mailSettings);
        main.bind("mailApi", mailApi);
        // documents that did not arrive as a valid Factur-X get one written from their data
        FacturXGeneration facturx = new FacturXGeneration(new InvoiceReader(), new FacturXWriter(), blobs, documents,
                dossiers, database.transactions());
        RecognisedFacturX recognisedFacturX = new RecognisedFacturX(recognitions, dossiers, documents, blobs, new FacturXWriter(),
                recognitionConfig.limits(), database.transactions());
        main.bind("facturXGeneration", facturx);
        main.bind("recognisedFacturX", recognisedFacturX);
        main.bind("documentValidation", new DocumentValidation(documents, dossiers, blobs, validator::join, database.transactions()));
        LifecycleBeans.bind(main, access, database, blobs, documents, dossiers);
        Connectors connectors = Connectors.bind(main, database.jdbc(), access, dossiers, documents, ingest, secrets, guard,
                chorusApi, config.maxFileBytes());
        SalesBeans.Bound salesBeans = SalesBeans.bind(main, access, database, blobs, documents, parties, validator::join);
        // the web pages are served by a Vert.x router (WebApp), not by routes: their uploads, replays and corrections
        // enter the routes from Java, after their commit; every other channel hands its documents on in routes/
        Consumer<IngestResult> handOn = new RouteEntry(main::getCamelContext, "direct:ingest-committed")::accept;
        WebApp web = new WebApp(new WebSession(access), logins,
                new DossierPages(access, approvalQueries, new InboxListing(database.jdbc()), ingest, handOn),
                new DocumentPages(access, documents, documentsApi, recognitionApi, approvalApi, replayApi, archive.entries(),
                        new PageImages(database.jdbc(), blobs), blobs, handOn,
                        new RouteEntry(main::getCamelContext, "direct:recognition-corrected")::accept),
                new ArchivePages(access, archive.entries(), archiveApi), userAdministration,
                new PartyPages(access, parties, partiesApi),
                new SalesPages(access, salesBeans.invoicesApi(), salesBeans.catalogueApi(), partiesApi, dispatchApi),
                new SettingsPages(access, approvalApi, mailApi, dispatchApi, salesBeans.settingsApi(), dossiersApi),
                new AdminPages(access, usersApi));
        AccountingBeans.bind(main, access, database, blobs, documents, dossiers, new ExportMailer(smtpSettings, emailSender),
                config.home());
        for (var dossier : database.jdbc().queryForList("SELECT siren FROM dossier", String.class)) {
            folders.createFolders(dossier);
        }
        Gateway gateway = new Gateway(config, database, main,
                new Services(dossiers, dossierService, users, apiKeys, documents, blobs, ingest, folders, archive, parties,
                        partyService, settings, approvals, partyImport, recognitions,
                        mailSettings, mailboxRoutes, salesBeans.catalogue(), salesBeans.settings(), smtpSettings, chorusAccounts, dispatch), ocr, web);
        gateway.connectors = connectors;
        gateway.paAccounts = paBeans.accounts();
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport ignored) {
                HttpGuards.install(main.getCamelContext(), config.httpPort());
                web.install(main.getCamelContext(), config.httpPort());
                Observability.install(main.getCamelContext(), database.jdbc(), blobs);
                try {
                    mailboxRoutes.attach(main.getCamelContext());
                } catch (Exception e) {
                    throw new IllegalStateException("the mailbox routes could not be started: " + e.getMessage(), e);
                }
                connectors.attach(main.getCamelContext());
                gateway.logStarted();
            }
        });
        return gateway;
    }

    public void start() throws Exception {
        main.start();
        // main.start() does not call the listeners' afterStart (main.run() does)
        HttpGuards.install(main.getCamelContext(), config.httpPort());
        web.install(main.getCamelContext(), config.httpPort());
        Observability.install(main.getCamelContext(), database.jdbc(), services.blobs());
        services.mailboxRoutes().attach(main.getCamelContext());
        connectors.attach(main.getCamelContext());
    }

    /** Starts, then blocks until the JVM is asked to stop (Ctrl-C, SIGTERM). */
    public void runUntilStopped() throws Exception {
        main.run();
    }

    private void logStarted() {
        long uptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        LOG.info("einvoice-gateway {} ready {} ms after JVM start: http://localhost:{}/api/health,"
                        + " drop folders {}/<SIREN>/purchase/ and sales/, database {}", version(), uptime, config.httpPort(),
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
            ocr.close();
            database.close();
        }
    }

    /** Where people reach the gateway, for links in mails (invitations): GATEWAY_PUBLIC_URL, or this machine. */
    static String publicUrl(GatewayConfig config) {
        String url = System.getenv("GATEWAY_PUBLIC_URL");
        return url == null || url.isBlank() ? "http://localhost:" + config.httpPort() : url.strip();
    }

    static String version() {
        String version = Gateway.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
