package io.einvoice.gateway.dispatch;

import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.dossier.Firm;
import io.einvoice.gateway.system.Database;
import io.einvoice.gateway.system.TestDatabase;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

import java.util.UUID;

/**
 * What the test beds of a platform the gateway sends to (Chorus Pro, a PA) stand on: a migrated database with one firm
 * whose dossiers the bed adds, and the started Camel context the connector's camel-http calls go out through, as in the
 * gateway; and the simulator of the platform, closed first.
 */
public final class OutboundTestBed implements AutoCloseable {

    public final TestDatabase testDatabase;
    public final Database database;
    public final DossierRepository dossiers;
    public final CamelContext camel = new DefaultCamelContext();
    private final Firm firm = new Firm(UUID.randomUUID().toString(), "Cabinet", "443322110");
    private AutoCloseable simulator = () -> { };

    public OutboundTestBed(TestDatabase testDatabase) {
        this.testDatabase = testDatabase;
        database = Database.open(testDatabase.url(), testDatabase.user(), testDatabase.password());
        dossiers = new DossierRepository(database.jdbc());
        dossiers.insertFirm(firm);
        camel.start();
    }

    /** A new active dossier of the firm; its id. */
    public String dossier(String siren, String siret, String name) {
        String id = UUID.randomUUID().toString();
        dossiers.insert(new Dossier(id, firm.id(), siren, siret, name, null, 12, "ACTIVE", false));
        return id;
    }

    /** The platform's simulator, closed before the rest. */
    public <T extends AutoCloseable> T simulator(T simulator) {
        this.simulator = simulator;
        return simulator;
    }

    @Override
    public void close() {
        try {
            simulator.close();
        } catch (Exception e) {
            throw new IllegalStateException("the platform's simulator did not close", e);
        } finally {
            try {
                camel.stop();
                database.close();
            } finally {
                testDatabase.close();
            }
        }
    }
}
