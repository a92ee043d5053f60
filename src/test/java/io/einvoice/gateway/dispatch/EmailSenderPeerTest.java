package io.einvoice.gateway.dispatch;

import io.einvoice.gateway.outbound.OutboundGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dossier's SMTP setting pointing at something that is not an SMTP server, over real sockets: what is stored and
 * shown is our sentence, never the bytes the peer sent; and a host that resolves to a private address is not reached.
 */
class EmailSenderPeerTest {

    private static final OutboundGuard LOCAL = OutboundGuard.strict(InetAddress::getAllByName).allowing("127.0.0.1");
    private static final EmailSender.Mail MAIL = new EmailSender.Mail("factures@vendeur.fr", "client@acheteur.fr",
            "Facture F-1", "ci-joint", "F-1.pdf", "%PDF-1.7".getBytes(StandardCharsets.US_ASCII));

    private Peer peer;

    /** A server that writes {@code greeting} to whoever connects, then reads until the client goes. */
    private static final class Peer implements AutoCloseable {
        final ServerSocket socket;
        final AtomicInteger connections = new AtomicInteger();

        Peer(String greeting) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread thread = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket client = socket.accept()) {
                        connections.incrementAndGet();
                        OutputStream out = client.getOutputStream();
                        out.write(greeting.getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        client.setSoTimeout(3000);
                        client.getInputStream().transferTo(OutputStream.nullOutputStream());
                    } catch (IOException ignored) {
                        // the client went, or the test closed the server
                    }
                }
            }, "peer");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @AfterEach
    void stop() throws IOException {
        if (peer != null) {
            peer.close();
        }
    }

    private static SmtpSettings server(String host, int port, SmtpSettings.TlsMode tls) {
        return new SmtpSettings(host, port, tls, null, null, "factures@vendeur.fr", "s", "b");
    }

    @Test
    void anImapServerOnTheSmtpPortIsNamedInOurWordsNotItsBanner() throws Exception {
        peer = new Peer("* OK [CAPABILITY IMAP4rev1 SASL-IR] Dovecot (Ubuntu) ready.\r\n");
        DispatchOutcome outcome = new EmailSender(Duration.ofSeconds(5), LOCAL)
                .send(server("127.0.0.1", peer.port(), SmtpSettings.TlsMode.NONE), null, MAIL);

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.status()).isEqualTo("NOT_THE_PROTOCOL");
        assertThat(outcome.reasons()).containsExactly("the SMTP server at 127.0.0.1:" + peer.port()
                + " did not answer as an SMTP server: correct the dossier's SMTP settings, then replay");
    }

    @Test
    void anHttpServerOnTheSmtpPortIsNamedInOurWordsNotItsStatusLine() throws Exception {
        peer = new Peer("HTTP/1.1 400 Bad Request\r\nServer: nginx\r\nContent-Length: 0\r\n\r\n");
        DispatchOutcome outcome = new EmailSender(Duration.ofSeconds(5), LOCAL)
                .send(server("127.0.0.1", peer.port(), SmtpSettings.TlsMode.NONE), null, MAIL);

        assertThat(outcome.reasons()).singleElement().asString()
                .startsWith("the SMTP server at 127.0.0.1:" + peer.port() + " did not answer as an SMTP server")
                .doesNotContain("HTTP").doesNotContain("nginx").doesNotContain("400");
    }

    @Test
    void tlsFromTheStartWithAPlainServerIsATlsFailureInOurWords() throws Exception {
        peer = new Peer("220 smtp.example.fr ESMTP Postfix\r\n");
        DispatchOutcome outcome = new EmailSender(Duration.ofSeconds(5), LOCAL)
                .send(server("127.0.0.1", peer.port(), SmtpSettings.TlsMode.TLS), null, MAIL);

        assertThat(outcome.status()).isEqualTo("TLS");
        assertThat(outcome.reasons()).singleElement().asString()
                .startsWith("the SMTP server at 127.0.0.1:" + peer.port() + " could not agree on a secure (TLS) connection")
                .doesNotContain("Postfix");
    }

    @Test
    void aServerNameThatResolvesToAPrivateAddressIsNotReached() throws Exception {
        peer = new Peer("220 internal relay\r\n");
        OutboundGuard hostile = OutboundGuard.strict(host -> new InetAddress[] {
                InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})});
        DispatchOutcome outcome = new EmailSender(Duration.ofSeconds(5), hostile)
                .send(server("smtp.vendeur.fr", peer.port(), SmtpSettings.TlsMode.NONE), null, MAIL);

        assertThat(outcome.status()).isEqualTo("HOST_REFUSED");
        assertThat(outcome.reasons()).singleElement().asString()
                .startsWith("the host smtp.vendeur.fr resolves to a loopback address, which the gateway does not connect to");
        assertThat(peer.connections.get()).isZero();
    }
}
