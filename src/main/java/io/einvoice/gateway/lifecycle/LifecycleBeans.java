package io.einvoice.gateway.lifecycle;

import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.system.Database;
import org.apache.camel.main.Main;

import java.time.Clock;

/** Builds the lifecycle beans and binds them by the names routes/lifecycle.camel.yaml and api-documents-reject use. */
public final class LifecycleBeans {

    private LifecycleBeans() {
    }

    public static void bind(Main main, AccessService access, Database database, BlobStore blobs, DocumentRepository documents,
                            DossierRepository dossiers) {
        LifecycleRepository lifecycle = new LifecycleRepository(database.jdbc());
        main.bind("lifecycleEmission", new LifecycleEmission(lifecycle, documents, dossiers, blobs, database.transactions(),
                Clock.systemUTC()));
        main.bind("lifecycleApi", new LifecycleApi(access, documents, lifecycle, blobs, database.transactions()));
    }
}
