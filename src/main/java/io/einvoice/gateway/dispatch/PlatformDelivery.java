package io.einvoice.gateway.dispatch;

import io.einvoice.gateway.document.Channel;
import io.einvoice.gateway.document.Direction;
import io.einvoice.gateway.ingest.IncomingFile;
import io.einvoice.gateway.ingest.IngestService;
import io.einvoice.gateway.ingest.UnknownDossierException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

/**
 * Delivers a sales invoice to a buyer that is another dossier of this platform: its Factur-X enters that dossier as a
 * purchase document through the ordinary ingest, so the whole purchase pipeline (validation, approval, archive) runs.
 * The transport id is the sales document's id: delivering twice (a crash after the ingest commit) stores it once. The
 * purchase, committed, comes back in the outcome for dispatch-send to hand on (routes/dispatch.camel.yaml).
 */
public class PlatformDelivery {

    private final IngestService ingest;

    public PlatformDelivery(IngestService ingest) {
        this.ingest = ingest;
    }

    public DispatchOutcome deliver(String salesDocumentId, String buyerSiren, String fileName, byte[] facturX) {
        IncomingFile file = new IncomingFile(buyerSiren, Direction.PURCHASE, Channel.PLATFORM, fileName,
                "platform:" + salesDocumentId);
        try {
            return DispatchOutcome.deliveredAsPurchase(ingest.receive(file, new ByteArrayInputStream(facturX)));
        } catch (UnknownDossierException e) {
            return DispatchOutcome.failed(false, null, null, List.of("the buyer's dossier " + buyerSiren
                    + " no longer exists on this platform"));
        } catch (IOException e) {
            return DispatchOutcome.failed(true, null, null, List.of("the buyer's dossier could not store the invoice: "
                    + e.getMessage()));
        }
    }
}
