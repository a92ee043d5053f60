package io.einvoice.gateway.dispatch.chorus;

import java.time.OffsetDateTime;
import java.util.List;

/** One deposit of one invoice on Chorus Pro and what became of it (table chorus_attempt). */
public record ChorusAttempt(String id, String dossierId, String documentId, String invoiceNumber, String facturxSha256,
                            State state, String fluxNumber, String fluxState, Long chorusInvoiceId, String chorusStatus,
                            List<String> reasons, OffsetDateTime createdAt, OffsetDateTime updatedAt, int version) {

    public enum State {
        /** recorded before the deposit call; not (yet) known to have been taken */
        PENDING,
        /** flux number known, flux not processed yet */
        DEPOSITED,
        /** the invoice exists on Chorus Pro (identifiantFactureCPP known); its status is followed */
        INTEGRATED,
        /** MISE_EN_PAIEMENT reached */
        PAID,
        /** flux rejected or invoice REJETEE: nothing more to follow */
        REJECTED,
        /** never deposited (refused before, or unreachable): another attempt may be made */
        FAILED;

        /** An attempt in one of these states stands for the invoice on Chorus Pro: no second deposit. */
        public boolean holdsTheInvoice() {
            return this == PENDING || this == DEPOSITED || this == INTEGRATED || this == PAID;
        }
    }

    public ChorusAttempt {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** The next state, still naming the version it was derived from (see {@link ChorusAttempts#update}). */
    ChorusAttempt with(State newState, String newFluxNumber, String newFluxState, Long newInvoiceId, String newStatus,
                       List<String> newReasons) {
        return new ChorusAttempt(id, dossierId, documentId, invoiceNumber, facturxSha256, newState, newFluxNumber,
                newFluxState, newInvoiceId, newStatus, newReasons, createdAt, OffsetDateTime.now(), version);
    }

    ChorusAttempt stored() {
        return new ChorusAttempt(id, dossierId, documentId, invoiceNumber, facturxSha256, state, fluxNumber, fluxState,
                chorusInvoiceId, chorusStatus, reasons, createdAt, updatedAt, version + 1);
    }
}
