package io.einvoice.gateway.dossier;

import java.util.Set;

/** Who is calling: a person of a firm, or a dossier's API key. Every read is scoped through {@link #canSee}. */
public sealed interface Caller {

    boolean canSee(Dossier dossier);

    /** How the caller appears in document events. */
    String label();

    /** A person of a client company (role CLIENT): a few endpoints of their own dossier only. */
    default boolean isClient() {
        return false;
    }

    record Person(User user, Set<String> assignedDossierIds) implements Caller {
        @Override
        public boolean canSee(Dossier dossier) {
            if (!dossier.firmId().equals(user.firmId())) {
                return false;
            }
            return switch (user.role()) {
                case ADMIN -> true;
                case ADMIN_EXCEPT_FIRM -> !dossier.firmOwn();
                case USER -> assignedDossierIds.contains(dossier.id());
                // the firm's own books are never a client's, even if assigned by mistake
                case CLIENT -> assignedDossierIds.contains(dossier.id()) && !dossier.firmOwn();
            };
        }

        @Override
        public boolean isClient() {
            return user.role() == Role.CLIENT;
        }

        @Override
        public String label() {
            return "user:" + user.email();
        }
    }

    record DossierKey(Dossier dossier, String keyPrefix) implements Caller {
        @Override
        public boolean canSee(Dossier other) {
            return dossier.id().equals(other.id());
        }

        @Override
        public String label() {
            return "api-key:" + keyPrefix;
        }
    }
}
