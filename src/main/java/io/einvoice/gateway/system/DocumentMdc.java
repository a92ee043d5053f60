package io.einvoice.gateway.system;

import io.einvoice.gateway.document.DocumentRepository;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.MDC;

import java.util.regex.Pattern;

/**
 * Puts the dossier's SIREN and the document id in the logging MDC ({@code dossier}, {@code document}, the keys ingest logs with too) for every line a
 * stage logs while it works on one document, so that grepping one id shows a document's whole journey. The stages
 * are the routes fed by a queue (in-memory {@code seda:}, or the broker's) whose message is a document id.
 */
public class DocumentMdc implements RoutePolicyFactory {

    static final String SIREN = "dossier";
    static final String DOCUMENT = "document";
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final DocumentRepository documents;

    public DocumentMdc(DocumentRepository documents) {
        this.documents = documents;
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camel, String routeId, NamedNode route) {
        boolean stage = route instanceof RouteDefinition definition && definition.getInput() != null
                && isQueue(camel.resolvePropertyPlaceholders(definition.getInput().getEndpointUri()));
        return stage ? new Policy() : null;
    }

    /** The stage endpoints of {@link Cluster}: an in-process queue, or the broker's. */
    private static boolean isQueue(String uri) {
        return uri.startsWith("seda:") || uri.startsWith("spring-rabbitmq:");
    }

    private final class Policy extends RoutePolicySupport {
        @Override
        public void onExchangeBegin(Route route, Exchange exchange) {
            if (exchange.getMessage().getBody() instanceof String id && ID.matcher(id).matches()) {
                documents.dossierSirenOf(id).ifPresent(siren -> {
                    MDC.put(SIREN, siren);
                    MDC.put(DOCUMENT, id);
                });
            }
        }

        @Override
        public void onExchangeDone(Route route, Exchange exchange) {
            MDC.remove(SIREN);
            MDC.remove(DOCUMENT);
        }
    }
}
