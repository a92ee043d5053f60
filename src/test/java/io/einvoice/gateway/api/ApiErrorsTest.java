package io.einvoice.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.einvoice.gateway.accounting.ExportRefusedException;
import io.einvoice.gateway.dossier.DossierStatus;
import io.einvoice.gateway.refusal.InvalidInputException;
import io.einvoice.gateway.refusal.NotAllowedException;
import io.einvoice.gateway.refusal.NotPossibleException;
import io.einvoice.gateway.refusal.NotSignedException;
import io.einvoice.gateway.refusal.NotVisibleException;
import io.einvoice.gateway.refusal.Refusal;
import io.einvoice.gateway.refusal.StateConflictException;
import io.einvoice.gateway.refusal.TooLargeException;
import io.einvoice.gateway.refusal.UnavailableException;
import io.einvoice.gateway.refusal.UpstreamFailedException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiErrorsTest {

    @Test
    void eachKindOfRefusalHasItsOwnHttpStatus() {
        assertThat(ApiErrors.status(new InvalidInputException("x"))).isEqualTo(400);
        assertThat(ApiErrors.status(new NotSignedException("x"))).isEqualTo(401);
        assertThat(ApiErrors.status(new NotAllowedException("x"))).isEqualTo(403);
        assertThat(ApiErrors.status(new NotVisibleException("x"))).isEqualTo(404);
        assertThat(ApiErrors.status(new StateConflictException("r", "x"))).isEqualTo(409);
        assertThat(ApiErrors.status(new TooLargeException("x"))).isEqualTo(413);
        assertThat(ApiErrors.status(new NotPossibleException("r", "x"))).isEqualTo(422);
        assertThat(ApiErrors.status(new UpstreamFailedException("r", "x"))).isEqualTo(502);
        assertThat(ApiErrors.status(new UnavailableException("r", "x"))).isEqualTo(503);
        assertThat(Refusal.class.getPermittedSubclasses()).as("a new kind needs its status above").hasSize(9);
    }

    @Test
    void aRefusalWrappedByCamelBecomesItsStatusReasonAndSentence() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            Exchange exchange = new DefaultExchange(camel);
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new RuntimeException("bean failed",
                    new DossierStatus.TransitionRefusedException("123456782", DossierStatus.DEACTIVATED, DossierStatus.CREATED)));
            new ApiErrors().render(exchange);
            assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(409);
            assertThat(Json.DATA.readTree(exchange.getMessage().getBody(String.class)).get("error").asText())
                    .isEqualTo("transition_refused");

            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new ExportRefusedException("a period covers at most 731 days"));
            new ApiErrors().render(exchange);
            assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(422);
            JsonNode body = Json.DATA.readTree(exchange.getMessage().getBody(String.class));
            assertThat(body.get("error").asText()).isEqualTo("export_refused");
            assertThat(body.get("message").asText()).isEqualTo("a period covers at most 731 days");
        }
    }
}
