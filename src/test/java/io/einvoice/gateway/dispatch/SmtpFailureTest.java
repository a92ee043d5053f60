package io.einvoice.gateway.dispatch;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which SMTP failures pass by themselves (retried) and which do not (parked at once), each said in our own words: the
 * server's reply text never reaches what is stored and shown.
 */
class SmtpFailureTest {

    private static final SmtpSettings SERVER = new SmtpSettings("smtp.example.fr", 587, SmtpSettings.TlsMode.STARTTLS,
            "u", null, "f@example.fr", "s", "b");

    @Test
    void aRefusedConnectionIsTransient() {
        DispatchOutcome outcome = EmailSender.failure(SERVER,
                new MessagingException("Couldn't connect", new ConnectException("Connection refused")));
        assertThat(outcome.retryFeasible()).isTrue();
        assertThat(outcome.reasons()).containsExactly("the SMTP server at smtp.example.fr:587 refused the connection");
    }

    @Test
    void a4xxIsDeferredAndA5xxRefused() {
        DispatchOutcome deferred = EmailSender.failure(SERVER, new SMTPSendFailedException("MAIL", 451,
                "451 4.3.0 try later", null, null, null, null));
        DispatchOutcome refused = EmailSender.failure(SERVER, new SMTPSendFailedException("RCPT", 550,
                "550 5.1.1 no such user", null, null, null, null));
        assertThat(deferred.retryFeasible()).isTrue();
        assertThat(deferred.status()).isEqualTo("SMTP_451");
        assertThat(refused.retryFeasible()).isFalse();
        assertThat(refused.reasons()).containsExactly("the SMTP server at smtp.example.fr:587 refused the mail (550)");
        assertThat(deferred.reasons()).singleElement().asString().doesNotContain("try later");
    }

    @Test
    void aRefusedRecipientIsSaidInOurWordsNotTheServers() {
        SendFailedException failed = new SendFailedException("Invalid Addresses", new SMTPAddressFailedException(
                addressOf("client@acheteur.fr"), "RCPT TO", 550, "550 5.1.1 <client@acheteur.fr>: Recipient unknown <script>"));
        DispatchOutcome outcome = EmailSender.failure(SERVER, failed);
        assertThat(outcome.retryFeasible()).isFalse();
        assertThat(outcome.status()).isEqualTo("SMTP_550");
        assertThat(outcome.reasons()).containsExactly("the SMTP server at smtp.example.fr:587 refused the recipient"
                + " address (550)");
    }

    @Test
    void aBadGreetingIsNotAnSmtpServerWhateverItSaid() {
        DispatchOutcome outcome = EmailSender.failure(SERVER, new MessagingException("Got bad greeting from SMTP host:"
                + " smtp.example.fr, port: 587, response: * OK [CAPABILITY IMAP4rev1] ready"));
        assertThat(outcome.reasons()).containsExactly("the SMTP server at smtp.example.fr:587 did not answer as an"
                + " SMTP server: correct the dossier's SMTP settings, then replay");
    }

    @Test
    void whatCannotBeClassifiedStillNamesNoPeerBytes() {
        DispatchOutcome outcome = EmailSender.failure(SERVER, new MessagingException("550 you are <b>banned</b>"));
        assertThat(outcome.retryFeasible()).isTrue();
        assertThat(outcome.reasons()).containsExactly("the exchange with the SMTP server at smtp.example.fr:587 failed");
    }

    @Test
    void timeoutsTlsAndUnknownNamesHaveTheirOwnSentences() {
        assertThat(EmailSender.failure(SERVER, new MessagingException("x", new java.net.SocketTimeoutException("Read timed out")))
                .reasons()).containsExactly("the SMTP server at smtp.example.fr:587 did not answer in time");
        assertThat(EmailSender.failure(SERVER, new MessagingException("x", new javax.net.ssl.SSLHandshakeException("PKIX")))
                .reasons()).singleElement().asString().startsWith("the SMTP server at smtp.example.fr:587 could not agree"
                        + " on a secure (TLS) connection");
        assertThat(EmailSender.failure(SERVER, new MessagingException("x", new java.net.UnknownHostException("smtp.example.fr")))
                .reasons()).containsExactly("the SMTP server name smtp.example.fr is unknown");
    }

    private static InternetAddress addressOf(String address) {
        try {
            return new InternetAddress(address);
        } catch (AddressException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void refusedCredentialsSayWhatToFix() {
        DispatchOutcome outcome = EmailSender.failure(SERVER, new AuthenticationFailedException("535 bad"));
        assertThat(outcome.status()).isEqualTo("AUTH_REFUSED");
        assertThat(outcome.reasons()).containsExactly("the SMTP server at smtp.example.fr:587 refused the username or"
                + " password: correct the dossier's SMTP settings, then replay");
    }
}
