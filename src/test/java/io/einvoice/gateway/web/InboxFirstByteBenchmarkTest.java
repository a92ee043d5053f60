package io.einvoice.gateway.web;

import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.system.TestDatabase;
import io.einvoice.gateway.system.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.SimpleJdbcInsert;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Time to first byte of a dossier's inbox page with 1,000 purchase documents in it (H2, this machine): printed, not
 * asserted (target < 300 ms). The page's list is one SQL query whatever the number of documents.
 */
class InboxFirstByteBenchmarkTest {

    @TempDir
    Path home;

    @Test
    void printsTheTimeToFirstByteOfTheInboxWithAThousandDocuments() throws Exception {
        try (TestGateway gw = TestGateway.start(home, TestDatabase.h2(home))) {
            String id = gw.upload("/api/dossiers/" + TestGateway.SIREN_A + "/purchase-invoices", gw.keyA, "file",
                    "invoice.xml", SampleInvoices.ciiXml("BENCH-0")).body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
            JdbcTemplate db = new JdbcTemplate(new DriverManagerDataSource(gw.database.url(), gw.database.user(), gw.database.password()));
            Map<String, Object> row = db.queryForMap("SELECT * FROM document WHERE id = ?", id);
            SimpleJdbcInsert insert = new SimpleJdbcInsert(db).withTableName("document");
            for (int i = 1; i < 1000; i++) {
                Map<String, Object> copy = new java.util.LinkedHashMap<>();
                row.forEach((k, v) -> copy.put(k.toLowerCase(), v));
                copy.put("id", UUID.randomUUID().toString());
                copy.put("number", "BENCH-" + i);
                copy.put("received_at", OffsetDateTime.now().minusMinutes(i));
                insert.execute(copy);
            }
            assertThat(db.queryForObject("SELECT COUNT(*) FROM document", Long.class)).isEqualTo(1000L);
            String token = gw.gateway.services().users().openSession(db.queryForObject(
                    "SELECT id FROM app_user WHERE email = ?", String.class, TestGateway.ADMIN_EMAIL));
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + gw.port + "/dossiers/"
                    + TestGateway.SIREN_A)).header("Cookie", WebSession.SESSION_COOKIE + "=" + token).build();
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                long start = System.nanoTime();
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    assertThat(body.read()).isNotEqualTo(-1);
                    micros.add((System.nanoTime() - start) / 1000);
                    assertThat(new String(body.readAllBytes())).contains("BENCH-1");
                }
                assertThat(response.statusCode()).isEqualTo(200);
            }
            List<Long> warm = micros.subList(5, micros.size()).stream().sorted().toList();
            System.out.printf("inbox time to first byte, 1,000 documents, H2: first %.1f ms, median %.1f ms, max %.1f ms (20 warm requests)%n",
                    micros.get(0) / 1000.0, warm.get(warm.size() / 2) / 1000.0, warm.get(warm.size() - 1) / 1000.0);
        }
    }
}
