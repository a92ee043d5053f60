package io.einvoice.gateway.dossier;

import io.einvoice.gateway.refusal.StateConflictException;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where a dossier is in its life. DRAFT: entered (by hand or an import), not yet confirmed by the firm; CREATED:
 * confirmed, its settings may be made, it receives nothing yet; ACTIVATED: it receives and its documents are processed;
 * DEACTIVATED: the firm stopped keeping it, nothing is processed any more (its history stays). Whatever arrives for a
 * dossier that is not ACTIVATED is stored and shown as HELD, and processed once it is activated.
 */
public enum DossierStatus {
    DRAFT, CREATED, ACTIVATED, DEACTIVATED;

    /** The moves people may make: forward through DRAFT, CREATED, ACTIVATED; deactivating and activating again. */
    public Set<DossierStatus> next() {
        return switch (this) {
            case DRAFT -> EnumSet.of(CREATED, DEACTIVATED);
            case CREATED -> EnumSet.of(ACTIVATED, DEACTIVATED);
            case ACTIVATED -> EnumSet.of(DEACTIVATED);
            case DEACTIVATED -> EnumSet.of(ACTIVATED);
        };
    }

    public boolean receives() {
        return this == ACTIVATED;
    }

    /** The stored value; ACTIVE, its name before dossiers had a life (and in fixtures written then), is ACTIVATED. */
    public static DossierStatus of(String stored) {
        if (stored == null || stored.equalsIgnoreCase("ACTIVE")) {
            return ACTIVATED;
        }
        return valueOf(stored.strip().toUpperCase(Locale.ROOT));
    }

    /** A transition the firm asked for that the dossier's life does not allow. */
    public static class TransitionRefusedException extends StateConflictException {
        public TransitionRefusedException(String siren, DossierStatus from, DossierStatus to) {
            super("transition_refused", "dossier " + siren + " is " + from + ": it cannot become " + to + (from.next().isEmpty() ? ""
                    : " (from " + from + " it can become " + String.join(" or ", from.next().stream().map(Enum::name).toList()) + ")"));
        }
    }
}
