package io.einvoice.gateway.system;

import io.einvoice.gateway.dispatch.DispatchSettings;
import io.einvoice.gateway.dispatch.pa.PaBeans;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.outbound.OutboundGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

/**
 * {@code ./gateway demo} made ready: its Chorus Pro ({@link DemoChorusEndpoint}), its PA ({@link DemoPa}), the gateway
 * with statuses followed every 5 s, the demo firm seeded, the samples dropped once and the demo mail server; all read from the environment
 * given, so a test can run the demo as a user would.
 */
public final class Demo implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
    static final Duration CHORUS_FOLLOW = Duration.ofSeconds(5);

    private final DemoChorusEndpoint chorus;
    private final Gateway gateway;
    private final DemoMailServer mail;
    private final DemoSupplierPortal supplierPortal;
    private final DemoPa pa;

    private Demo(DemoChorusEndpoint chorus, Gateway gateway, DemoMailServer mail, DemoSupplierPortal supplierPortal,
                 DemoPa pa) {
        this.pa = pa;
        this.chorus = chorus;
        this.gateway = gateway;
        this.mail = mail;
        this.supplierPortal = supplierPortal;
    }

    /** Everything but Camel started: then {@link Gateway#runUntilStopped()} or {@link Gateway#start()}. */
    public static Demo prepare(Map<String, String> env) throws Exception {
        GatewayConfig config = GatewayConfig.fromEnvironment(env);
        OutboundSmtp smtp = OutboundSmtp.fromEnvironment(env);
        int demoSmtp = DemoMailServer.smtpPort();
        if (smtp == null) {
            smtp = DemoMailServer.outbound(demoSmtp);
        }
        DispatchSettings dispatch = DispatchSettings.fromEnvironment(env);
        DemoChorusEndpoint chorus = DemoChorusEndpoint.choose(env);
        Gateway gateway = null;
        DemoPa pa = null;
        try {
            pa = DemoPa.start(env);
            PaBeans.Settings paFromEnv = PaBeans.Settings.fromEnvironment(env);
            gateway = Gateway.create(config, chorus.settings(), new DispatchSettings(dispatch.retryInitial(),
                    dispatch.maxAttempts(), CHORUS_FOLLOW, dispatch.mailTimeout()), smtp,
                    // the demo's mail server and PA run on this machine: its mailboxes, SMTP settings and PA point there
                    OutboundGuard.fromEnvironment(env).allowing("127.0.0.1"),
                    new PaBeans.Settings(DemoPa.FOLLOW, paFromEnv.timeout(), paFromEnv.directoryUrl()));
            DemoSeeder seeder = new DemoSeeder(gateway.services(), config.home());
            seeder.seed();
            seeder.seedSales(chorus.credentials());
            pa.seed(gateway, config);
            dropSamplesOnce(config);
            // the supplier's portal runs on this machine: allowed above with the mail server's address
            DemoSupplierPortal supplierPortal = DemoSupplierPortal.start(gateway.connectors(), gateway.services().dossiers());
            DemoMailServer mail;
            try {
                mail = DemoMailServer.start(gateway.services(), seeder, demoSmtp);
            } catch (Exception | Error e) {
                supplierPortal.close();
                throw e;
            }
            seeder.addToCredentials("chorus", chorus.describe());
            seeder.addToCredentials("pa", pa.describe());
            // the password stays in the credentials file (readable by whoever runs the demo), never in the log
            LOG.info("demo: open http://localhost:{}/ in a browser and log in as {} with the adminPassword of {}",
                    config.httpPort(), DemoSeeder.ADMIN_EMAIL, config.home().resolve("demo-credentials.json"));
            LOG.info("demo: Chorus Pro at {} ({})", chorus.settings().apiUrl(),
                    chorus.simulated() ? "built-in simulator" : "set by " + DemoChorusEndpoint.API_URL + "/" + DemoChorusEndpoint.TOKEN_URL);
            LOG.info("demo: plateforme agréée (simulated, XP Z12-013 flow API) at {}", pa.simulator().baseUrl());
            return new Demo(chorus, gateway, mail, supplierPortal, pa);
        } catch (Exception | Error e) {
            if (gateway != null) {
                gateway.close();
            }
            if (pa != null) {
                pa.close();
            }
            chorus.close();
            throw e;
        }
    }

    public Gateway gateway() {
        return gateway;
    }

    /** "Fournisseur Télécom": its portal and the PORTAL connector of DEMONSTRATION. */
    public DemoSupplierPortal supplierPortal() {
        return supplierPortal;
    }

    public DemoChorusEndpoint chorus() {
        return chorus;
    }

    /** The simulated plateforme agréée and what the demo set up with it. */
    public DemoPa pa() {
        return pa;
    }

    /** So the first demo start visibly does its job: the samples go into the demo dossier's drop folder once. */
    private static void dropSamplesOnce(GatewayConfig config) throws Exception {
        Path marker = config.home().resolve(".demo-samples-dropped");
        if (Files.exists(marker)) {
            return;
        }
        Path purchase = config.inbox().resolve(DemoSeeder.DEMO_DOSSIER_SIREN).resolve("purchase");
        SampleInvoices.writeAll(purchase);
        // and a scan, for the web interface's path: open it, correct what OCR read, approve it
        writeOnce(purchase, ScannedSample.FILE, ScannedSample.png(ScannedSample.NUMBER));
        // two sales of the demo seller: one to the public buyer (Chorus Pro), one to DEMONSTRATION (the platform)
        Path sales = config.inbox().resolve(DemoSeeder.FIRM_SIREN).resolve("sales");
        Files.createDirectories(sales);
        writeOnce(sales, "vente-commune.pdf", SampleInvoices.chorusFacturXPdf("DEMO-CPP-0001",
                SampleInvoices.PublicBuyer.plain("98765432400019"), DemoSeeder.FIRM_AS_SELLER));
        writeOnce(sales, "vente-demonstration.pdf", SampleInvoices.facturXPdf("DEMO-PLAT-0001", DemoSeeder.FIRM_AS_SELLER));
        Files.writeString(marker, "samples dropped into " + purchase + " and " + sales + "\n");
        LOG.info("demo: sample invoices dropped into {} and {}", purchase, sales);
    }

    /** Under a hidden name first: the folder is watched and must never see a half-written file. */
    static void writeOnce(Path dir, String name, byte[] content) throws Exception {
        Path temporary = dir.resolve("." + name + ".tmp");
        Files.write(temporary, content);
        Files.move(temporary, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() {
        try {
            supplierPortal.close();
            mail.close();
        } finally {
            try {
                gateway.close();
            } finally {
                pa.close();
                chorus.close();
            }
        }
    }
}
