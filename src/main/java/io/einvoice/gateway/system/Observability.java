package io.einvoice.gateway.system;

import io.einvoice.gateway.archive.BlobStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;

/**
 * The operators' port (GATEWAY_MANAGEMENT_PORT): Camel's own management server with Prometheus metrics at
 * {@code /observe/metrics} (per-route throughput and latency from Camel, the gateway's gauges) and the probes at
 * {@code /observe/health/live} and {@code /observe/health/ready}.
 */
final class Observability {

    private Observability() {
    }

    static void configure(Main main, GatewayConfig.Management management) {
        if (!management.enabled()) {
            return;
        }
        main.addOverrideProperty("camel.metrics.enabled", "true");
        main.addOverrideProperty("camel.metrics.binders", "jvm-memory,jvm-gc,jvm-thread,processor");
        main.addOverrideProperty("camel.management.enabled", "true");
        main.addOverrideProperty("camel.management.host", management.host());
        main.addOverrideProperty("camel.management.port", String.valueOf(management.port()));
        main.addOverrideProperty("camel.management.metricsEnabled", "true");
        main.addOverrideProperty("camel.management.healthCheckEnabled", "true");
        // one dossier's mailbox that cannot be polled must not take the whole node out of service
        main.addOverrideProperty("camel.health.consumersEnabled", "false");
        main.addOverrideProperty("camel.health.exposureLevel", "oneline");
    }

    /** Once Camel runs: the readiness checks, and the gauges when metrics are on. */
    static void install(CamelContext camel, JdbcTemplate jdbc, BlobStore blobs) {
        ReadinessChecks.register(camel, jdbc, blobs);
        MeterRegistry registry = camel.getRegistry().findSingleByType(MeterRegistry.class);
        if (registry != null) {
            new GatewayGauges(jdbc, Clock.systemUTC()).register(registry, camel);
        }
    }
}
