package io.einvoice.gateway.system;

import io.einvoice.gateway.ingest.mail.TestMails;
import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailMessage;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The transient policy's log line names the input of every channel (it named CamelFileName, null for a mail). */
class FailedInputTest {

    final DefaultCamelContext camel = new DefaultCamelContext();
    final FailedInput input = new FailedInput();

    @AfterEach
    void close() throws Exception {
        camel.close();
    }

    @Test
    void aFileIsNamedByItsPath() {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setHeader(Exchange.FILE_PATH, "/data/inbox/123456782/purchase/f.pdf");
        assertThat(input.describe(exchange)).isEqualTo("file /data/inbox/123456782/purchase/f.pdf");
    }

    @Test
    void aMailIsNamedByItsMessageIdAndItsMailboxRoute() throws Exception {
        Exchange exchange = new DefaultExchange(camel);
        var message = TestMails.mail("Facture").to("a@mail.test").text("x").message();
        exchange.setIn(new MailMessage(exchange, message, false));
        exchange.getExchangeExtension().setFromRouteId("mail-mailbox-42");
        assertThat(input.describe(exchange)).startsWith("mail " + message.getMessageID() + " (")
                .endsWith(" of mail-mailbox-42");
    }

    @Test
    void theTransientPolicysLogLineNamesTheInput() throws Exception {
        String yaml = java.nio.file.Files.readString(java.nio.file.Path.of("routes", "error-handling.camel.yaml"));
        java.util.regex.Matcher line = java.util.regex.Pattern.compile("message: \"(\\$\\{routeId} could not store [^\"]+)\"")
                .matcher(yaml);
        assertThat(line.find()).as("the transient policy's log message").isTrue();
        camel.getRegistry().bind("failedInput", input);
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setHeader(Exchange.FILE_PATH, "/data/inbox/123456782/purchase/f.pdf");
        exchange.setException(new IllegalStateException("disk full"));
        String logged = camel.resolveLanguage("simple").createExpression(line.group(1)).evaluate(exchange, String.class);
        assertThat(logged).contains("could not store file /data/inbox/123456782/purchase/f.pdf: disk full");
    }

    @Test
    void aQueuedDocumentIsNamedByItsIdAndATimerByItsEndpoint() {
        Exchange queued = new DefaultExchange(camel);
        queued.getIn().setBody("0f6c2a9e-1111-4e3b-9a55-3c1f2d4e5a6b");
        assertThat(input.describe(queued)).isEqualTo("document 0f6c2a9e-1111-4e3b-9a55-3c1f2d4e5a6b");

        Exchange timer = new DefaultExchange(camel);
        timer.getExchangeExtension().setFromEndpoint(camel.getEndpoint("timer:approval?period=500"));
        assertThat(input.describe(timer)).isEqualTo("the input of timer://approval");
    }
}
