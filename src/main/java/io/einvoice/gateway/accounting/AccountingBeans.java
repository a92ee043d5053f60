package io.einvoice.gateway.accounting;

import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.system.Database;
import org.apache.camel.main.Main;

import java.nio.file.Path;
import java.time.Clock;

/** Builds the accounting beans and binds them by the names the routes use. */
public final class AccountingBeans {

    /** Entries and export files are dated in France, whatever the server's zone. */
    static final Clock PARIS = Clock.system(java.time.ZoneId.of("Europe/Paris"));

    private AccountingBeans() {
    }

    /**
     * @param mailer automatic exports to an e-mail address leave through it
     * @param home   GATEWAY_HOME: automatic exports go to its {@code export/} folder
     */
    public static void bind(Main main, AccessService access, Database database, BlobStore blobs, DocumentRepository documents,
                            DossierRepository dossiers, ExportMailer mailer, Path home) {
        ChartSettingsRepository charts = new ChartSettingsRepository(database.jdbc());
        SupplierAccounts suppliers = new SupplierAccounts(database.jdbc());
        JournalRepository journal = new JournalRepository(database.jdbc());
        AccountingExport export = new AccountingExport(journal, documents, blobs, database.transactions(), PARIS);
        main.bind("journalService", new JournalService(documents, dossiers, journal, charts, suppliers, blobs, database.jdbc(),
                database.transactions(), PARIS));
        main.bind("autoExports", new AutoExports(charts, journal, dossiers, export, mailer, home.resolve("export"), PARIS));
        main.bind("accountingApi", new AccountingApi(access, documents, charts, suppliers, journal,
                new EntryCorrection(journal, suppliers, documents, database.transactions(), PARIS), export, mailer));
    }
}
