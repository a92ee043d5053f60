package io.einvoice.gateway.api;

import io.einvoice.gateway.document.Channel;
import io.einvoice.gateway.document.Direction;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.Caller;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.ingest.IncomingFile;
import io.einvoice.gateway.ingest.IngestResult;
import io.einvoice.gateway.ingest.IngestService;
import io.einvoice.gateway.ingest.UnknownDossierException;
import io.einvoice.gateway.refusal.InvalidInputException;
import io.einvoice.gateway.refusal.NotVisibleException;
import jakarta.activation.DataHandler;
import org.apache.camel.Exchange;
import org.apache.camel.attachment.AttachmentMessage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * POST /api/dossiers/{siren}/purchase-invoices and POST /api/dossiers/{siren}/sales-invoices/files (invoices from
 * billing software, sent on once valid), multipart field {@code file}: the same ingest as the drop folders. The route
 * stores the upload ({@link #upload}), hands the committed document on, then answers 202 ({@link #accepted}).
 */
public class UploadApi {

    private final AccessService access;
    private final IngestService ingest;

    public UploadApi(AccessService access, IngestService ingest) {
        this.access = access;
        this.ingest = ingest;
    }

    /** @return the committed document, for the route to hand on */
    public IngestResult upload(Exchange exchange) throws IOException, UnknownDossierException {
        return upload(exchange, Direction.PURCHASE);
    }

    public IngestResult uploadSales(Exchange exchange) throws IOException, UnknownDossierException {
        return upload(exchange, Direction.SALES);
    }

    /** The answer, once the document is committed and handed on. */
    public Map<String, Object> accepted(IngestResult committed) {
        return DocumentsApi.accepted(committed);
    }

    private IngestResult upload(Exchange exchange, Direction direction) throws IOException, UnknownDossierException {
        Caller caller = exchange.getProperty("caller", Caller.class);
        String siren = exchange.getMessage().getHeader("siren", String.class);
        Dossier dossier = access.visibleDossier(caller, siren).orElseThrow(() -> new NotVisibleException("dossier " + siren));
        DataHandler file = fileField(exchange);
        IncomingFile incoming = new IncomingFile(dossier.siren(), direction, Channel.UPLOAD, file.getName(), null);
        try (InputStream content = file.getInputStream()) {
            return ingest.receive(incoming, content);
        }
    }

    private static DataHandler fileField(Exchange exchange) {
        AttachmentMessage message = exchange.getMessage(AttachmentMessage.class);
        if (message == null || !message.hasAttachments()) {
            throw new InvalidInputException("send the invoice as multipart/form-data in a field named 'file'");
        }
        if (message.getAttachmentNames().size() > 1) {
            throw new InvalidInputException("send one file per request (got " + message.getAttachmentNames().size() + ")");
        }
        return message.getAttachment(message.getAttachmentNames().iterator().next());
    }
}
