package io.einvoice.gateway.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.einvoice.gateway.dispatch.SmtpSettingsStore;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.ingest.mail.MailSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's mail server (GreenMail, in memory): SMTP takes mail for {@code SIREN<siren>@demo.localhost}, each demo
 * dossier's inbound address, and the dossier's IMAP mailbox route reads it. Ports 3025 (SMTP) and 3143 (IMAP), or
 * free ones when those are taken; both are written to {@code demo-credentials.json}. Its SMTP is also the gateway's
 * outbound server (receipts), unless GATEWAY_SMTP_HOST names another, and the demo seller (Cabinet Démo) sends its
 * invoices to private customers through it; they land in the customer's GreenMail box.
 */
public final class DemoMailServer implements AutoCloseable {

    public static final String DOMAIN = "demo.localhost";
    private static final Logger LOG = LoggerFactory.getLogger(DemoMailServer.class);

    private final GreenMail greenMail;

    private DemoMailServer(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    /** The SMTP port the demo server will take (3025, or a free one): known before the gateway is made. */
    public static int smtpPort() throws IOException {
        return portOr(3025);
    }

    /** The gateway's outbound server in the demo: receipts land in the demo mail server too. */
    public static OutboundSmtp outbound(int smtpPort) {
        return new OutboundSmtp("127.0.0.1", smtpPort, OutboundSmtp.Security.NONE, null, null, "receipts@" + DOMAIN);
    }

    public static DemoMailServer start(Gateway.Services services, DemoSeeder credentials, int smtp) throws Exception {
        int imap = portOr(3143);
        GreenMail greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        greenMail.start();
        DemoMailServer server = new DemoMailServer(greenMail);
        try {
            for (String siren : List.of(DemoSeeder.FIRM_SIREN, DemoSeeder.DEMO_DOSSIER_SIREN, DemoSeeder.PUBLIC_BUYER_SIREN)) {
                Dossier dossier = services.dossiers().findBySiren(siren).orElseThrow();
                String address = "SIREN" + siren + "@" + DOMAIN;
                String password = randomPassword(); // the server is in memory: a new password each start
                greenMail.setUser(address, address, password);
                String existing = services.mailSettings().of(dossier).mailboxes().stream()
                        .filter(m -> m.username().equals(address)).map(MailSettings.MailboxView::id).findFirst().orElse(null);
                services.mailSettings().saveOwnMailbox(dossier, new MailSettings.MailboxRequest(existing, "PURCHASE",
                        "IMAP", "127.0.0.1", imap, address, password, "INBOX", "Processed", null, 2000L, 50, true,
                        null, null, null, null));
            }
            // the demo seller's invoices to private customers go out through this server too
            Dossier seller = services.dossiers().findBySiren(DemoSeeder.FIRM_SIREN).orElseThrow();
            services.smtpSettings().save(seller.id(), new SmtpSettingsStore.SmtpRequest("127.0.0.1", smtp, "NONE", null,
                    null, "factures@" + DOMAIN, null, null));
            credentials.addToCredentials("smtp", Map.of("host", "127.0.0.1", "port", smtp));
            credentials.addToCredentials("imap", Map.of("host", "127.0.0.1", "port", imap));
            credentials.addToCredentials("mailDomain", DOMAIN);
        } catch (Exception e) {
            server.close();
            throw e;
        }
        LOG.info("demo mail server: SMTP 127.0.0.1:{}, IMAP 127.0.0.1:{}; mail SIREN<siren>@{} to reach a demo dossier",
                smtp, imap, DOMAIN);
        return server;
    }

    private static int portOr(int wanted) throws IOException {
        try (ServerSocket socket = new ServerSocket(wanted)) {
            return wanted;
        } catch (IOException taken) {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
