package io.einvoice.gateway.connector;

import io.einvoice.gateway.archive.Sha256;
import io.einvoice.gateway.outbound.HostRefusedException;
import io.einvoice.gateway.outbound.OutboundGuard;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.camel.component.file.remote.FtpsComponent;
import org.apache.camel.component.file.remote.FtpsEndpoint;
import org.apache.camel.component.file.remote.FtpsOperations;
import org.apache.camel.support.DefaultExchange;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.FTPSClient;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
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
 * Reads a {@link ConnectorKind#FTPS} folder through camel-ftp's FTPS operations (Apache Commons Net). The host is
 * resolved and checked by the {@link OutboundGuard} first and the control connection goes to the address checked; the
 * passive data connections go to that same address whatever the server's PASV answer names (a server cannot send the
 * gateway elsewhere). TLS is required on the control and data channels (PROT P), and the server must show the pinned
 * certificate: another one stops the connector before the password is sent. Files are taken as by
 * {@link SftpSource}: one invoice per path, size and modification time, names with a path or control characters left
 * there, files over the size limit left unread.
 */
public class FtpsSource implements InvoiceSource {

    private static final Pattern PLAIN_NAME = Pattern.compile("[^\\p{Cntrl}/\\\\]+");

    private final OutboundGuard guard;
    private final Supplier<CamelContext> camel;
    private final Duration timeout;
    private final Map<String, FtpsOperations> open = new ConcurrentHashMap<>();

    public FtpsSource(OutboundGuard guard, Supplier<CamelContext> camel, Duration timeout) {
        this.guard = guard;
        this.camel = camel;
        this.timeout = timeout;
    }

    @Override
    public ConnectorKind kind() {
        return ConnectorKind.FTPS;
    }

    @Override
    public Listing list(Connector c, String secret, String cursor) throws ConnectorException {
        FtpsSettings s = c.ftps();
        FtpsOperations ftps = connected(c, secret);
        FTPFile[] files;
        try {
            files = ftps.listFiles(s.remoteDir());
        } catch (GenericFileOperationFailedException e) {
            throw ConnectorException.passing("the FTPS server could not list the folder " + s.remoteDir()
                    + " (it may not exist or not be readable by " + s.username() + "); the next run tries again", e);
        }
        Pattern names = Pattern.compile(s.patternOrDefault());
        List<FTPFile> taken = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (FTPFile f : files == null ? new FTPFile[0] : files) {
            String name = f == null ? null : f.getName();
            if (name == null || !f.isFile() || name.equals(".") || name.equals("..") || !names.matcher(name).matches()) {
                continue;
            }
            if (name.length() > SftpSource.MAX_NAME || !PLAIN_NAME.matcher(name).matches()) {
                skipped.add("a file name in " + s.remoteDir() + " is too long, names a path or has control"
                        + " characters; left there");
                continue;
            }
            taken.add(f);
        }
        taken.sort(Comparator.comparingLong(FtpsSource::mtime).thenComparing(FTPFile::getName));
        if (taken.size() > SftpSource.MAX_FILES) {
            skipped.add("the folder holds more than " + SftpSource.MAX_FILES + " matching files; the rest is read at"
                    + " the next run");
            taken = taken.subList(0, SftpSource.MAX_FILES);
        }
        List<RemoteInvoice> invoices = new ArrayList<>();
        for (FTPFile f : taken) {
            String path = SftpSource.path(s.remoteDir(), f.getName());
            long mtime = mtime(f) / 1000;
            invoices.add(new RemoteInvoice(path + ":" + f.getSize() + ":" + mtime,
                    java.time.Instant.ofEpochSecond(mtime).atOffset(ZoneOffset.UTC).toLocalDate().toString(),
                    url(s, path)));
        }
        return new Listing(invoices, skipped);
    }

    @Override
    public byte[] download(Connector c, String secret, RemoteInvoice invoice, int maxBytes) throws ConnectorException {
        String path = SftpSource.pathOf(invoice);
        long size = SftpSource.sizeOf(invoice);
        if (size > maxBytes) {
            throw ConnectorException.passing(String.format(Locale.ROOT, "the file %s is larger than %,d bytes and was"
                    + " left on the FTPS server, unread", path, maxBytes));
        }
        FtpsOperations ftps = connected(c, secret);
        Exchange exchange = new DefaultExchange(camel.get());
        GenericFile<FTPFile> target = new GenericFile<>();
        exchange.setProperty(Exchange.FILE_EXCHANGE_FILE, target);
        try {
            if (!ftps.retrieveFile(path, exchange, size)) {
                throw new GenericFileOperationFailedException("not retrieved");
            }
            try (InputStream in = (InputStream) target.getBody()) {
                // the listed size is the server's word: the bytes read are bounded whatever it said
                byte[] bytes = in.readNBytes(maxBytes + 1);
                if (bytes.length > maxBytes) {
                    throw ConnectorException.passing(String.format(Locale.ROOT, "the file %s is larger than %,d bytes"
                            + " and was not read", path, maxBytes));
                }
                return bytes;
            }
        } catch (GenericFileOperationFailedException | IOException | ClassCastException e) {
            throw ConnectorException.passing("the FTPS server could not send the file " + path
                    + "; the next run tries again", e);
        } finally {
            try {
                ftps.releaseRetrievedFileResources(exchange);
            } catch (GenericFileOperationFailedException e) {
                // the transfer could not be completed; the next run fetches the file again
            }
        }
    }

    @Override
    public void stored(Connector c, RemoteInvoice invoice) throws ConnectorException {
        FtpsSettings s = c.ftps();
        if (s.afterFetchOrLeave() != SftpSettings.AfterFetch.MOVE) {
            return;
        }
        String path = SftpSource.pathOf(invoice);
        String to = SftpSource.path(s.moveTo(), path.substring(path.lastIndexOf('/') + 1));
        FtpsOperations ftps = open.get(c.id());
        try {
            if (ftps == null || !ftps.renameFile(path, to)) {
                throw new GenericFileOperationFailedException("not renamed");
            }
        } catch (GenericFileOperationFailedException e) {
            throw ConnectorException.passing("the file " + path + " is stored but could not be moved to " + s.moveTo()
                    + "; it stays where it is and is not fetched again", e);
        }
    }

    @Override
    public void finished(Connector c) {
        FtpsOperations ftps = open.remove(c.id());
        if (ftps != null) {
            try {
                ftps.disconnect();
            } catch (GenericFileOperationFailedException e) {
                ftps.forceDisconnect();
            }
        }
    }

    private FtpsOperations connected(Connector c, String secret) throws ConnectorException {
        FtpsOperations current = open.get(c.id());
        if (current != null) {
            return current;
        }
        FtpsSettings s = c.ftps();
        InetAddress address;
        try {
            address = guard.connectAddress(s.host());
        } catch (HostRefusedException e) {
            throw ConnectorException.stopping(e.getMessage() + " (ftps.host)", e);
        } catch (UnknownHostException e) {
            throw ConnectorException.passing("the FTPS host " + s.host() + " is not known (DNS); the next run tries"
                    + " again", e);
        }
        PinnedCertificate pin = new PinnedCertificate(s.fingerprint());
        FtpsEndpoint endpoint = endpoint(s, address, pin);
        endpoint.getConfiguration().setUsername(s.username());
        endpoint.getConfiguration().setPassword(secret);
        FtpsOperations ftps;
        try {
            ftps = (FtpsOperations) endpoint.createRemoteFileOperations();
            ftps.connect(endpoint.getConfiguration(), null);
        } catch (GenericFileOperationFailedException e) {
            throw refused(s, pin, e);
        } catch (Exception e) {
            throw ConnectorException.passing("the FTPS connection could not be prepared ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        open.put(c.id(), ftps);
        return ftps;
    }

    private FtpsEndpoint endpoint(FtpsSettings s, InetAddress address, PinnedCertificate pin) throws ConnectorException {
        String ip = address.getHostAddress();
        String host = address instanceof Inet6Address ? "[" + ip + "]" : ip;
        long millis = timeout.toMillis();
        String uri = "ftps://" + host + ":" + s.portOrDefault() + "?implicit=" + s.implicit() + "&execProt=P&execPbsz=0"
                + "&passiveMode=true&binary=true&streamDownload=true&stepwise=false&maximumReconnectAttempts=0"
                + "&connectTimeout=" + millis + "&soTimeout=" + millis + "&timeout=" + millis;
        try {
            FtpsComponent component = camel.get().getComponent("ftps", FtpsComponent.class);
            FtpsEndpoint endpoint = (FtpsEndpoint) component.createEndpoint(uri);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {pin}, null);
            FTPSClient client = new FTPSClient(s.implicit(), tls);
            // PASV names an address: the data connection goes to the one the guard checked, never to another
            client.setPassiveNatWorkaroundStrategy(named -> ip);
            endpoint.setFtpClient(client);
            return endpoint;
        } catch (GeneralSecurityException e) {
            throw ConnectorException.passing("TLS is not available on this machine (" + e.getClass().getSimpleName()
                    + ")", e);
        } catch (Exception e) {
            throw ConnectorException.passing("the FTPS connection could not be prepared (" + e.getClass().getSimpleName()
                    + ")", e);
        }
    }

    private static ConnectorException refused(FtpsSettings s, PinnedCertificate pin, Exception e) {
        if (pin.refused != null) {
            return ConnectorException.stopping("the FTPS server " + s.host() + " showed a certificate other than the"
                    + " pinned one (SHA-256 " + pin.refused + "): check it with the supplier and enter it in"
                    + " ftps.certificateSha256 (PUT /api/connectors/{id}); the connector is stopped until then", e);
        }
        String text = chain(e).toLowerCase(Locale.ROOT);
        if (text.contains("530") || text.contains("login") || text.contains("authentication")) {
            return ConnectorException.stopping("the FTPS server refused the username or password for " + s.username()
                    + ": enter the right one (PUT /api/connectors/{id}); the connector is stopped until then", e);
        }
        if (text.contains("ssl") || text.contains("tls") || text.contains("handshake") || text.contains("auth")) {
            return ConnectorException.stopping("no TLS with the FTPS server " + s.host() + ":" + s.portOrDefault()
                    + " (it may not offer " + (s.implicit() ? "implicit TLS" : "AUTH TLS") + " on this port): check"
                    + " ftps.port and ftps.implicitTls; nothing was sent in clear, the connector is stopped until then", e);
        }
        return ConnectorException.passing("no FTPS connection to " + s.host() + ":" + s.portOrDefault()
                + "; the next run tries again", e);
    }

    private static String chain(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(' ').append(t.getClass().getSimpleName()).append(' ').append(t.getMessage());
        }
        return all.toString();
    }

    private static long mtime(FTPFile f) {
        return f.getTimestamp() == null ? 0 : f.getTimestamp().getTimeInMillis();
    }

    private static String url(FtpsSettings s, String path) {
        try {
            return new URI("ftps", null, s.host(), s.portOrDefault(), path.startsWith("/") ? path : "/" + path, null,
                    null).toASCIIString();
        } catch (URISyntaxException e) {
            return "ftps://" + s.host() + "/";
        }
    }

    /** Trusts exactly the certificate of this SHA-256 fingerprint; remembers another one shown, for the message. */
    static final class PinnedCertificate implements X509TrustManager {

        private final String fingerprint;
        volatile String refused;

        PinnedCertificate(String fingerprint) {
            this.fingerprint = fingerprint;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            String shown = chain == null || chain.length == 0 ? "none" : Sha256.of(chain[0].getEncoded());
            if (!fingerprint.equals(shown)) {
                refused = shown;
                throw new CertificateException("server certificate not the pinned one");
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the gateway is never the server here");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
