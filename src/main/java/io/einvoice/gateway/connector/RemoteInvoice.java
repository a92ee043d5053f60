package io.einvoice.gateway.connector;

/** One invoice a source lists: the supplier's id for it, its date as the source wrote it (or null), its file's URL. */
public record RemoteInvoice(String remoteId, String date, String downloadUrl) {

    /** The document's transport id: the same invoice listed again is the same document, never fetched twice. */
    public String transportId(String connectorId) {
        return "connector:" + connectorId + ":" + remoteId;
    }
}
