package io.einvoice.gateway.ingest.mail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.einvoice.gateway.ingest.mail.TestMails.mail;
import static org.assertj.core.api.Assertions.assertThat;

/** Who gets a receipt, and what it says; no mail server (the route test sends real ones). */
class MailReceiptsTest {

    static final String FROM = "receipts@gateway.example";
    final List<Receipt> outbox = new ArrayList<>();
    final MailReceipts receipts = new MailReceipts(Set.of("123456782", "552100554")::contains, FROM, outbox::add);

    @Test
    void oneReceiptPerMailListsEveryStoredDocumentAndThreadsUnderTheMail() throws Exception {
        byte[] eml = withMessageId(mail("Facture n°12 été").from("Compta Fournisseur <compta@fournisseur.example>")
                .header("References", "<older@fournisseur.example>").text("ci-joint").eml(), "<abc@fournisseur.example>");

        receipts.afterStored(eml, List.of(new MailReceipts.Stored("123456782", "doc-1", "f1.pdf"),
                new MailReceipts.Stored("123456782", "doc-2", "f2.xml"),
                new MailReceipts.Stored("552100554", "doc-3", "f1.pdf")));

        assertThat(outbox).hasSize(1);
        Receipt r = outbox.get(0);
        assertThat(r.to()).isEqualTo("compta@fournisseur.example");
        assertThat(r.documentIds()).containsExactly("doc-1", "doc-2", "doc-3");
        assertThat(r.subject()).isEqualTo("Accusé de réception / Receipt: Facture n°12 été");
        assertThat(r.text()).contains("f1.pdf : doc-1", "f2.xml : doc-2", "Dossier SIREN 552100554", "f1.pdf: doc-3");
        assertThat(r.inReplyTo()).isEqualTo("<abc@fournisseur.example>");
        assertThat(r.references()).isEqualTo("<older@fournisseur.example> <abc@fournisseur.example>");
    }

    @Test
    void onlyTheDocumentsOfDossiersThatAskedAreListedAndNoneAskingMeansNoReceipt() throws Exception {
        byte[] eml = mail("Facture").text("x").eml();
        receipts.afterStored(eml, List.of(new MailReceipts.Stored("999999999", "doc-off", "f.pdf"),
                new MailReceipts.Stored("123456782", "doc-on", "g.pdf")));
        receipts.afterStored(eml, List.of(new MailReceipts.Stored("999999999", "doc-off-2", "f.pdf")));

        assertThat(outbox).hasSize(1);
        assertThat(outbox.get(0).documentIds()).containsExactly("doc-on");
    }

    @Test
    void theReplyGoesToReplyToBeforeFrom() throws Exception {
        receipts.afterStored(mail("Facture").from("robot-factures@fournisseur.example")
                .header("Reply-To", "Service compta <compta@fournisseur.example>").text("x").eml(), stored());
        assertThat(outbox).extracting(Receipt::to).containsExactly("compta@fournisseur.example");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "Auto-Submitted|auto-generated",
            "Auto-Submitted|auto-replied",
            "Precedence|bulk",
            "Precedence|List",
            "Precedence|junk",
            "List-Id|Factures <factures.lists.example>",
            "List-Unsubscribe|<mailto:unsubscribe@lists.example>",
            "X-Auto-Response-Suppress|All",
            "X-Auto-Response-Suppress|DR, AutoReply",
            "Return-Path|<>"})
    void automaticMailGetsNoReceipt(String header, String value) throws Exception {
        receipts.afterStored(mail("Facture").header(header, value).text("x").eml(), stored());
        assertThat(outbox).isEmpty();
    }

    @Test
    void aDeliveryReportGetsNoReceipt() {
        byte[] report = ("From: MAILER <mx@fournisseur.example>\r\nTo: factures@in.test\r\nSubject: Undelivered\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=x\r\n\r\n--x\r\n"
                + "Content-Type: text/plain\r\n\r\nnot delivered\r\n--x--\r\n").getBytes(StandardCharsets.US_ASCII);
        receipts.afterStored(report, stored());
        assertThat(outbox).isEmpty();
    }

    @Test
    void aMailMarkedNotAutomaticAndAReturnPathWithAnAddressStillGetOne() throws Exception {
        receipts.afterStored(mail("Facture").header("Auto-Submitted", "no").header("Precedence", "first-class")
                .header("Return-Path", "<bounces+123@fournisseur.example>").text("x").eml(), stored());
        assertThat(outbox).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource({"MAILER-DAEMON@mx.example", "postmaster@fournisseur.example", "noreply@fournisseur.example",
            "no-reply@fournisseur.example", FROM})
    void robotsAndTheGatewayItselfGetNoReceipt(String sender) throws Exception {
        receipts.afterStored(mail("Facture").from(sender).text("x").eml(), stored());
        assertThat(outbox).isEmpty();
    }

    @Test
    void withoutAnOutboundServerNothingIsQueuedAndAQueueFailureNeverReachesIngest() throws Exception {
        byte[] eml = mail("Facture").text("x").eml();
        new MailReceipts(siren -> true, null, outbox::add).afterStored(eml, stored());
        assertThat(outbox).isEmpty();

        new MailReceipts(siren -> true, FROM, r -> {
            throw new IllegalStateException("Queue full");
        }).afterStored(eml, stored()); // must not throw
        new MailReceipts(siren -> true, FROM, outbox::add).afterStored("not a mail at all".getBytes(), stored());
        assertThat(outbox).isEmpty(); // no From: nobody to reply to
    }

    /** Jakarta Mail gives a saved mail a Message-ID of its own; a supplier's mail has the supplier's. */
    private static byte[] withMessageId(byte[] eml, String messageId) {
        return new String(eml, StandardCharsets.ISO_8859_1).replaceFirst("(?m)^Message-ID: <[^>]+>",
                "Message-ID: " + messageId).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<MailReceipts.Stored> stored() {
        return List.of(new MailReceipts.Stored("123456782", "doc-1", "f.pdf"));
    }
}
