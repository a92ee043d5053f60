package io.einvoice.gateway.dispatch.chorus;

import io.einvoice.gateway.dispatch.chorus.simulator.ChorusSimulator;
import io.einvoice.gateway.dispatch.chorus.simulator.SimulatedChorus;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.dossier.Firm;
import io.einvoice.gateway.dossier.SecretCipher;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.system.Database;
import io.einvoice.gateway.system.TestDatabase;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A Chorus Pro simulator on a free port, a migrated database with two dossiers, and a dispatcher talking real HTTP (camel-http)
 * to the simulator with short timeouts. Dossier A's account is attached to the sample seller; dossier B's to another one.
 */
final class ChorusTestBed implements AutoCloseable {

    static final String SELLER_SIRET = "73282932000017";
    static final Set<String> ALL_APIS = Set.of("factures", "structures", "transverses", "utilisateurs");
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    final TestDatabase testDatabase;
    final Database database;
    final ChorusSimulator simulator;
    final ChorusAttempts attempts;
    final ChorusAccounts accounts;
    final String dossierA;
    final String dossierB;
    final ChorusCredentials credentialsA = new ChorusCredentials("client-a", "secret-a", "TECH_1_aaa@cpro.fr", "pass-a");
    final ChorusCredentials credentialsB = new ChorusCredentials("client-b", "secret-b", "TECH_2_bbb@cpro.fr", "pass-b");
    /** Where the client's camel-http calls go out, as in the gateway. */
    final CamelContext camel = new DefaultCamelContext();
    ChorusSettings settings;
    ChorusDispatcher dispatcher;

    ChorusTestBed(TestDatabase testDatabase) throws IOException {
        this.testDatabase = testDatabase;
        database = Database.open(testDatabase.url(), testDatabase.user(), testDatabase.password());
        DossierRepository dossiers = new DossierRepository(database.jdbc());
        Firm firm = new Firm(UUID.randomUUID().toString(), "Cabinet", "443322110");
        dossiers.insertFirm(firm);
        dossierA = UUID.randomUUID().toString();
        dossierB = UUID.randomUUID().toString();
        dossiers.insert(new Dossier(dossierA, firm.id(), "732829320", SELLER_SIRET, "Fournitures Lumière", null, 12, "ACTIVE", false));
        dossiers.insert(new Dossier(dossierB, firm.id(), "552100554", null, "Autre", null, 12, "ACTIVE", false));
        SimulatedChorus chorus = SimulatedChorus.withFixtures()
                .addTechnicalAccount("TECH_1_aaa@cpro.fr", "pass-a", Map.of(SELLER_SIRET, SampleInvoices.SELLER_NAME))
                .addTechnicalAccount("TECH_2_bbb@cpro.fr", "pass-b", Map.of("55210055400013", "Autre SAS"));
        simulator = ChorusSimulator.start(0, chorus)
                .addClient("client-a", "secret-a", ALL_APIS)
                .addClient("client-b", "secret-b", ALL_APIS);
        attempts = new ChorusAttempts(database.jdbc());
        accounts = new ChorusAccounts(database.jdbc(), SecretCipher.of("test secret key, long enough"));
        accounts.save(dossierA, credentialsA);
        accounts.save(dossierB, credentialsB);
        camel.start();
        settings = ChorusSettings.defaults(simulator.baseUrl(), simulator.tokenUrl())
                .withTimeouts(REQUEST_TIMEOUT, Duration.ofMillis(50), Duration.ofMillis(10));
        restart();
    }

    /** A new dispatcher and HTTP client on the same database, as after a restart of the gateway. */
    ChorusDispatcher restart() {
        dispatcher = new ChorusDispatcher(new ChorusApi(settings, () -> camel), attempts, accounts, Clock.systemUTC());
        return dispatcher;
    }

    SimulatedChorus chorus() {
        return simulator.chorus();
    }

    @Override
    public void close() {
        camel.stop();
        simulator.close();
        database.close();
        testDatabase.close();
    }
}
