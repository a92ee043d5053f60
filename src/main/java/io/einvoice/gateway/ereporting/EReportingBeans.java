package io.einvoice.gateway.ereporting;

import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.dispatch.pa.PaDispatcher;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.system.Database;
import org.apache.camel.main.Main;

import java.time.Clock;
import java.util.Map;

/** Binds the beans routes/ereporting.camel.yaml uses; the timer's period is GATEWAY_EREPORTING_POLL_SECONDS (3600). */
public final class EReportingBeans {

    private EReportingBeans() {
    }

    public static EReporting bind(Main main, Map<String, String> env, AccessService access, Database database,
                                  BlobStore blobs, DocumentRepository documents, DossierRepository dossiers, PaDispatcher pa) {
        String seconds = env.getOrDefault("GATEWAY_EREPORTING_POLL_SECONDS", "3600").strip();
        if (!seconds.matches("\\d{1,7}") || Long.parseLong(seconds) < 1) {
            throw new IllegalArgumentException("GATEWAY_EREPORTING_POLL_SECONDS must be a whole number of seconds, at least 1");
        }
        EReporting service = new EReporting(new EReports(database.jdbc()), documents, dossiers, blobs, pa,
                database.transactions(), Clock.systemUTC());
        main.addOverrideProperty("gateway.ereportingPollMillis", String.valueOf(Long.parseLong(seconds) * 1000));
        main.bind("ereporting", service);
        main.bind("ereportingApi", new EReportingApi(access, service));
        return service;
    }
}
