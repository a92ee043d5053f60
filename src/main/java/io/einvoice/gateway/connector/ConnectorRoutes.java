package io.einvoice.gateway.connector;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One Camel route per running connector, made from the {@code connector-poll} template of
 * {@code routes/connector.camel.yaml}: made at start from the database, and re-made, added or removed whenever a
 * connector changes (the API calls {@link #refresh()}; a timer route does too, for changes made by another node). A
 * paused or stopped connector has no route.
 */
public class ConnectorRoutes {

    static final String TEMPLATE = "connector-poll";
    private static final Logger LOG = LoggerFactory.getLogger(ConnectorRoutes.class);

    private final ConnectorRepository connectors;
    /** route id -> its schedule, in milliseconds */
    private final Map<String, Long> running = new HashMap<>();
    private CamelContext camel;

    public ConnectorRoutes(ConnectorRepository connectors) {
        this.connectors = connectors;
    }

    /** Called once Camel has started (the template is loaded then). */
    public synchronized void attach(CamelContext camelContext) throws Exception {
        this.camel = camelContext;
        refresh();
    }

    public synchronized void refresh() throws Exception {
        if (camel == null) {
            return;
        }
        Map<String, Long> wanted = new HashMap<>();
        Map<String, String> ids = new HashMap<>();
        for (Connector c : connectors.all()) {
            if (!c.paused()) {
                wanted.put(routeId(c.id()), c.pollMinutes() * 60_000L);
                ids.put(routeId(c.id()), c.id());
            }
        }
        Set<String> gone = running.keySet().stream().filter(id -> !wanted.containsKey(id)).collect(Collectors.toSet());
        for (String routeId : gone) {
            remove(routeId);
        }
        for (Map.Entry<String, Long> e : wanted.entrySet()) {
            if (!e.getValue().equals(running.get(e.getKey()))) {
                remove(e.getKey());
                TemplatedRouteBuilder.builder(camel, TEMPLATE).routeId(e.getKey())
                        .parameter("connectorId", ids.get(e.getKey()))
                        .parameter("periodMillis", String.valueOf(e.getValue()))
                        .add();
                running.put(e.getKey(), e.getValue());
                LOG.info("connector route {} started (every {} min)", e.getKey(), e.getValue() / 60_000);
            }
        }
    }

    /** Refreshes, for callers that cannot pass the failure on (a settings change already committed). */
    public void refreshNow() {
        try {
            refresh();
        } catch (Exception e) {
            throw new IllegalStateException("the connectors' routes could not be re-made; they are within a minute", e);
        }
    }

    public synchronized List<String> routeIds() {
        return running.keySet().stream().sorted().toList();
    }

    private void remove(String routeId) throws Exception {
        if (camel.getRoute(routeId) != null) {
            camel.getRouteController().stopRoute(routeId);
            camel.removeRoute(routeId);
            LOG.info("connector route {} stopped", routeId);
        }
        running.remove(routeId);
    }

    static String routeId(String connectorId) {
        return TEMPLATE + "-" + connectorId;
    }
}
