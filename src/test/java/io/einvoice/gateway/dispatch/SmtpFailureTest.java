package io.einvoice.gateway.dispatch;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which SMTP failures pass by themselves (retried) and which do not (parked at once). */
class SmtpFailureTest {

    private static final SmtpSettings SERVER = new SmtpSettings("smtp.example.fr", 587, SmtpSettings.TlsMode.STARTTLS,
            "u", null, "f@example.fr", "s", "b");

    @Test
    void aRefusedConnectionIsTransient() {
        DispatchOutcome outcome = EmailSender.failure(SERVER,
                new MessagingException("Couldn't connect", new ConnectException("Connection refused")));
        assertThat(outcome.retryFeasible()).isTrue();
        assertThat(outcome.reasons()).containsExactly("connection refused by the SMTP server smtp.example.fr:587");
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
        assertThat(refused.reasons()).singleElement().asString().contains("550").contains("no such user");
    }

    @Test
    void refusedCredentialsSayWhatToFix() {
        DispatchOutcome outcome = EmailSender.failure(SERVER, new AuthenticationFailedException("535 bad"));
        assertThat(outcome.status()).isEqualTo("AUTH_REFUSED");
        assertThat(outcome.reasons()).singleElement().asString().contains("correct the dossier's SMTP settings");
    }
}
