package io.einvoice.gateway.ingest.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.einvoice.gateway.system.OutboundSmtp;
import jakarta.mail.Address;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.util.Properties;

/** A real SMTP + IMAP + POP3 server (GreenMail) on free ports, and the client side the tests need. */
public final class MailServer implements AutoCloseable {

    public final GreenMail greenMail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_POP3_IMAP));

    public MailServer() {
        greenMail.start();
    }

    /** A server with a mailbox for each of {@code emails}, all opened by {@code password}. */
    public static MailServer withMailboxes(String password, String... emails) {
        MailServer server = new MailServer();
        for (String email : emails) {
            server.user(email, password);
        }
        return server;
    }

    public void user(String email, String password) {
        greenMail.setUser(email, email, password);
    }

    public int imapPort() {
        return greenMail.getImap().getPort();
    }

    public int pop3Port() {
        return greenMail.getPop3().getPort();
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    /** This server as the gateway's outbound SMTP (plain, no login), sending as {@code from}. */
    public OutboundSmtp outbound(String from) {
        return new OutboundSmtp("127.0.0.1", smtpPort(), OutboundSmtp.Security.NONE, null, null, from);
    }

    /** Sent by SMTP; {@code envelope} are the RCPT TO addresses (for a catch-all they differ from the headers). */
    public void send(MimeMessage message, String... envelope) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(smtpPort()));
        Session session = Session.getInstance(p);
        MimeMessage copy = new MimeMessage(session, toStream(message)) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                if (getMessageID() == null) {
                    super.updateMessageID(); // keep the sender's Message-ID: the same mail sent twice has one
                }
            }
        };
        if (envelope.length == 0) {
            Transport.send(copy);
        } else {
            Address[] to = new Address[envelope.length];
            for (int i = 0; i < envelope.length; i++) {
                to[i] = new InternetAddress(envelope[i]);
            }
            Transport.send(copy, to);
        }
    }

    /** How many mails the folder holds, seen by an IMAP client; -1 when the folder does not exist. */
    public int count(String user, String password, String folderName) throws Exception {
        Properties p = new Properties();
        Store store = Session.getInstance(p).getStore("imap");
        store.connect("127.0.0.1", imapPort(), user, password);
        try {
            Folder folder = store.getFolder(folderName);
            if (!folder.exists()) {
                return -1;
            }
            folder.open(Folder.READ_ONLY);
            try {
                return folder.getMessageCount();
            } finally {
                folder.close(false);
            }
        } finally {
            store.close();
        }
    }

    private static java.io.InputStream toStream(MimeMessage message) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        message.writeTo(out);
        return new java.io.ByteArrayInputStream(out.toByteArray());
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
