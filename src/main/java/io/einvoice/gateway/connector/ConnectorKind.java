package io.einvoice.gateway.connector;

/** Where a connector finds its supplier's invoices. */
public enum ConnectorKind {
    /** A JSON API listing the invoices, page by page, each with an id, a date and a download URL. */
    REST_JSON,
    /** A web portal: a login form (cookie session), a listing page, download links matched by a pattern. */
    PORTAL,
    /** An SFTP folder where the supplier (or its EDI provider) deposits files; the server's host key is pinned. */
    SFTP,
    /** An FTPS folder (FTP over TLS, explicit or implicit); the server's certificate is pinned. */
    FTPS,
    /** Chorus Pro reception: the invoices a public buyer's structure receives, through the Chorus Pro API. */
    CHORUS_PRO
}
