package io.einvoice.gateway.directory;

import com.fasterxml.jackson.databind.JsonNode;
import io.einvoice.gateway.system.GatewayContract;
import io.einvoice.gateway.system.TestGateway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static io.einvoice.gateway.directory.DirectoryCsvTest.HEADER;
import static org.assertj.core.api.Assertions.assertThat;

/** The directory over the real gateway and database: CSV import (dry run, refusal as a whole), lookup, walls. */
abstract class DirectoryContract extends GatewayContract {

    private static final String BUYER = "732829320";

    String admin;
    String user;

    @BeforeAll
    void start() throws Exception {
        admin = gw.login(TestGateway.ADMIN_EMAIL);
        user = gw.login(TestGateway.USER_EMAIL);
    }

    @Test
    void anImportedFileDecidesThePlatformOfEachMeshAndADryRunChangesNothing() throws Exception {
        String csv = HEADER
                + "732829320;732829320;;;;WK;Enabled\n"
                + "732829320_73282932000025;732829320;73282932000025;;;DFH;Enabled\n"
                + "732829320_73282932000025_SERV-A;732829320;73282932000025;SERV-A;;DFH;Enabled\n";
        JsonNode dry = json(importCsv(admin, "?dryRun=true", csv), 200);
        assertThat(dry.get("lines").asInt()).isEqualTo(3);
        assertThat(dry.get("imported").asInt()).isZero();
        assertThat(json(gw.get("/api/directory/" + BUYER, gw.keyA), 200).get("lines")).isEmpty();

        assertThat(json(importCsv(admin, "", csv), 200).get("imported").asInt()).isEqualTo(3);
        JsonNode generic = json(gw.get("/api/directory/" + BUYER, gw.keyA), 200);
        assertThat(generic.get("lines")).hasSize(3);
        assertThat(generic.at("/route/platformType").asText()).isEqualTo("WK");
        assertThat(generic.get("electronicAddress").asText()).isEqualTo("0225:732829320");
        JsonNode facility = json(gw.get("/api/directory/" + BUYER + "?siret=73282932000025", user), 200);
        assertThat(facility.at("/route/platformType").asText()).isEqualTo("DFH");
        assertThat(json(gw.get("/api/directory/" + BUYER + "?siret=73282932000025&routingIdentifier=SERV-A", user), 200)
                .get("electronicAddress").asText()).isEqualTo("0225:732829320_73282932000025_SERV-A");

        // one address, one platform at a time: a newer line replaces the older
        json(importCsv(admin, "", HEADER + "732829320;732829320;;;;WK;Disabled\n"), 200);
        JsonNode disabled = json(gw.get("/api/directory/" + BUYER, gw.keyA), 200);
        assertThat(disabled.get("lines")).hasSize(3);
        assertThat(disabled.get("route").isNull()).as("no line in effect: outside the reform, by e-mail").isTrue();
    }

    @Test
    void aFileWithOneWrongLineImportsNothingAndSaysWhichLine() throws Exception {
        String csv = HEADER + "552100554;552100554;;;;WK;Enabled\n" + "<b>552100554</b>;552100554;;;;WK;Enabled\n";
        HttpResponse<String> answer = importCsv(admin, "", csv);
        JsonNode report = json(answer, 200);
        assertThat(report.get("imported").asInt()).isZero();
        assertThat(report.get("problems").get(0).asText()).startsWith("line 3: addressingIdentifier");
        assertThat(answer.body()).doesNotContain("<b>");
        assertThat(json(gw.get("/api/directory/552100554", gw.keyA), 200).get("lines")).isEmpty();
        byte[] latin1 = (HEADER + "552100554;552100554;;;;WK;Enabled;\u00e9\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(json(gw.postBytes("/api/directory/import", admin, "text/csv", latin1), 200).get("problems").get(0)
                .asText()).contains("not UTF-8");
    }

    @Test
    void onlyAFirmAdministratorImportsAndABadSirenIsRefused() throws Exception {
        String csv = HEADER + "552100554;552100554;;;;WK;Enabled\n";
        assertThat(importCsv(gw.keyA, "", csv).statusCode()).isEqualTo(403);
        assertThat(importCsv(user, "", csv).statusCode()).isEqualTo(403);
        assertThat(importCsv(null, "", csv).statusCode()).isEqualTo(401);
        HttpResponse<String> bad = gw.get("/api/directory/12345678X", gw.keyA);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("9 digits").doesNotContain("12345678X");
        assertThat(gw.get("/api/directory/" + BUYER + "?siret=55210055400013", gw.keyA).statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> importCsv(String token, String query, String csv) throws Exception {
        return gw.postBytes("/api/directory/import" + query, token, "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }
}
