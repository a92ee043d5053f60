package io.einvoice.gateway.api;

import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.refusal.UnavailableException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.LinkedHashMap;
import java.util.Map;

/** GET /api/health: is the database answering and is the blob store there; no authentication. */
public class HealthApi {

    private final JdbcTemplate jdbc;
    private final BlobStore blobs;
    private final String version;

    public HealthApi(JdbcTemplate jdbc, BlobStore blobs, String version) {
        this.jdbc = jdbc;
        this.blobs = blobs;
        this.version = version;
    }

    public Map<String, Object> health() {
        Map<String, Object> checks = new LinkedHashMap<>();
        checks.put("database", check(() -> jdbc.queryForObject("SELECT 1", Integer.class)));
        checks.put("blobStore", check(() -> {
            if (!blobs.isWritable()) {
                throw new IllegalStateException("blob folder is not writable");
            }
        }));
        boolean up = checks.values().stream().allMatch("UP"::equals);
        if (!up) {
            throw new UnavailableException("unhealthy", "not healthy: " + checks);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "UP");
        answer.put("version", version);
        answer.put("checks", checks);
        return answer;
    }

    private static String check(Runnable probe) {
        try {
            probe.run();
            return "UP";
        } catch (RuntimeException e) {
            return "DOWN: " + e.getMessage();
        }
    }
}
