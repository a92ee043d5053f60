package io.einvoice.gateway.dispatch.pa;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.einvoice.gateway.connector.SupplierHttp;
import io.einvoice.gateway.outbound.OutboundGuard;
import io.einvoice.gateway.system.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Directory Service at its own URL (GATEWAY_PA_DIRECTORY_URL, issue 17): asked there with the token of the
 * dossier's PA account, while flows stay at the account's flow API; without the setting, at the flow API's URL.
 */
class PaDirectoryUrlTest {

    @TempDir
    Path home;

    PaTestBed bed;
    HttpServer directory;
    final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        bed = new PaTestBed(TestDatabase.h2(home), home);
        directory = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        directory.createContext("/annuaire/v1/directory-line/search", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ("{\"totalNumberOfResults\":1,\"results\":[{\"addressingIdentifier\":\"" + PaTestBed.BUYER
                    + "\",\"siren\":\"" + PaTestBed.BUYER + "\",\"platformType\":\"WK\",\"directoryLineStatus\":\"Enabled\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        directory.start();
    }

    @AfterEach
    void stop() {
        directory.stop(0);
        bed.close();
    }

    private PaApi api(String directoryUrl) {
        SupplierHttp http = new SupplierHttp(OutboundGuard.strict(InetAddress::getAllByName).allowing("127.0.0.1"),
                () -> bed.camel, d -> { }, PaTestBed.TIMEOUT, "padir");
        return new PaApi(http, d -> { }, Clock.systemUTC(), 2, Duration.ofMillis(1), 1024 * 1024, directoryUrl);
    }

    @Test
    void theDirectoryIsAskedAtItsOwnUrlWithTheAccountsToken() throws Exception {
        String url = "http://127.0.0.1:" + directory.getAddress().getPort() + "/annuaire";
        PaApi.Credentials c = bed.dispatcher.credentials(bed.sellerDossier).orElseThrow();

        JsonNode lines = api(url).directoryLines(c, PaTestBed.BUYER).orElseThrow();

        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).path("platformType").asText()).isEqualTo("WK");
        assertThat(authorizations).singleElement().satisfies(a -> assertThat(a).startsWith("Bearer "));
    }

    @Test
    void withoutTheSettingTheDirectoryIsAskedAtTheFlowApi() throws Exception {
        bed.pa().directoryLine(PaTestBed.BUYER, PaTestBed.BUYER, null, "DFH", "Enabled");
        PaApi.Credentials c = bed.dispatcher.credentials(bed.sellerDossier).orElseThrow();

        JsonNode lines = api(null).directoryLines(c, PaTestBed.BUYER).orElseThrow();

        assertThat(lines.get(0).path("platformType").asText()).isEqualTo("DFH");
        assertThat(authorizations).isEmpty();
    }

    @Test
    void theSettingIsReadFromTheEnvironmentAndAWrongOneRefused() {
        assertThat(PaBeans.Settings.fromEnvironment(Map.of("GATEWAY_PA_DIRECTORY_URL", "https://annuaire.pa.example/api/"))
                .directoryUrl()).isEqualTo("https://annuaire.pa.example/api");
        assertThat(PaBeans.Settings.fromEnvironment(Map.of()).directoryUrl()).isNull();
        assertThatThrownBy(() -> PaBeans.Settings.fromEnvironment(Map.of("GATEWAY_PA_DIRECTORY_URL", "ftp://x?y=1")))
                .hasMessageContaining("GATEWAY_PA_DIRECTORY_URL must be an http(s) URL");
    }
}
