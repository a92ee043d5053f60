package io.einvoice.gateway.dispatch.chorus;

import java.util.Map;

/**
 * What a buyer's Chorus Pro structure demands (structures/v1/consulter {@code parametres} and rechercher/services).
 *
 * @param services service code → active (estActif, within its validity dates)
 */
public record StructureRules(long idStructureCpp, String siret, String name, boolean serviceCodeRequired,
                             boolean commitmentRequired, boolean serviceCodeOrCommitment, Map<String, Boolean> services) {

    public StructureRules {
        services = Map.copyOf(services);
    }

    /**
     * OCA's reading of the flags (doc §5.2): {@code gestionNumeroEJOuCodeService} → service code or EJ; otherwise each
     * flag demands its own field.
     */
    public boolean needsServiceCode() {
        return serviceCodeRequired && !serviceCodeOrCommitment;
    }

    public boolean needsCommitment() {
        return commitmentRequired && !serviceCodeOrCommitment;
    }
}
