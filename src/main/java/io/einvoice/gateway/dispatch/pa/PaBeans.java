package io.einvoice.gateway.dispatch.pa;

import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.connector.SupplierHttp;
import io.einvoice.gateway.dispatch.DispatchRepository;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.dossier.SecretCipher;
import io.einvoice.gateway.ingest.IngestService;
import io.einvoice.gateway.lifecycle.LifecycleRepository;
import io.einvoice.gateway.outbound.OutboundGuard;
import io.einvoice.gateway.system.Database;
import org.apache.camel.main.Main;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** Builds the PA connector and binds the beans routes/pa.camel.yaml uses; the dispatcher goes to DispatchService. */
public final class PaBeans {

    /**
     * Follow-up period (GATEWAY_PA_FOLLOW_SECONDS), call timeout (GATEWAY_PA_TIMEOUT_SECONDS) and the Directory
     * Service's URL when it is not at the flow API's (GATEWAY_PA_DIRECTORY_URL; null: each account's base URL).
     */
    public record Settings(Duration follow, Duration timeout, String directoryUrl) {

        public Settings(Duration follow, Duration timeout) {
            this(follow, timeout, null);
        }

        public static Settings fromEnvironment(Map<String, String> env) {
            return new Settings(Duration.ofSeconds(seconds(env, "GATEWAY_PA_FOLLOW_SECONDS", 60)),
                    Duration.ofSeconds(seconds(env, "GATEWAY_PA_TIMEOUT_SECONDS", 30)), url(env, "GATEWAY_PA_DIRECTORY_URL"));
        }

        private static String url(Map<String, String> env, String name) {
            String value = env.get(name);
            if (value == null || value.isBlank()) {
                return null;
            }
            String url = value.strip().replaceAll("/+$", "");
            if (!url.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?") || url.length() > 500) {
                throw new IllegalArgumentException(name + " must be an http(s) URL without query, at most 500 characters");
            }
            return url;
        }

        private static long seconds(Map<String, String> env, String name, long fallback) {
            String value = env.get(name);
            if (value == null || value.isBlank()) {
                return fallback;
            }
            if (!value.strip().matches("\\d{1,6}") || Long.parseLong(value.strip()) < 1) {
                throw new IllegalArgumentException(name + " must be a whole number of seconds, at least 1");
            }
            return Long.parseLong(value.strip());
        }
    }

    /**
     * What the composition root keeps: the dispatcher for DispatchService, the directory service behind each
     * dossier's PA, the accounts for the demo's seeding.
     */
    public record Bound(PaDispatcher dispatcher, PaDirectory directory, PaAccounts accounts) {
    }

    private PaBeans() {
    }

    public static Bound bind(Main main, Settings settings, AccessService access, Database database, BlobStore blobs,
                                    DocumentRepository documents, DossierRepository dossiers, DispatchRepository dispatch,
                                    IngestService ingest, SecretCipher secrets, OutboundGuard guard, long maxFileBytes,
                                    String publicUrl) {
        PaAccounts accounts = new PaAccounts(database.jdbc(), secrets);
        PaFlows flows = new PaFlows(database.jdbc());
        SupplierHttp http = new SupplierHttp(guard, main::getCamelContext, d -> Thread.sleep(d.toMillis()),
                settings.timeout(), "pa");
        PaApi api = new PaApi(http, d -> Thread.sleep(d.toMillis()), Clock.systemUTC(), 4, Duration.ofSeconds(1),
                (int) Math.min(Integer.MAX_VALUE - 8, maxFileBytes), settings.directoryUrl());
        PaDispatcher dispatcher = new PaDispatcher(api, accounts, flows, dossiers);
        PaFollower follower = new PaFollower(api, accounts, flows, dispatcher, dossiers, documents, dispatch,
                new LifecycleRepository(database.jdbc()), blobs, ingest, database.transactions(),
                new PaWebhookSubscriptions(api, accounts, dossiers, publicUrl));
        main.addOverrideProperty("gateway.paFollowMillis", String.valueOf(settings.follow().toMillis()));
        main.bind("paFollower", follower);
        main.bind("paSettingsApi", new PaSettingsApi(access, new PaAccountService(accounts, guard, database.transactions())));
        main.bind("paWebhook", new PaWebhook(dossiers, accounts, follower));
        return new Bound(dispatcher, new PaDirectory(api, dispatcher), accounts);
    }
}
