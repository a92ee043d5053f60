package io.einvoice.gateway.connector;

import io.einvoice.gateway.outbound.HostRefusedException;
import io.einvoice.gateway.outbound.OutboundGuard;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.camel.component.file.remote.SftpComponent;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.component.file.remote.SftpOperations;
import org.apache.camel.component.file.remote.SftpRemoteFile;
import org.apache.camel.support.DefaultExchange;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Reads a {@link ConnectorKind#SFTP} folder through camel-ftp's SFTP operations (JSch). The host is resolved and
 * checked by the {@link OutboundGuard} first, and the connection goes to the address it checked (a name cannot
 * resolve elsewhere in between). The server must show the pinned host key: an unknown or changed key stops the
 * connector. One connection per run, closed when the run ends. A file is one invoice per path, size and modification
 * time ({@code <path>:<size>:<mtime>}): the same file is never fetched twice, a file replaced by another is. Files
 * larger than the gateway takes are left where they are, unread; at most {@link #MAX_FILES} are listed per run.
 */
public class SftpSource implements InvoiceSource {

    static final int MAX_FILES = 5000;
    static final int MAX_NAME = 255;
    private static final Pattern PLAIN_NAME = Pattern.compile("[^\\p{Cntrl}/\\\\]+");

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
        Pattern names = Pattern.compile(s.patternOrDefault());
        List<SftpRemoteFile> taken = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (SftpRemoteFile f : files == null ? new SftpRemoteFile[0] : files) {
            String name = f.getFilename();
            if (f.isDirectory() || name == null || name.equals(".") || name.equals("..")
                    || !names.matcher(name).matches()) {
                continue;
            }
            if (name.length() > MAX_NAME || !PLAIN_NAME.matcher(name).matches()) {
                skipped.add("a file name in " + s.remoteDir() + " is too long or has control characters; left there");
                continue;
            }
            taken.add(f);
        }
        taken.sort(Comparator.comparingLong((SftpRemoteFile f) -> f.getLastModified())
                .thenComparing((SftpRemoteFile f) -> f.getFilename()));
        if (taken.size() > MAX_FILES) {
            skipped.add("the folder holds more than " + MAX_FILES + " matching files; the rest is read at the next run");
            taken = taken.subList(0, MAX_FILES);
        }
        List<RemoteInvoice> invoices = new ArrayList<>();
        for (SftpRemoteFile f : taken) {
            String path = path(s.remoteDir(), f.getFilename());
            long mtime = f.getLastModified() / 1000;
            invoices.add(new RemoteInvoice(path + ":" + f.getFileLength() + ":" + mtime,
                    Instant.ofEpochSecond(mtime).atOffset(ZoneOffset.UTC).toLocalDate().toString(), url(s, path)));
        }
        return new Listing(invoices, skipped);
    }

    @Override
    public byte[] download(Connector c, String secret, RemoteInvoice invoice, int maxBytes) throws ConnectorException {
        String path = pathOf(invoice);
        long size = sizeOf(invoice);
        if (size > maxBytes) {
            throw ConnectorException.passing(String.format(Locale.ROOT, "the file %s is larger than %,d bytes and was"
                    + " left on the SFTP server, unread", path, maxBytes));
        }
        SftpOperations sftp = connected(c, secret);
        Exchange exchange = new DefaultExchange(camel.get());
        GenericFile<SftpRemoteFile> target = new GenericFile<>();
        exchange.setProperty(Exchange.FILE_EXCHANGE_FILE, target);
        try {
            sftp.retrieveFile(path, exchange, size);
            try (InputStream in = (InputStream) target.getBody()) {
                byte[] bytes = in.readNBytes(maxBytes + 1);
                if (bytes.length > maxBytes) {
                    throw ConnectorException.passing(String.format(Locale.ROOT, "the file %s is larger than %,d bytes"
                            + " and was not read", path, maxBytes));
                }
                return bytes;
            }
        } catch (GenericFileOperationFailedException | IOException | ClassCastException e) {
            throw ConnectorException.passing("the SFTP server could not send the file " + path
                    + "; the next run tries again", e);
        } finally {
            try {
                sftp.releaseRetrievedFileResources(exchange);
            } catch (GenericFileOperationFailedException e) {
                // the stream is closed above; nothing else is held
            }
        }
    }

    /** With afterFetch MOVE: the stored file moved into moveTo (its name kept). */
    @Override
    public void stored(Connector c, RemoteInvoice invoice) throws ConnectorException {
        SftpSettings s = c.sftp();
        if (s.afterFetchOrLeave() != SftpSettings.AfterFetch.MOVE) {
            return;
        }
        String path = pathOf(invoice);
        String to = path(s.moveTo(), path.substring(path.lastIndexOf('/') + 1));
        SftpOperations sftp = open.get(c.id());
        try {
            if (sftp == null || !sftp.renameFile(path, to)) {
                throw new GenericFileOperationFailedException("not renamed");
            }
        } catch (GenericFileOperationFailedException e) {
            throw ConnectorException.passing("the file " + path + " is stored but could not be moved to " + s.moveTo()
                    + " (the folder may not exist, or hold a file of that name); it stays where it is and is not"
                    + " fetched again", e);
        }
    }

    @Override
    public void finished(Connector c) {
        SftpOperations sftp = open.remove(c.id());
        if (sftp != null) {
            try {
                sftp.disconnect();
            } catch (GenericFileOperationFailedException e) {
                sftp.forceDisconnect();
            }
        }
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

    static String path(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    private static String url(SftpSettings s, String path) {
        try {
            return new URI("sftp", null, s.host(), s.portOrDefault(), path.startsWith("/") ? path : "/" + path, null,
                    null).toASCIIString();
        } catch (URISyntaxException e) {
            return "sftp://" + s.host() + "/";
        }
    }

    /** The remote id is {@code <path>:<size>:<mtime>}. */
    static String pathOf(RemoteInvoice invoice) {
        String id = invoice.remoteId();
        int mtime = id.lastIndexOf(':');
        int size = id.lastIndexOf(':', mtime - 1);
        return id.substring(0, size);
    }

    static long sizeOf(RemoteInvoice invoice) {
        String id = invoice.remoteId();
        int mtime = id.lastIndexOf(':');
        int size = id.lastIndexOf(':', mtime - 1);
        return Long.parseLong(id.substring(size + 1, mtime));
    }
}
