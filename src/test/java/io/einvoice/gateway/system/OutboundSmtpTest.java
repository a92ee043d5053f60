package io.einvoice.gateway.system;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GATEWAY_SMTP_*: read once at start; a wrong value stops the start with the variable to fix. */
class OutboundSmtpTest {

    @Test
    void unsetMeansNoOutboundServerAndDefaultsFollowTheSecurity() {
        assertThat(OutboundSmtp.fromEnvironment(Map.of())).isNull();
        OutboundSmtp smtp = OutboundSmtp.fromEnvironment(Map.of("GATEWAY_SMTP_HOST", "smtp.example.fr",
                "GATEWAY_SMTP_FROM", "noreply@cabinet.fr", "GATEWAY_SMTP_USERNAME", "u", "GATEWAY_SMTP_PASSWORD", "pw"));
        assertThat(smtp.port()).isEqualTo(587);
        assertThat(smtp.security()).isEqualTo(OutboundSmtp.Security.STARTTLS);
        assertThat(smtp.session().getProperty("mail.smtp.starttls.required")).isEqualTo("true");
        assertThat(smtp.session().getProperty("mail.smtp.auth")).isEqualTo("true");
        assertThat(smtp.toString()).doesNotContain("pw");
        assertThat(OutboundSmtp.fromEnvironment(Map.of("GATEWAY_SMTP_HOST", "h", "GATEWAY_SMTP_FROM", "a@b.fr",
                "GATEWAY_SMTP_SECURITY", "ssl")).port()).isEqualTo(465);
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() -> OutboundSmtp.fromEnvironment(Map.of("GATEWAY_SMTP_HOST", "h")))
                .hasMessageContaining("GATEWAY_SMTP_FROM must be the address");
        assertThatThrownBy(() -> OutboundSmtp.fromEnvironment(Map.of("GATEWAY_SMTP_HOST", "h", "GATEWAY_SMTP_FROM",
                "a@b.fr", "GATEWAY_SMTP_SECURITY", "TLS1.3"))).hasMessageContaining("GATEWAY_SMTP_SECURITY must be NONE,"
                + " STARTTLS or SSL, got 'TLS1.3'");
        assertThatThrownBy(() -> OutboundSmtp.fromEnvironment(Map.of("GATEWAY_SMTP_HOST", "h", "GATEWAY_SMTP_FROM",
                "a@b.fr", "GATEWAY_SMTP_PORT", "submission"))).hasMessageContaining("GATEWAY_SMTP_PORT must be a port");
    }
}
