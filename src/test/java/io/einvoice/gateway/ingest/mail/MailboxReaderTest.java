package io.einvoice.gateway.ingest.mail;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailMessage;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class MailboxReaderTest {

    @Test
    void aMailLargerThanTheLimitIsNeitherDownloadedNorAcknowledged() throws Exception {
        long limit = MailboxReader.maxMailBytes(1024);
        MimeMessage huge = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            public int getSize() {
                return (int) limit + 1;
            }

            @Override
            public void writeTo(OutputStream out) {
                throw new AssertionError("the oversized mail was downloaded");
            }
        };
        huge.setSubject("Scan of the whole archive");
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            Exchange exchange = new DefaultExchange(camel);
            exchange.setIn(new MailMessage(exchange, huge, false));

            // no MailIngest: storing it would fail the test
            var documents = new MailboxReader(null, limit).read(exchange, "mailbox-1");

            assertThat(documents).isEmpty();
            assertThat(exchange.isRollbackOnly()).as("Camel must not mark it seen or move it").isTrue();
        }
    }
}
