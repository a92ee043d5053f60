package io.einvoice.gateway.ingest.mail;

import com.fasterxml.jackson.databind.JsonNode;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.system.TestDatabase;
import io.einvoice.gateway.system.TestGateway;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.einvoice.gateway.ingest.mail.TestMails.mail;
import static io.einvoice.gateway.system.TestGateway.SIREN_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Mails over the size limit at the head of a mailbox do not stall it: their headers are quarantined with the reason,
 * the mails are moved out of the way (and kept on the server), and the mail behind them is read. A real IMAP server
 * (GreenMail) and a gateway whose limit is small (256 kB files, so 2 MB mails). Runs once per database.
 */
abstract class OversizedMailContract extends MailboxesContract {

    static final long MAX_FILE_BYTES = 256 * 1024;
    static final int BATCH_SIZE = 2;

    @Override
    protected TestGateway startGateway(Path home, TestDatabase database) throws Exception {
        return TestGateway.startWithMaxFileBytes(home, database, MAX_FILE_BYTES);
    }

    @Override
    String[] mailboxes() {
        return new String[] {"big@mail.test"};
    }

    @Test
    void oversizedMailsAtTheHeadAreQuarantinedOnceByTheirHeadersAndTheNextMailIsRead() throws Exception {
        byte[] scan = new byte[(int) MailboxReader.maxMailBytes(MAX_FILE_BYTES)]; // and a third more in base64
        new Random(3).nextBytes(scan);
        for (int i = 0; i <= BATCH_SIZE; i++) {
            mail.send(mail("Archive " + i).to("big@mail.test").attach("archive-" + i + ".pdf", "application/pdf", scan)
                    .message());
        }
        mail.send(mail("Facture OV-1").to("big@mail.test")
                .attach("ov-1.xml", "application/xml", SampleInvoices.ciiXml("OV-1")).message());
        assertThat(put("/api/dossiers/" + SIREN_A + "/mailboxes", adminToken, Map.of("mailboxes", List.of(Map.of(
                "protocol", "IMAP", "host", "127.0.0.1", "port", mail.imapPort(), "username", "big@mail.test",
                "password", PASSWORD, "pollMillis", 200, "batchSize", BATCH_SIZE)))).statusCode()).isEqualTo(200);

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(() -> fileNames().contains("ov-1.xml"));
        await().atMost(PATIENCE).until(() -> mail.count("big@mail.test", PASSWORD, "INBOX") == 0);
        Thread.sleep(1000); // several more polls: a mail quarantined twice would show now

        List<JsonNode> quarantined = new ArrayList<>();
        for (JsonNode doc : documents()) {
            if (doc.get("fileName").asText().startsWith("Archive ")) {
                quarantined.add(doc);
            }
        }
        assertThat(quarantined).extracting(d -> d.get("fileName").asText()).containsExactlyInAnyOrder(
                "Archive 0 (headers only).eml", "Archive 1 (headers only).eml", "Archive 2 (headers only).eml");
        for (JsonNode doc : quarantined) {
            assertThat(doc.get("status").asText()).isEqualTo("QUARANTINED");
            assertThat(doc.get("statusReason").asText())
                    .matches("mail of 2\\.\\d MB exceeds the 2\\.0 MB limit .*")
                    .contains("not downloaded").contains("left in IMAP folder Processed of imap://big@mail.test@");
            String original = gw.get("/api/documents/" + doc.get("id").asText() + "/original", gw.keyA).body();
            assertThat(original).contains("Subject: Archive").contains("Message-ID:").hasSizeLessThan(4096);
        }
        assertThat(mail.count("big@mail.test", PASSWORD, "Processed")).as("nothing lost").isEqualTo(BATCH_SIZE + 2);
    }

    private List<String> fileNames() throws Exception {
        List<String> names = new ArrayList<>();
        documents().forEach(d -> names.add(d.get("fileName").asText()));
        return names;
    }

    private JsonNode documents() throws Exception {
        var response = gw.get("/api/dossiers/" + SIREN_A + "/documents?limit=500", gw.keyA);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private java.net.http.HttpResponse<String> put(String path, String token, Object body) throws Exception {
        return gw.put(path, token, JSON.writeValueAsString(body));
    }
}
