package io.einvoice.gateway.connector;

/**
 * A REST/JSON source: {@code listUrl} answers a JSON document whose {@code itemsPointer} (RFC 6901) is the array of
 * invoices; in each item, {@code idPointer}, {@code datePointer} (optional) and {@code downloadPointer} name the
 * supplier's id, the invoice date and where its file is. With {@code pageParameter}, pages 1, 2... are asked until one
 * is empty; with {@code sinceParameter}, the newest date already fetched is sent so the source lists only newer ones.
 * {@code apiKeyHeader} is for {@link RestAuth#API_KEY}, {@code username} for {@link RestAuth#BASIC}, {@code tokenUrl}
 * and {@code clientId} for {@link RestAuth#OAUTH2} (client credentials).
 */
public record RestSettings(String listUrl, String pageParameter, String sinceParameter, String itemsPointer,
                           String idPointer, String datePointer, String downloadPointer, RestAuth auth,
                           String apiKeyHeader, String username, String tokenUrl, String clientId)
        implements SourceSettings {

    public RestAuth authOrNone() {
        return auth == null ? RestAuth.NONE : auth;
    }
}
