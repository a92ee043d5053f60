package io.einvoice.gateway.ingest.mail;

import com.fasterxml.jackson.databind.JsonNode;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.system.MailsThroughRelay;
import io.einvoice.gateway.system.TestDatabase;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.einvoice.gateway.ingest.mail.TestMails.mail;
import static io.einvoice.gateway.system.TestGateway.SIREN_A;
import static io.einvoice.gateway.system.TestGateway.SIREN_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The optional receipt end to end: suppliers mail a mailbox (GreenMail), the gateway stores the invoices and replies
 * through its own outbound server (a second GreenMail, the relay). Dossier A asked for receipts, B did not. A receipt
 * that should not exist is caught by sending the same supplier a mail that does get one afterwards: receipts leave
 * one by one in the order the mails were stored, so an unwanted one would already be there.
 */
@MailsThroughRelay(MailReceiptContract.GATEWAY_FROM)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class MailReceiptContract extends MailboxesContract {

    static final String GATEWAY_FROM = "receipts@gateway.test";

    @Override
    String[] mailboxes() {
        return new String[] {"a@mail.test", "b@mail.test"};
    }

    @BeforeAll
    void configureMailboxes() throws Exception {
        assertThat(put(SIREN_A, Map.of("mailReceipt", true, "mailboxes", List.of(mailbox("a@mail.test"))))
                .statusCode()).isEqualTo(200);
        assertThat(put(SIREN_B, Map.of("mailboxes", List.of(mailbox("b@mail.test")))).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(1)
    void theSenderGetsOneReceiptListingTheIdsOfEveryInvoiceOfTheMail() throws Exception {
        MimeMessage sent = mail("Factures d'octobre").from("Compta <compta@supplier1.test>").to("a@mail.test")
                .attach("rc-fx.pdf", "application/pdf", SampleInvoices.facturXPdf("RC-FX"))
                .attach("rc-cii.xml", "application/xml", SampleInvoices.ciiXml("RC-CII")).message();
        mail.send(sent);

        String fx = awaitDocument(SIREN_A, gw.keyA, "rc-fx.pdf").get("id").asText();
        String cii = awaitDocument(SIREN_A, gw.keyA, "rc-cii.xml").get("id").asText();
        MimeMessage receipt = awaitReceipts("compta@supplier1.test", 1).get(0);
        assertThat(receipt.getSubject()).isEqualTo("Accusé de réception / Receipt: Factures d'octobre");
        assertThat(receipt.getFrom()).extracting(a -> ((InternetAddress) a).getAddress()).containsExactly(GATEWAY_FROM);
        assertThat((String) receipt.getContent()).contains("rc-fx.pdf : " + fx, "rc-cii.xml : " + cii,
                "Dossier SIREN " + SIREN_A);
        assertThat(receipt.getHeader("Auto-Submitted")).containsExactly("auto-replied");
        assertThat(receipt.getHeader("In-Reply-To")).containsExactly(sent.getMessageID());
    }

    @Test
    @Order(2)
    void aDossierThatDidNotAskSendsNone() throws Exception {
        onlyTheSecondIsAcknowledged("compta@supplier2.test", "supplier2.test",
                mail("Pour B").from("compta@supplier2.test").to("b@mail.test")
                        .attach("rc-b.pdf", "application/pdf", SampleInvoices.facturXPdf("RC-B")).message(), SIREN_B, "rc-b.pdf",
                mail("Pour A").from("compta@supplier2.test").to("a@mail.test")
                        .attach("rc-a2.pdf", "application/pdf", SampleInvoices.facturXPdf("RC-A2")).message(), "rc-a2.pdf");
    }

    @Test
    @Order(3)
    void anAutomaticMailGetsNoReceipt() throws Exception {
        onlyTheSecondIsAcknowledged("billing@supplier3.test", "supplier3.test",
                mail("Facture automatique").from("billing@supplier3.test").to("a@mail.test")
                        .header("Auto-Submitted", "auto-generated")
                        .attach("rc-auto.pdf", "application/pdf", SampleInvoices.facturXPdf("RC-AUTO")).message(), SIREN_A,
                "rc-auto.pdf",
                mail("Facture manuelle").from("billing@supplier3.test").to("a@mail.test")
                        .attach("rc-manual.pdf", "application/pdf", SampleInvoices.facturXPdf("RC-MANUAL")).message(),
                "rc-manual.pdf");
    }

    /**
     * The first mail (to {@code firstSiren}) must get no receipt: the second, from the same sender to dossier A which
     * asked for receipts, gets one, the only one its domain receives, naming the second document and not the first.
     */
    private void onlyTheSecondIsAcknowledged(String sender, String domain, MimeMessage first, String firstSiren,
                                             String firstFile, MimeMessage second, String secondFile) throws Exception {
        mail.send(first);
        String unacknowledged = awaitDocument(firstSiren, firstSiren.equals(SIREN_A) ? gw.keyA : gw.keyB, firstFile)
                .get("id").asText();
        mail.send(second);
        String acknowledged = awaitDocument(SIREN_A, gw.keyA, secondFile).get("id").asText();

        List<MimeMessage> receipts = awaitReceipts(sender, 1);
        assertThat((String) receipts.get(0).getContent()).contains(acknowledged).doesNotContain(unacknowledged);
        assertThat(relay.greenMail.getReceivedMessagesForDomain(domain)).hasSize(1);
    }

    @Test
    @Order(4)
    void theSwitchIsShownAndBehindTheTenantWall() throws Exception {
        assertThat(JSON.readTree(gw.get("/api/dossiers/" + SIREN_A + "/mailboxes", gw.keyA).body())
                .get("mailReceipt").asBoolean()).isTrue();
        assertThat(JSON.readTree(gw.get("/api/dossiers/" + SIREN_B + "/mailboxes", gw.keyB).body())
                .get("mailReceipt").asBoolean()).isFalse();
        assertThat(put(SIREN_B, Map.of("mailReceipt", true), gw.keyA).statusCode()).isEqualTo(404);
        assertThat(put(SIREN_B, Map.of("mailReceipt", true), gw.keyB).statusCode()).isEqualTo(403);
        var bad = put(SIREN_B, Map.of("mailReceipt", "yes please"), adminToken);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("mailReceipt");
        assertThat(JSON.readTree(gw.get("/api/dossiers/" + SIREN_B + "/mailboxes", gw.keyB).body())
                .get("mailReceipt").asBoolean()).isFalse();
    }

    @Test
    @Order(5)
    void withTheOutboundServerDownTheMailIsStillStoredAndMoved() throws Exception {
        relay.close();
        int processedBefore = mail.count("a@mail.test", PASSWORD, "Processed");
        mail.send(mail("Serveur en panne").from("compta@supplier4.test").to("a@mail.test")
                .attach("rc-down.pdf", "application/pdf", SampleInvoices.facturXPdf("RC-DOWN")).message());

        assertThat(awaitDocument(SIREN_A, gw.keyA, "rc-down.pdf").get("number").asText()).isEqualTo("RC-DOWN");
        await().atMost(PATIENCE).until(() -> mail.count("a@mail.test", PASSWORD, "INBOX") == 0
                && mail.count("a@mail.test", PASSWORD, "Processed") == processedBefore + 1);
    }

    private List<MimeMessage> awaitReceipts(String to, int count) throws Exception {
        await().atMost(PATIENCE).until(() -> receiptsTo(to).size() >= count);
        return receiptsTo(to);
    }

    private List<MimeMessage> receiptsTo(String to) throws Exception {
        return Arrays.stream(relay.greenMail.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(to));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static Map<String, Object> mailbox(String user) {
        return Map.of("protocol", "IMAP", "host", "127.0.0.1", "port", 0, "username", user, "password", PASSWORD,
                "pollMillis", 200, "batchSize", 20);
    }

    private java.net.http.HttpResponse<String> put(String siren, Map<String, Object> body) throws Exception {
        Map<String, Object> withPort = new java.util.HashMap<>(body);
        if (body.get("mailboxes") instanceof List<?> boxes) {
            withPort.put("mailboxes", boxes.stream().map(b -> {
                Map<String, Object> box = new java.util.HashMap<>((Map<?, ?>) b).entrySet().stream().collect(
                        java.util.stream.Collectors.toMap(e -> (String) e.getKey(), e -> (Object) e.getValue()));
                box.put("port", mail.imapPort());
                return box;
            }).toList());
        }
        return put(siren, withPort, adminToken);
    }

    private java.net.http.HttpResponse<String> put(String siren, Map<String, Object> body, String token) throws Exception {
        return gw.put("/api/dossiers/" + siren + "/mailboxes", token, JSON.writeValueAsString(body));
    }

    JsonNode awaitDocument(String siren, String token, String fileName) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            found[0] = null;
            for (JsonNode doc : JSON.readTree(gw.get("/api/dossiers/" + siren + "/documents?limit=500", token).body())) {
                if (doc.get("fileName").asText().equals(fileName)) {
                    found[0] = doc;
                }
            }
            assertThat(found[0]).as("document " + fileName + " in dossier " + siren).isNotNull();
        });
        return found[0];
    }
}
