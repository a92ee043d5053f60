package io.einvoice.gateway.connector;

/**
 * A connector as a caller sends it (create, or replace its settings): its kind's settings under {@code rest} or
 * {@code portal}, {@code sftp}, {@code ftps} or {@code chorusPro}. {@code secret}: the token, API key, password or client secret; left out on a change, the stored one
 * is kept. {@code pollMinutes}: how often it runs (default 60).
 */
public record ConnectorRequest(String name, ConnectorKind kind, Integer pollMinutes, RestSettings rest, String secret,
                               PortalSettings portal, SftpSettings sftp, ChorusProSettings chorusPro, FtpsSettings ftps) {

    public ConnectorRequest(String name, ConnectorKind kind, Integer pollMinutes, RestSettings rest, String secret,
                            PortalSettings portal, SftpSettings sftp) {
        this(name, kind, pollMinutes, rest, secret, portal, sftp, null, null);
    }

    public ConnectorRequest(String name, ConnectorKind kind, Integer pollMinutes, RestSettings rest, String secret) {
        this(name, kind, pollMinutes, rest, secret, null, null);
    }

    public ConnectorRequest(String name, ConnectorKind kind, Integer pollMinutes, String secret, PortalSettings portal) {
        this(name, kind, pollMinutes, null, secret, portal, null);
    }

    public ConnectorRequest(String name, ConnectorKind kind, Integer pollMinutes, String secret, SftpSettings sftp) {
        this(name, kind, pollMinutes, null, secret, null, sftp, null, null);
    }

    public ConnectorRequest(String name, ConnectorKind kind, Integer pollMinutes, String secret, ChorusProSettings chorusPro) {
        this(name, kind, pollMinutes, null, secret, null, null, chorusPro, null);
    }

    public ConnectorRequest(String name, ConnectorKind kind, Integer pollMinutes, String secret, FtpsSettings ftps) {
        this(name, kind, pollMinutes, null, secret, null, null, null, ftps);
    }
}
