package io.einvoice.gateway.connector;

import io.einvoice.gateway.outbound.HostRefusedException;
import io.einvoice.gateway.outbound.OutboundGuard;
import org.apache.camel.CamelContext;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.camel.component.file.remote.SftpComponent;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.component.file.remote.SftpOperations;
import org.apache.camel.component.file.remote.SftpRemoteFile;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Reads a {@link ConnectorKind#SFTP} folder through camel-ftp's SFTP operations (JSch). The host is resolved and
 * checked by the {@link OutboundGuard} first, and the connection goes to the address it checked (a name cannot
 * resolve elsewhere in between). The server must show the pinned host key: an unknown or changed key stops the
 * connector. One connection per run, closed when the run ends. A file is one invoice per path, size and modification
 * time ({@code <path>:<size>:<mtime>}): the same file is never fetched twice, a file replaced by another is. Files
 * larger than the gateway takes are left where they are, unread; at most {@link RemoteFolder#MAX_FILES} are listed per run.
 */
public class SftpSource implements InvoiceSource {

    private final OutboundGuard guard;
    private final Supplier<CamelContext> camel;
    private final Duration timeout;
    /** connector id -> the connection its current run opened */
    private final Map<String, SftpOperations> open = new ConcurrentHashMap<>();

    public SftpSource(OutboundGuard guard, Supplier<CamelContext> camel, Duration timeout) {
        this.guard = guard;
        this.camel = camel;
        this.timeout = timeout;
    }

    @Override
    public ConnectorKind kind() {
        return ConnectorKind.SFTP;
    }

    @Override
    public Listing list(Connector c, String secret, String cursor) throws ConnectorException {
        SftpSettings s = c.sftp();
        SftpOperations sftp = connected(c, secret);
        SftpRemoteFile[] files;
        try {
            files = sftp.listFiles(s.remoteDir());
        } catch (GenericFileOperationFailedException e) {
            throw ConnectorException.passing("the SFTP server could not list the folder " + s.remoteDir()
                    + " (it may not exist or not be readable by " + s.username() + "); the next run tries again", e);
        }
        List<RemoteFolder.Entry> entries = new ArrayList<>();
        for (SftpRemoteFile f : files == null ? new SftpRemoteFile[0] : files) {
            entries.add(new RemoteFolder.Entry(f.getFilename(), !f.isDirectory(), f.getFileLength(), f.getLastModified()));
        }
        return RemoteFolder.listing(new RemoteFolder.Place("SFTP", s.host(), s.portOrDefault(), s.remoteDir()),
                s.patternOrDefault(), entries);
    }

    @Override
    public byte[] download(Connector c, String secret, RemoteInvoice invoice, int maxBytes) throws ConnectorException {
        RemoteFolder.refuseTooLarge(invoice, maxBytes, "SFTP");
        return RemoteFolder.download(connected(c, secret), camel.get(), "SFTP", invoice, maxBytes);
    }

    @Override
    public void stored(Connector c, RemoteInvoice invoice) throws ConnectorException {
        SftpSettings s = c.sftp();
        if (s.afterFetchOrLeave() == SftpSettings.AfterFetch.MOVE) {
            RemoteFolder.moveStored(open.get(c.id()), invoice, s.moveTo());
        }
    }

    @Override
    public void finished(Connector c) {
        RemoteFolder.close(open.remove(c.id()));
    }

    /** The run's connection, opened at its first call: host checked by the guard, host key pinned. */
    private SftpOperations connected(Connector c, String secret) throws ConnectorException {
        SftpOperations current = open.get(c.id());
        if (current != null) {
            return current;
        }
        SftpSettings s = c.sftp();
        InetAddress address;
        try {
            address = guard.connectAddress(s.host());
        } catch (HostRefusedException e) {
            throw ConnectorException.stopping(e.getMessage() + " (sftp.host)", e);
        } catch (UnknownHostException e) {
            throw ConnectorException.passing("the SFTP host " + s.host() + " is not known (DNS); the next run tries"
                    + " again", e);
        }
        String ip = address.getHostAddress();
        SftpEndpoint endpoint = endpoint(s, address);
        endpoint.getConfiguration().setKnownHosts(knownHosts(ip, s.portOrDefault(), s.hostKey()));
        if (s.authOrPassword() == SftpSettings.Auth.KEY) {
            endpoint.getConfiguration().setPrivateKey(secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8));
        } else {
            endpoint.getConfiguration().setPassword(secret);
        }
        SftpOperations sftp = (SftpOperations) endpoint.createRemoteFileOperations();
        try {
            sftp.connect(endpoint.getConfiguration(), null);
        } catch (GenericFileOperationFailedException e) {
            throw refused(s, e);
        }
        open.put(c.id(), sftp);
        return sftp;
    }

    private SftpEndpoint endpoint(SftpSettings s, InetAddress address) throws ConnectorException {
        String host = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        long millis = timeout.toMillis();
        String uri = "sftp://" + host + ":" + s.portOrDefault() + "?strictHostKeyChecking=yes&useUserKnownHostsFile=false"
                + "&autoCreateKnownHostsFile=false&streamDownload=true&stepwise=false&maximumReconnectAttempts=0"
                + "&serverHostKeys=" + serverHostKeys(s.hostKey()) + "&connectTimeout=" + millis + "&soTimeout=" + millis
                + "&timeout=" + millis;
        try {
            // made by the component, not registered in the context: its credentials live only for this run
            SftpComponent component = camel.get().getComponent("sftp", SftpComponent.class);
            SftpEndpoint endpoint = (SftpEndpoint) component.createEndpoint(uri);
            endpoint.getConfiguration().setUsername(s.username());
            return endpoint;
        } catch (Exception e) {
            throw ConnectorException.passing("the SFTP connection could not be prepared (" + e.getClass().getSimpleName()
                    + ")", e);
        }
    }

    /** The pinned key for the address connected to, as JSch looks it up (with the port when it is not 22). */
    static byte[] knownHosts(String ip, int port, String hostKey) {
        String key = keyOf(hostKey);
        String names = port == 22 ? ip : ip + ",[" + ip + "]:" + port;
        return (names + " " + key + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** "type base64" of a known_hosts or .pub line (a comment after it dropped). */
    static String keyOf(String hostKey) {
        String[] parts = hostKey.trim().split("\\s+");
        return parts[0] + " " + parts[1];
    }

    /** Only the pinned key's algorithm is negotiated: a server with several keys shows the one pinned. */
    static String serverHostKeys(String hostKey) {
        String type = hostKey.trim().split("\\s+")[0];
        return type.equals("ssh-rsa") ? "rsa-sha2-512,rsa-sha2-256,ssh-rsa" : type;
    }

    private static ConnectorException refused(SftpSettings s, Exception e) {
        String text = chain(e).toLowerCase(Locale.ROOT);
        if (text.contains("hostkey") || text.contains("host key")) {
            return ConnectorException.stopping("the SFTP server " + s.host() + " did not show the pinned host key (it"
                    + " changed, or the server is not the one configured): check the key with the supplier and enter"
                    + " it in sftp.hostKey (PUT /api/connectors/{id}); the connector is stopped until then", e);
        }
        if (text.contains("auth fail") || text.contains("auth cancel") || text.contains("authentication")
                || text.contains("invalid privatekey")) {
            return ConnectorException.stopping("the SFTP server refused the username or "
                    + (s.authOrPassword() == SftpSettings.Auth.KEY ? "private key" : "password") + " for "
                    + s.username() + ": enter the right one (PUT /api/connectors/{id}); the connector is stopped until"
                    + " then", e);
        }
        return ConnectorException.passing("no SFTP connection to " + s.host() + ":" + s.portOrDefault()
                + "; the next run tries again", e);
    }

    private static String chain(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(' ').append(t.getMessage());
        }
        return all.toString();
    }

}
