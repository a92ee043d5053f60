package io.einvoice.gateway.sales;

import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.SecurityEvents;
import io.einvoice.gateway.facturx.FacturXWriter;
import io.einvoice.gateway.party.PartyRepository;
import io.einvoice.gateway.system.Database;
import io.einvoice.gateway.validation.InvoiceValidator;
import org.apache.camel.main.Main;

import java.time.Clock;
import java.util.function.Supplier;

/** Builds the sales beans and binds them by the names routes/sales.camel.yaml uses. */
public final class SalesBeans {

    /** French invoices are dated in France, whatever the server's zone. */
    static final Clock PARIS = Clock.system(java.time.ZoneId.of("Europe/Paris"));

    private SalesBeans() {
    }

    /** What the rest of the gateway uses: the catalogue and settings (start-up tasks: the demo seller's), and the APIs
     * the web pages call. */
    public record Bound(CatalogueRepository catalogue, SalesSettingsRepository settings, CatalogueApi catalogueApi, SalesInvoicesApi invoicesApi,
                        SalesSettingsApi settingsApi) {
    }

    public static Bound bind(Main main, AccessService access, Database database, BlobStore blobs, DocumentRepository documents,
                            PartyRepository parties, Supplier<InvoiceValidator> validator) {
        CatalogueRepository catalogue = new CatalogueRepository(database.jdbc());
        SalesRepository sales = new SalesRepository(database.jdbc());
        SalesSettingsRepository settings = new SalesSettingsRepository(database.jdbc());
        DraftService drafts = new DraftService(sales, catalogue, parties, settings, documents, blobs, database.transactions(), PARIS);
        FinaliseService finalisation = new FinaliseService(drafts, sales, settings, documents, blobs, new FacturXWriter(),
                validator, database.transactions(), PARIS);
        PaymentStatuses payments = new PaymentStatuses(drafts, sales, documents, database.transactions(), PARIS);
        CatalogueApi catalogueApi = new CatalogueApi(access, catalogue);
        main.bind("catalogueApi", catalogueApi);
        SalesSettingsApi settingsApi = new SalesSettingsApi(access, settings, database.transactions(),
                new SecurityEvents(database.jdbc(), Clock.systemUTC()));
        main.bind("salesSettingsApi", settingsApi);
        SalesInvoicesApi invoicesApi = new SalesInvoicesApi(access, drafts, finalisation, payments, sales, documents, PARIS);
        main.bind("salesInvoicesApi", invoicesApi);
        return new Bound(catalogue, settings, catalogueApi, invoicesApi, settingsApi);
    }
}
