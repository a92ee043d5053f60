package io.einvoice.gateway.system;

import io.einvoice.gateway.archive.BlobStore;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;

/**
 * Readiness of what every stage needs: the database answers and the blob folder can be written. Neither is a liveness
 * check: a database that is down makes the node not ready, restarting it would not help.
 */
final class ReadinessChecks {

    private ReadinessChecks() {
    }

    static void register(CamelContext camel, JdbcTemplate jdbc, BlobStore blobs) {
        var registry = HealthCheckHelper.getHealthCheckRegistry(camel);
        registry.register(new Check("database", () -> jdbc.queryForObject("SELECT 1", Integer.class),
                "the database does not answer: check GATEWAY_DB_URL and that the server runs"));
        registry.register(new Check("blob-store", () -> {
            if (!blobs.isWritable()) {
                throw new IllegalStateException();
            }
        }, "the blob folder cannot be written: check GATEWAY_HOME/blobs exists and its permissions"));
    }

    private static final class Check extends AbstractHealthCheck {
        private final Runnable probe;
        private final String whenDown;

        Check(String id, Runnable probe, String whenDown) {
            super("gateway", id);
            this.probe = probe;
            this.whenDown = whenDown;
        }

        @Override
        public boolean isLiveness() {
            return false;
        }

        @Override
        protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
            try {
                probe.run();
                builder.up();
            } catch (RuntimeException e) {
                builder.message(whenDown).down();
            }
        }
    }
}
