package io.einvoice.gateway.api;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * What the HTTP request itself carried. Camel's headers are no source for credentials: platform-http also copies every
 * query parameter into them, so {@code ?Authorization=Bearer ...} reads exactly like the real header there.
 */
final class HttpRequests {

    private HttpRequests() {
    }

    /** The Authorization header as sent, or null (also when the exchange did not come over HTTP). */
    static String authorization(Exchange exchange) {
        HttpServerRequest request = request(exchange);
        return request == null ? null : request.getHeader("Authorization");
    }

    /** The peer's IP address, as the socket shows it (a reverse proxy in front shows as itself), or null. */
    static String clientAddress(Exchange exchange) {
        HttpServerRequest request = request(exchange);
        SocketAddress peer = request == null ? null : request.remoteAddress();
        return peer == null ? null : peer.hostAddress();
    }

    private static HttpServerRequest request(Exchange exchange) {
        Message in = exchange.getIn();
        return in instanceof HttpMessage http ? http.getRequest() : null;
    }
}
