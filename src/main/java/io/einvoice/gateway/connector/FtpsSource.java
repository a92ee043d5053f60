package io.einvoice.gateway.connector;

import io.einvoice.gateway.archive.Sha256;
import io.einvoice.gateway.outbound.HostRefusedException;
import io.einvoice.gateway.outbound.OutboundGuard;
import org.apache.camel.CamelContext;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.camel.component.file.remote.FtpsComponent;
import org.apache.camel.component.file.remote.FtpsEndpoint;
import org.apache.camel.component.file.remote.FtpsOperations;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.FTPSClient;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Reads a {@link ConnectorKind#FTPS} folder through camel-ftp's FTPS operations (Apache Commons Net). The host is
 * resolved and checked by the {@link OutboundGuard} first and the control connection goes to the address checked; the
 * passive data connections go to that same address whatever the server's PASV answer names (a server cannot send the
 * gateway elsewhere). TLS is required on the control and data channels (PROT P), and the server must show the pinned
 * certificate: another one stops the connector before the password is sent. Files are taken as by
 * {@link RemoteFolder}: one invoice per path, size and modification time, names with a path or control characters left
 * there, files over the size limit left unread.
 */
public class FtpsSource implements InvoiceSource {

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
        List<RemoteFolder.Entry> entries = new ArrayList<>();
        for (FTPFile f : files == null ? new FTPFile[0] : files) {
            if (f != null) {
                entries.add(new RemoteFolder.Entry(f.getName(), f.isFile(), f.getSize(),
                        f.getTimestamp() == null ? 0 : f.getTimestamp().getTimeInMillis()));
            }
        }
        return RemoteFolder.listing(new RemoteFolder.Place("FTPS", s.host(), s.portOrDefault(), s.remoteDir()),
                s.patternOrDefault(), entries);
    }

    @Override
    public byte[] download(Connector c, String secret, RemoteInvoice invoice, int maxBytes) throws ConnectorException {
        RemoteFolder.refuseTooLarge(invoice, maxBytes, "FTPS");
        return RemoteFolder.download(connected(c, secret), camel.get(), "FTPS", invoice, maxBytes);
    }

    @Override
    public void stored(Connector c, RemoteInvoice invoice) throws ConnectorException {
        FtpsSettings s = c.ftps();
        if (s.afterFetchOrLeave() == SftpSettings.AfterFetch.MOVE) {
            RemoteFolder.moveStored(open.get(c.id()), invoice, s.moveTo());
        }
    }

    @Override
    public void finished(Connector c) {
        RemoteFolder.close(open.remove(c.id()));
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
