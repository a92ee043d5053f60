package io.einvoice.gateway.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * {@code ./gateway mail-samples [SIREN] [DIR]}: mails each file of {@code samples/} (one mail per file) to the demo
 * dossier's inbound address through the demo's SMTP server, as a supplier would.
 */
public final class MailSamples {

    private MailSamples() {
    }

    public static void send(String[] args) throws Exception {
        String siren = args.length > 0 ? args[0] : DemoSeeder.DEMO_DOSSIER_SIREN;
        Path dir = Path.of(args.length > 1 ? args[1] : "samples");
        Path home = GatewayConfig.fromEnvironment(System.getenv()).home();
        Path credentials = home.resolve("demo-credentials.json");
        if (!Files.exists(credentials)) {
            System.err.println("mail-samples: " + credentials + " not found: start ./gateway demo first");
            System.exit(2);
        }
        JsonNode smtp = new ObjectMapper().readTree(credentials.toFile()).get("smtp");
        if (smtp == null) {
            System.err.println("mail-samples: no \"smtp\" in " + credentials + ": start ./gateway demo (it starts the mail server)");
            System.exit(2);
        }
        Properties p = new Properties();
        p.put("mail.smtp.host", smtp.get("host").asText());
        p.put("mail.smtp.port", smtp.get("port").asText());
        Session session = Session.getInstance(p);
        String to = "SIREN" + siren + "@" + DemoMailServer.DOMAIN;
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(f -> f.toString().endsWith(".pdf") || f.toString().endsWith(".xml")).sorted().toList();
        }
        for (Path file : files) {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress("factures@fournisseur.example"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
            message.setSubject("Facture " + file.getFileName(), "UTF-8");
            MimeBodyPart text = new MimeBodyPart();
            text.setText("Bonjour,\n\nveuillez trouver ci-joint notre facture.\n", "UTF-8");
            MimeBodyPart attachment = new MimeBodyPart();
            attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(Files.readAllBytes(file),
                    file.toString().endsWith(".pdf") ? "application/pdf" : "application/xml")));
            attachment.setFileName(file.getFileName().toString());
            MimeMultipart multipart = new MimeMultipart();
            multipart.addBodyPart(text);
            multipart.addBodyPart(attachment);
            message.setContent(multipart);
            Transport.send(message);
            System.out.println("mail-samples: " + file.getFileName() + " mailed to " + to);
        }
    }
}
