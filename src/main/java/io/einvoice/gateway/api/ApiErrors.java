package io.einvoice.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.einvoice.gateway.refusal.InvalidInputException;
import io.einvoice.gateway.refusal.NotAllowedException;
import io.einvoice.gateway.refusal.NotPossibleException;
import io.einvoice.gateway.refusal.NotSignedException;
import io.einvoice.gateway.refusal.NotVisibleException;
import io.einvoice.gateway.refusal.Refusal;
import io.einvoice.gateway.refusal.StateConflictException;
import io.einvoice.gateway.refusal.TooLargeException;
import io.einvoice.gateway.refusal.UpstreamFailedException;
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
            if (t instanceof Refusal refused) {
                return new ApiException(status(refused), refused.reason(), refused.getMessage());
            }
        }
        return null;
    }

    /** What each kind of refusal a service throws means in HTTP (the web pages answer with it too). */
    public static int status(Refusal refused) {
        if (refused instanceof InvalidInputException) {
            return 400;
        }
        if (refused instanceof NotSignedException) {
            return 401;
        }
        if (refused instanceof NotAllowedException) {
            return 403;
        }
        if (refused instanceof NotVisibleException) {
            return 404;
        }
        if (refused instanceof StateConflictException) {
            return 409;
        }
        if (refused instanceof TooLargeException) {
            return 413;
        }
        if (refused instanceof NotPossibleException) {
            return 422;
        }
        if (refused instanceof UpstreamFailedException) {
            return 502;
        }
        // Refusal is sealed: what is left is UnavailableException
        return 503;
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
