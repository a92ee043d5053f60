package io.einvoice.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.einvoice.gateway.dossier.DossierStatus;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/** The one place where failures become HTTP answers: {"error": code, "message": sentence}, never a stack trace. */
public class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    /** Camel wraps what a bean throws (bean expressions, type conversion): the answer we meant is in the causes. */
    private static ApiException intended(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
            if (t instanceof DossierStatus.TransitionRefusedException refused) {
                return new ApiException(409, "transition_refused", refused.getMessage());
            }
        }
        return null;
    }

    public void render(Exchange exchange) throws JsonProcessingException {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ApiException answer = intended(failure);
        if (answer == null) {
            LOG.error("api {} {} failed", exchange.getIn().getHeader(Exchange.HTTP_METHOD),
                    exchange.getIn().getHeader(Exchange.HTTP_URI), failure);
            answer = new ApiException(500, "internal_error",
                    "the gateway could not complete this request; it is logged, try again or contact the operator");
        }
        exchange.getMessage().removeHeaders("*", "CamelHttp*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, answer.status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (answer.retryAfterSeconds() != null) {
            exchange.getMessage().setHeader("Retry-After", answer.retryAfterSeconds());
        }
        exchange.getMessage().setBody(Json.MAPPER.writeValueAsString(Map.of("error", answer.code(), "message", answer.getMessage())));
    }
}
