package io.einvoice.gateway.dispatch.chorus.simulator;

import io.einvoice.gateway.dispatch.chorus.ChorusCredentials;
import io.einvoice.gateway.facturx.SampleInvoices;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The Chorus Pro simulator of {@code ./gateway demo}: the fixtures (qualification recipients, "Commune de Démo"), one
 * PISTE application subscribed to every API and one technical account attached to the demo suppliers.
 */
public final class DemoChorus {

    /** Supplier structures of the demo technical account: the demo dossiers (Luhn-valid SIRETs) and the sample seller. */
    public static final Map<String, String> SUPPLIERS = Map.of(
            "12345678200010", "DEMONSTRATION",
            "44332211000018", "Cabinet Démo",
            "73282932000017", SampleInvoices.SELLER_NAME);
    public static final ChorusCredentials CREDENTIALS = new ChorusCredentials("demo-piste-client", "demo-piste-secret",
            "TECH_1_demo@cpro.fr", "demo-technical-password");

    private DemoChorus() {
    }

    public static ChorusSimulator start(int port) throws IOException {
        SimulatedChorus chorus = SimulatedChorus.withFixtures()
                .addTechnicalAccount(CREDENTIALS.technicalLogin(), CREDENTIALS.technicalPassword(), SUPPLIERS);
        return ChorusSimulator.start(port, chorus).addClient(CREDENTIALS.pisteClientId(), CREDENTIALS.pisteClientSecret(),
                Set.of("factures", "structures", "transverses", "utilisateurs", "engagementsJuridiques"));
    }

    /** The {@code "chorus"} entry of demo-credentials.json. */
    public static Map<String, Object> describe(ChorusSimulator simulator) {
        Map<String, Object> chorus = new LinkedHashMap<>();
        chorus.put("baseUrl", simulator.baseUrl());
        chorus.put("tokenUrl", simulator.tokenUrl());
        chorus.put("clientId", CREDENTIALS.pisteClientId());
        chorus.put("clientSecret", CREDENTIALS.pisteClientSecret());
        chorus.put("technicalLogin", CREDENTIALS.technicalLogin());
        chorus.put("technicalPassword", CREDENTIALS.technicalPassword());
        chorus.put("supplierSirets", SUPPLIERS.keySet().stream().sorted().toList());
        chorus.put("adminHooks", Map.of(
                "processFlux", "POST " + simulator.baseUrl() + "/simulator/flux/traiter",
                "moveInvoice", "POST " + simulator.baseUrl() + "/simulator/factures/statut"
                        + " {\"numeroFacture\": \"...\", \"statut\": \"MISE_EN_PAIEMENT\"}",
                "invoices", "GET " + simulator.baseUrl() + "/simulator/factures"));
        return chorus;
    }
}
