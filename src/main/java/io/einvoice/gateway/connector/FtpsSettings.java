package io.einvoice.gateway.connector;

/**
 * An FTPS folder (FTP over TLS) where a supplier or an EDI provider deposits invoices: {@code host}, {@code port}
 * (default 21, or 990 when {@code implicitTls}), {@code username} (the connector's secret is the password),
 * {@code remoteDir} and {@code pattern} as for SFTP. {@code implicitTls} false is explicit FTPS (AUTH TLS on the
 * plain port), true is TLS from the first byte. {@code certificateSha256} is the server certificate's SHA-256
 * fingerprint (hex, colons allowed): required, the server must show that certificate (a supplier's server is often
 * self-signed, so no CA chain is trusted instead). {@code afterFetch} LEAVE or MOVE into {@code moveTo}.
 */
public record FtpsSettings(String host, Integer port, String username, Boolean implicitTls, String remoteDir,
                           String pattern, String certificateSha256, SftpSettings.AfterFetch afterFetch, String moveTo)
        implements SourceSettings {

    public boolean implicit() {
        return Boolean.TRUE.equals(implicitTls);
    }

    public int portOrDefault() {
        return port != null ? port : implicit() ? 990 : 21;
    }

    public String patternOrDefault() {
        return pattern == null ? SftpSettings.DEFAULT_PATTERN : pattern;
    }

    public SftpSettings.AfterFetch afterFetchOrLeave() {
        return afterFetch == null ? SftpSettings.AfterFetch.LEAVE : afterFetch;
    }

    /** The fingerprint as 64 lower-case hex digits. */
    public String fingerprint() {
        return certificateSha256.replace(":", "").strip().toLowerCase(java.util.Locale.ROOT);
    }
}
