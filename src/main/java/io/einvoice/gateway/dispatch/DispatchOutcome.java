package io.einvoice.gateway.dispatch;

import io.einvoice.gateway.ingest.IngestResult;

import java.util.List;

/**
 * What one send of a sales invoice came to, whatever the channel. A failure says whether sending again can succeed
 * without changing the invoice ({@code retryFeasible}: network trouble, credentials to fix) or not (the recipient's
 * rejection: the invoice must be corrected or re-issued), and carries the reasons as the recipient worded them.
 *
 * @param delivered     the recipient took the invoice (for Chorus Pro: the flux was deposited)
 * @param retryFeasible for a failure: a later identical send may succeed
 * @param reference     the recipient's reference (Chorus Pro: numeroFluxDepot), null when none
 * @param status        the recipient-side status when known (Chorus Pro: flux state or invoice status)
 * @param reasons       readable failure reasons, empty on success
 * @param committed     delivered to another dossier of this platform: the purchase document it is there, committed,
 *                      which dispatch-send hands to that dossier's pipeline (routes/dispatch.camel.yaml); else null
 */
public record DispatchOutcome(boolean delivered, boolean retryFeasible, String reference, String status,
                              List<String> reasons, IngestResult committed) {

    public DispatchOutcome {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    public static DispatchOutcome delivered(String reference, String status) {
        return new DispatchOutcome(true, false, reference, status, List.of(), null);
    }

    /** Delivered to another dossier of this platform: the reference is the purchase document it became there. */
    public static DispatchOutcome deliveredAsPurchase(IngestResult purchase) {
        return new DispatchOutcome(true, false, purchase.documentId(), purchase.status().name(), List.of(), purchase);
    }

    public static DispatchOutcome failed(boolean retryFeasible, String reference, String status, List<String> reasons) {
        return new DispatchOutcome(false, retryFeasible, reference, status, reasons, null);
    }
}
