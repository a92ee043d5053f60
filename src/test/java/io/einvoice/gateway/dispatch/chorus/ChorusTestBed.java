package io.einvoice.gateway.dispatch.chorus;

import io.einvoice.gateway.dispatch.OutboundTestBed;
import io.einvoice.gateway.dispatch.chorus.simulator.ChorusSimulator;
import io.einvoice.gateway.dispatch.chorus.simulator.SimulatedChorus;
import io.einvoice.gateway.dossier.SecretCipher;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.system.Database;
import io.einvoice.gateway.system.TestDatabase;
import org.apache.camel.CamelContext;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * A Chorus Pro simulator on a free port, a migrated database with two dossiers, and a dispatcher talking real HTTP (camel-http)
 * to the simulator with short timeouts. Dossier A's account is attached to the sample seller; dossier B's to another one.
 */
final class ChorusTestBed implements AutoCloseable {

    static final String SELLER_SIRET = "73282932000017";
    static final Set<String> ALL_APIS = Set.of("factures", "structures", "transverses", "utilisateurs");
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    final OutboundTestBed outbound;
    final TestDatabase testDatabase;
    final Database database;
    final ChorusSimulator simulator;
    final ChorusAttempts attempts;
    final ChorusAccounts accounts;
    final String dossierA;
    final String dossierB;
    final ChorusCredentials credentialsA = new ChorusCredentials("client-a", "secret-a", "TECH_1_aaa@cpro.fr", "pass-a");
    final ChorusCredentials credentialsB = new ChorusCredentials("client-b", "secret-b", "TECH_2_bbb@cpro.fr", "pass-b");
    final CamelContext camel;
    ChorusSettings settings;
    ChorusDispatcher dispatcher;

    ChorusTestBed(TestDatabase testDatabase) throws IOException {
        outbound = new OutboundTestBed(testDatabase);
        this.testDatabase = testDatabase;
        database = outbound.database;
        camel = outbound.camel;
        dossierA = outbound.dossier("732829320", SELLER_SIRET, "Fournitures Lumière");
        dossierB = outbound.dossier("552100554", null, "Autre");
        SimulatedChorus chorus = SimulatedChorus.withFixtures()
                .addTechnicalAccount("TECH_1_aaa@cpro.fr", "pass-a", Map.of(SELLER_SIRET, SampleInvoices.SELLER_NAME))
                .addTechnicalAccount("TECH_2_bbb@cpro.fr", "pass-b", Map.of("55210055400013", "Autre SAS"));
        simulator = outbound.simulator(ChorusSimulator.start(0, chorus)
                .addClient("client-a", "secret-a", ALL_APIS)
                .addClient("client-b", "secret-b", ALL_APIS));
        attempts = new ChorusAttempts(database.jdbc());
        accounts = new ChorusAccounts(database.jdbc(), SecretCipher.of("test secret key, long enough"));
        accounts.save(dossierA, credentialsA);
        accounts.save(dossierB, credentialsB);
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
        outbound.close();
    }
}
