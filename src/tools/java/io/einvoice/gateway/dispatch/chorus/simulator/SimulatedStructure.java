package io.einvoice.gateway.dispatch.chorus.simulator;

import java.util.List;

/**
 * A structure of the simulated Chorus Pro: a public recipient with its {@code parametres} flags and services, or a
 * supplier. Fixtures: {@link #qualificationRecipients()} (doc §5, one 2026 qualification dataset) and the demo buyer.
 */
public record SimulatedStructure(long id, String siret, String name, boolean publicEntity, boolean serviceCodeRequired,
                                 boolean commitmentRequired, boolean serviceCodeOrCommitment, List<Service> services) {

    public record Service(long id, String code, String label, boolean active) {
    }

    public SimulatedStructure {
        services = List.copyOf(services);
    }

    /** Every public structure has FACTURES_PUBLIQUES, reserved for invoices between public entities (doc §5.3). */
    private static final Service PUBLIC_TO_PUBLIC = new Service(9000, "FACTURES_PUBLIQUES", "Factures publiques", true);

    public static List<SimulatedStructure> qualificationRecipients() {
        return List.of(
                new SimulatedStructure(26_311_051, "12345678200051", "DESTINATAIRE SANS PARAMETRE", true, false, false, false,
                        List.of(PUBLIC_TO_PUBLIC)),
                new SimulatedStructure(26_311_036, "12345678200036", "DESTINATAIRE EJ OBLIGATOIRE", true, false, true, false,
                        List.of(PUBLIC_TO_PUBLIC)),
                new SimulatedStructure(26_311_028, "12345678200028", "DESTINATAIRE SERVICE OBLIGATOIRE", true, true, false, false,
                        List.of(PUBLIC_TO_PUBLIC, new Service(9101, "SERVICE_DEST_SERV_OBL", "Service obligatoire", true),
                                new Service(9102, "SERVICE_FERME", "Service fermé", false))),
                new SimulatedStructure(26_311_044, "12345678200044", "DESTINATAIRE SERVICE ET EJ OBLIGATOIRES", true, true, true,
                        false, List.of(PUBLIC_TO_PUBLIC, new Service(9201, "SERVICE_DEST_SERV_EJ", "Service et EJ", true))),
                new SimulatedStructure(26_311_000, "11000201100044", "Destinataire État", true, true, false, false,
                        List.of(PUBLIC_TO_PUBLIC, new Service(9301, "SFACETAT", "Service facturier de l'État", true))));
    }

    /** docs/contract.md: the public demo buyer needs neither service code nor commitment number. */
    public static SimulatedStructure communeDeDemo() {
        return new SimulatedStructure(26_400_019, "98765432400019", "Commune de Démo", true, false, false, false,
                List.of(PUBLIC_TO_PUBLIC, new Service(9401, "MAIRIE", "Mairie", true)));
    }

    public static SimulatedStructure supplier(long id, String siret, String name) {
        return new SimulatedStructure(id, siret, name, false, false, false, false, List.of());
    }
}
