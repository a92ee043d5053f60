package io.einvoice.gateway.dispatch.chorus.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.facturx.SampleInvoices.PublicBuyer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator's HTTP surface as a raw client sees it: PISTE auth behaviour and the Chorus Pro content checks. */
class ChorusSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = Base64.getEncoder().encodeToString("TECH_1@cpro.fr:pw".getBytes(StandardCharsets.UTF_8));

    private ChorusSimulator simulator;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        simulator = ChorusSimulator.start(0, SimulatedChorus.withFixtures()
                        .addTechnicalAccount("TECH_1@cpro.fr", "pw", Map.of("73282932000017", "Fournitures Lumière")))
                .addClient("app", "secret", Set.of("factures", "transverses", "structures"));
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void tokenEndpointAnswersInvalidClientAlikeForUnknownIdAndWrongSecret() throws Exception {
        HttpResponse<String> unknown = form("grant_type=client_credentials&client_id=nobody&client_secret=secret&scope=openid");
        HttpResponse<String> wrongSecret = form("grant_type=client_credentials&client_id=app&client_secret=nope&scope=openid");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).isEqualTo(wrongSecret.body()).isEqualTo("{\"error\":\"invalid_client\"}");
        JsonNode token = JSON.readTree(form("grant_type=client_credentials&client_id=app&client_secret=secret&scope=openid").body());
        assertThat(token.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.path("expires_in").asInt()).isEqualTo(3600);
    }

    @Test
    void apiRefusesMissingTokenBadAccountAndUnsubscribedRoutes() throws Exception {
        HttpResponse<String> noToken = post("structures/v1/rechercher", null, ACCOUNT, "{}");
        assertThat(noToken.statusCode()).isEqualTo(400);
        assertThat(noToken.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).contains("Unable to find token in the message"));
        String token = token();
        assertThat(post("structures/v1/rechercher", "not-a-token", ACCOUNT, "{}").statusCode()).isEqualTo(401);
        String wrongPassword = Base64.getEncoder().encodeToString("TECH_1@cpro.fr:bad".getBytes(StandardCharsets.UTF_8));
        assertThat(post("structures/v1/rechercher", token, wrongPassword, "{}").statusCode()).isEqualTo(401);
        assertThat(post("utilisateurs/v1/monCompte/recuperer/rattachements", token, ACCOUNT, "{}").statusCode()).isEqualTo(403);
        // a route that does not exist at all (doc §2: seen in the wild)
        assertThat(post("factures/v1/consulter/cr", token, ACCOUNT, "{}").statusCode()).isEqualTo(403);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/cpro/transverses/v1/health-check")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void depositValidatesItsFieldsAndAnUnknownFluxIsReported() throws Exception {
        String token = token();
        HttpResponse<String> badSyntax = post("factures/v1/deposer/flux", token, ACCOUNT,
                "{\"fichierFlux\":\"QUJD\",\"nomFichier\":\"f.pdf\",\"syntaxeFlux\":\"IN_DP_E1_CII_FACTURX\",\"avecSignature\":false}");
        assertThat(badSyntax.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badSyntax.body()).path("codeRetour").asInt()).isNotZero();
        HttpResponse<String> badBase64 = post("factures/v1/deposer/flux", token, ACCOUNT,
                "{\"fichierFlux\":\"%%%\",\"nomFichier\":\"f.pdf\",\"syntaxeFlux\":\"IN_DP_E2_CII_FACTURX\"}");
        assertThat(badBase64.statusCode()).isEqualTo(400);
        JsonNode unknown = JSON.readTree(post("transverses/v1/consulterCRDetaille", token, ACCOUNT,
                "{\"numeroFluxDepot\":\"CPP0011117000000000999999\"}").body());
        assertThat(unknown.path("codeRetour").asInt()).isEqualTo(20001);
        assertThat(unknown.path("libelle").asText()).isEqualTo("POQ_MSG_01.003 - Flux introuvable.");
    }

    @Test
    void fluxGoesThroughProcessingThenIsRejectedWithEachContentError() throws Exception {
        String token = token();
        byte[] pdf = SampleInvoices.chorusFacturXPdf("FA-2026-00000000042",
                new PublicBuyer("12345678200044", "M1", "FACTURES_PUBLIQUES", null, false));
        String flux = deposit(token, pdf);
        assertThat(flux).matches("CPP0011117\\d{15}");

        JsonNode first = report(token, flux);
        assertThat(first.path("etatCourantDepotFlux").asText()).isEqualTo(SimulatedChorus.PROCESSING);
        assertThat(first.path("listeErreurDP")).isEmpty();
        JsonNode last = report(token, flux);
        assertThat(last.path("etatCourantDepotFlux").asText()).isEqualTo("IN_REJETE");
        List<String> errors = new ArrayList<>();
        last.path("listeErreurDP").forEach(e -> errors.add(e.path("libelleErreurDP").asText()));
        assertThat(errors).containsExactlyInAnyOrder(
                "Le cadre de facturation (FichierXml.ExchangedDocumentContext.BusinessProcessSpecifiedDocumentContextParameter"
                        + ".ID.value) doit etre une valeur de A1 a A25",
                // without bank details Mustang writes no payment means at all
                "Le champ (FichierXml.SupplyChainTradeTransaction.ApplicableHeaderTradeSettlement"
                        + ".SpecifiedTradeSettlementPaymentMeans.TypeCode.value) est obligatoire",
                "Le numero d'engagement est obligatoire pour la structure 12345678200044 (BuyerOrderReferencedDocument.IssuerAssignedID.value)",
                "Le service FACTURES_PUBLIQUES est reserve aux factures entre entites publiques");
        assertThat(last.path("listeErreurDP").get(0).path("numeroDP").asText()).isEqualTo("FA-2026-00000000042");
        assertThat(search(token, flux).path("listeFactures")).isEmpty();
    }

    @Test
    void tooLongNumberAndUnknownBuyerAreRejected() throws Exception {
        String token = token();
        String flux = deposit(token, SampleInvoices.chorusFacturXPdf("FA-2026-0000000000042", PublicBuyer.plain("99999999900018")));
        simulator.chorus().processPendingFlux();
        List<String> errors = new ArrayList<>();
        report(token, flux).path("listeErreurDP").forEach(e -> errors.add(e.path("libelleErreurDP").asText()));
        assertThat(errors).contains(
                "Le champ identifiant de la facture (FichierXml.ExchangedDocument.ID.value) ne doit pas depasser 20 caracteres",
                "L'identifiant destinataire de la demande de paiement (balise : BuyerTradeParty.GlobalID.value) n'est pas"
                        + " reference dans notre systeme.");
    }

    @Test
    void integratedInvoiceIsListedPagedAndHasAHistory() throws Exception {
        String token = token();
        for (int i = 0; i < 12; i++) {
            deposit(token, SampleInvoices.chorusFacturXPdf("FA-P-" + i, PublicBuyer.plain("12345678200051")));
        }
        simulator.chorus().processPendingFlux();
        JsonNode firstPage = JSON.readTree(post("factures/v1/rechercher/fournisseur", token, ACCOUNT, "{}").body());
        assertThat(firstPage.path("listeFactures")).hasSize(10);
        assertThat(firstPage.path("parametresRetour").path("total").asInt()).isEqualTo(12);
        assertThat(firstPage.path("parametresRetour").path("pages").asInt()).isEqualTo(2);

        long id = simulator.chorus().invoiceId("FA-P-3").orElseThrow();
        simulator.chorus().moveInvoice(id, "SUSPENDUE", "Pièce manquante");
        JsonNode history = JSON.readTree(post("factures/v1/consulter/historique", token, ACCOUNT, "{\"idFacture\":" + id + "}").body());
        assertThat(history.path("statutCourantCode").asText()).isEqualTo("SUSPENDUE");
        List<String> codes = new ArrayList<>();
        history.path("historiquesDesStatuts").path("histoStatut").forEach(s -> codes.add(s.path("histoStatutCode").asText()));
        assertThat(codes).containsExactly("SUSPENDUE", "MISE_A_DISPOSITION", "DEPOSEE");
    }

    @Test
    void structureSearchGivesFlagsAndServices() throws Exception {
        String token = token();
        JsonNode found = JSON.readTree(post("structures/v1/rechercher", token, ACCOUNT,
                "{\"structure\":{\"identifiantStructure\":\"12345678200028\",\"typeIdentifiantStructure\":\"SIRET\"}}").body());
        long id = found.path("listeStructures").get(0).path("idStructureCPP").asLong();
        JsonNode structure = JSON.readTree(post("structures/v1/consulter", token, ACCOUNT, "{\"idStructureCPP\":" + id + "}").body());
        assertThat(structure.path("parametres").path("codeServiceDoitEtreRenseigne").asBoolean()).isTrue();
        assertThat(structure.path("parametres").path("numeroEJDoitEtreRenseigne").asBoolean()).isFalse();
        JsonNode services = JSON.readTree(post("structures/v1/rechercher/services", token, ACCOUNT, "{\"idStructure\":" + id + "}").body());
        List<String> codes = new ArrayList<>();
        services.path("listeServices").forEach(s -> codes.add(s.path("codeService").asText()));
        assertThat(codes).contains("SERVICE_DEST_SERV_OBL", "FACTURES_PUBLIQUES");
    }

    private String deposit(String token, byte[] pdf) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("fichierFlux", Base64.getEncoder().encodeToString(pdf))
                .put("nomFichier", "facture.pdf").put("syntaxeFlux", "IN_DP_E2_CII_FACTURX").put("avecSignature", false);
        JsonNode answer = JSON.readTree(post("factures/v1/deposer/flux", token, ACCOUNT, body.toString()).body());
        assertThat(answer.path("codeRetour").asInt()).isZero();
        return answer.path("numeroFluxDepot").asText();
    }

    private JsonNode report(String token, String flux) throws Exception {
        return JSON.readTree(post("transverses/v1/consulterCRDetaille", token, ACCOUNT, "{\"numeroFluxDepot\":\"" + flux + "\"}").body());
    }

    private JsonNode search(String token, String flux) throws Exception {
        return JSON.readTree(post("factures/v1/rechercher/fournisseur", token, ACCOUNT, "{\"numeroFluxDepot\":\"" + flux + "\"}").body());
    }

    private String token() throws Exception {
        return JSON.readTree(form("grant_type=client_credentials&client_id=app&client_secret=secret&scope=openid").body())
                .path("access_token").asText();
    }

    private HttpResponse<String> form(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(simulator.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String route, String token, String account, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/cpro/" + route))
                .header("Content-Type", "application/json;charset=utf-8").header("cpro-account", account)
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
