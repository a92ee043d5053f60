package io.einvoice.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.einvoice.gateway.system.TestDatabase;
import io.einvoice.gateway.system.MailsThroughRelay;
import io.einvoice.gateway.system.TestGateway;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.einvoice.gateway.system.TestGateway.ADMIN_EMAIL;
import static io.einvoice.gateway.system.TestGateway.PASSWORD;
import static io.einvoice.gateway.system.TestGateway.SIREN_A;
import static io.einvoice.gateway.system.TestGateway.SIREN_B;
import static io.einvoice.gateway.system.TestGateway.USER_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pages 7 and 8 in a real browser. A person of the firm sets a dossier's approval rules, sales settings, inbound
 * address, a mailbox (whose problem then shows), its SMTP server, and makes an API key (shown once, working, then
 * revoked); each refusal shows beside its field. The ADMIN invites someone (the mail leaves), assigns dossiers,
 * changes a role, deactivates, and cannot demote the last ADMIN. The walls: others get 403 on the administration, a
 * client on the settings, a user of another dossier 404, a form without its CSRF token changes nothing; a client's
 * navigation has none of the firm's links.
 */
@MailsThroughRelay("gateway@test.localhost")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class SettingsAndAdminPagesContract extends AdminPagesContract {

    private static final String CLIENT_EMAIL = "client@test.localhost";
    private static final String INVITED_EMAIL = "nouvelle@test.localhost";

    String adminToken;

    @Override
    void seed() throws Exception {
        adminToken = gw.login(ADMIN_EMAIL);
        HttpResponse<String> client = gw.post("/api/users", adminToken, "{\"email\":\"" + CLIENT_EMAIL
                + "\",\"displayName\":\"Cliente A\",\"role\":\"CLIENT\",\"password\":\"" + PASSWORD + "\",\"dossiers\":[\""
                + SIREN_A + "\"]}");
        assertThat(client.statusCode()).as(client.body()).isEqualTo(201);
    }

    @Test
    @Order(1)
    void aPersonSetsTheApprovalRulesAndTheSalesSettingsEachRefusalBesideItsField() throws Exception {
        assertThat(openFromDossier(SIREN_A, "Paramètres")).startsWith("Paramètres du dossier");

        browser.findElement(By.id("approvalMode-EXCEPT_TRUSTED")).click();
        browser.findElement(By.id("approvalThreshold")).sendKeys("mille euros");
        clickThrough(By.id("save-approval"));
        assertThat(shown(By.id("approvalThreshold-error")).getText()).startsWith("Montant incompréhensible");
        assertThat(browser.findElement(By.id("approvalThreshold")).getAttribute("value")).isEqualTo("mille euros");
        assertThat(api("/api/dossiers/" + SIREN_A + "/settings").get("approvalMode").asText()).isEqualTo("ALL");
        setField("approvalThreshold", "1 500,00");
        browser.findElement(By.id("clientsMayApprove")).click();
        clickThrough(By.id("save-approval"));
        assertThat(shown(By.id("done")).getText()).isEqualTo("Règles de validation enregistrées.");
        JsonNode approval = api("/api/dossiers/" + SIREN_A + "/settings");
        assertThat(approval.get("approvalMode").asText()).isEqualTo("EXCEPT_TRUSTED");
        assertThat(approval.get("approvalThreshold").asText()).isEqualTo("1500.00");
        assertThat(approval.get("clientsMayApprove").asBoolean()).isTrue();
        assertThat(browser.findElement(By.id("approvalThreshold")).getAttribute("value")).isEqualTo("1500,00");

        fillAndSend("save-sales", "numberPrefix", "FA-", "iban", "FR00 1234", "paymentDays", "45", "city", "Lyon");
        assertThat(shown(By.id("iban-error")).getText()).contains("not a valid IBAN");
        assertThat(browser.findElement(By.id("city")).getAttribute("value")).isEqualTo("Lyon");
        fillAndSend("save-sales", "iban", "FR76 3000 6000 0112 3456 7890 189");
        assertThat(shown(By.id("done")).getText()).isEqualTo("Paramètres de vente enregistrés.");
        JsonNode sales = api("/api/dossiers/" + SIREN_A + "/sales-settings");
        assertThat(sales.get("iban").asText()).isEqualTo("FR7630006000011234567890189");
        assertThat(sales.get("paymentDays").asInt()).isEqualTo(45);
        assertThat(sales.get("numberPrefix").asText()).isEqualTo("FA-");
        assertThat(sales.get("city").asText()).isEqualTo("Lyon");
    }

    @Test
    @Order(2)
    void aPersonSetsTheInboundAddressAMailboxWhoseProblemShowsAndTheSmtpServer() throws Exception {
        browser.get(url("/dossiers/" + SIREN_A + "/settings"));
        fillAndSend("save-addresses", "inboundLocalPart", "pas une adresse!");
        assertThat(shown(By.id("inboundLocalPart-error")).getText()).contains("inboundLocalPart must be 1 to 64");
        fillAndSend("save-addresses", "inboundLocalPart", "achats-a");
        assertThat(shown(By.id("done")).getText()).isEqualTo("Adresses de réception enregistrées.");
        assertThat(api("/api/dossiers/" + SIREN_A + "/mailboxes").get("inboundLocalPart").asText()).isEqualTo("achats-a");

        // a mailbox without its user name is refused beside the field; one on a port where nothing listens shows why
        int closed = TestGateway.freePort();
        new Select(browser.findElement(By.id("mbProtocol"))).selectByValue("IMAP");
        fillAndSend("add-mailbox", "mbHost", "127.0.0.1", "mbPort", String.valueOf(closed),
                "mbPassword", "secret de boîte");
        assertThat(shown(By.id("mbUsername-error")).getText()).contains("username is required");
        assertThat(browser.findElement(By.id("mbHost")).getAttribute("value")).isEqualTo("127.0.0.1");
        assertThat(browser.findElement(By.id("mbPassword")).getAttribute("value")).as("a password is never shown back").isEmpty();
        fillAndSend("add-mailbox", "mbUsername", "factures@a.test", "mbPassword", "secret de boîte");
        assertThat(shown(By.id("done")).getText()).startsWith("Boîte aux lettres ajoutée");
        reloadUntil(() -> !browser.findElements(By.cssSelector("table.mailboxes .problem-text")).isEmpty(), Duration.ofSeconds(90));
        assertThat(browser.findElement(By.cssSelector("table.mailboxes tbody")).getText())
                .contains("factures@a.test", "Problème :");
        assertThat(api("/api/dossiers/" + SIREN_A + "/mailboxes").get("mailboxes").get(0).get("passwordSet").asBoolean()).isTrue();
        // saving the addresses again keeps the mailbox and its password
        clickThrough(By.id("save-addresses"));
        JsonNode mailboxes = api("/api/dossiers/" + SIREN_A + "/mailboxes").get("mailboxes");
        assertThat(mailboxes).hasSize(1);
        assertThat(mailboxes.get(0).get("passwordSet").asBoolean()).isTrue();

        new Select(browser.findElement(By.id("smtpTlsMode"))).selectByValue("NONE");
        fillAndSend("save-smtp", "smtpPort", "25", "smtpSender", "factures@example.fr");
        assertThat(shown(By.id("smtpHost-error")).getText()).contains("host is required");
        assertThat(api("/api/dossiers/" + SIREN_A + "/smtp").get("configured").asBoolean()).isFalse();
        fillAndSend("save-smtp", "smtpHost", "127.0.0.1", "smtpPort", String.valueOf(relay.smtpPort()));
        assertThat(shown(By.id("done")).getText()).isEqualTo("Serveur d’envoi enregistré.");
        JsonNode smtp = api("/api/dossiers/" + SIREN_A + "/smtp");
        assertThat(smtp.get("host").asText()).isEqualTo("127.0.0.1");
        assertThat(smtp.get("port").asInt()).isEqualTo(relay.smtpPort());
        assertThat(smtp.get("sender").asText()).isEqualTo("factures@example.fr");
        browser.get(url("/dossiers/" + SIREN_A + "/settings#mail"));
        Browser.screenshot(browser, kind() + "-settings-1-mail");
    }

    @Test
    @Order(3)
    void anApiKeyIsShownOnceWorksAndStopsWorkingOnceRevoked() throws Exception {
        browser.get(url("/dossiers/" + SIREN_A + "/settings"));
        fillAndSend("create-key", "keyLabel", "Logiciel de facturation");
        String key = shown(By.id("new-key-value")).getAttribute("value");
        assertThat(key).isNotBlank();
        assertThat(gw.get("/api/dossiers/" + SIREN_A, key).statusCode()).isEqualTo(200);
        assertThat(gw.get("/api/dossiers/" + SIREN_B, key).statusCode()).as("a key opens its own dossier only").isEqualTo(404);
        Browser.screenshot(browser, kind() + "-settings-2-key");
        browser.get(url("/dossiers/" + SIREN_A + "/settings"));
        assertThat(browser.getPageSource()).doesNotContain(key);
        WebElement row = keyRow("Logiciel de facturation");
        clickThrough(By.cssSelector("tr[data-key='" + row.getAttribute("data-key") + "'] button.revoke-key"));
        assertThat(shown(By.id("done")).getText()).startsWith("Clé d’API révoquée");
        assertThat(keyRow("Logiciel de facturation").getText()).contains("Révoquée");
        assertThat(gw.get("/api/dossiers/" + SIREN_A, key).statusCode()).isEqualTo(401);
        Browser.screenshot(browser, kind() + "-settings-3-page");
    }

    @Test
    @Order(4)
    void theAdminInvitesSomeoneAssignsDossiersChangesARoleAndDeactivates() throws Exception {
        browser.get(url("/"));
        browser.findElement(By.linkText("Administration")).click();
        assertThat(shown(By.tagName("h1")).getText()).isEqualTo("Administration du cabinet");
        assertThat(browser.findElement(By.id("roles")).getText()).contains("Client", "son seul dossier");

        setField("invite-email", "pas-un-email");
        setField("invite-displayName", "Nouvelle Collaboratrice");
        browser.findElement(By.id("invite-d-" + SIREN_A)).click();
        clickThrough(By.id("send-invite"));
        assertThat(shown(By.id("invite-email-error")).getText()).contains("email");
        assertThat(browser.findElement(By.id("invite-displayName")).getAttribute("value")).isEqualTo("Nouvelle Collaboratrice");
        assertThat(browser.findElement(By.id("invite-d-" + SIREN_A)).isSelected()).isTrue();
        fillAndSend("send-invite", "invite-email", INVITED_EMAIL);
        assertThat(shown(By.id("done")).getText()).isEqualTo("Invitation envoyée.");
        assertThat(relay.greenMail.getReceivedMessagesForDomain("test.localhost")).extracting(m -> m.getAllRecipients()[0].toString())
                .contains(INVITED_EMAIL);
        assertThat(card(INVITED_EMAIL).getText()).contains("Invité", "Collaborateur", "Dossier A");

        browser.findElement(By.id("d-" + userId(INVITED_EMAIL) + "-" + SIREN_B)).click();
        clickThrough(By.cssSelector("li[data-email='" + INVITED_EMAIL + "'] button.assign"));
        assertThat(shown(By.id("done")).getText()).isEqualTo("Dossiers confiés enregistrés.");
        assertThat(user(INVITED_EMAIL).get("dossiers")).extracting(JsonNode::asText).containsExactlyInAnyOrder(SIREN_A, SIREN_B);

        new Select(browser.findElement(By.id("role-" + userId(INVITED_EMAIL)))).selectByValue("ADMIN_EXCEPT_FIRM");
        clickThrough(By.cssSelector("li[data-email='" + INVITED_EMAIL + "'] button.change-role"));
        assertThat(shown(By.id("done")).getText()).isEqualTo("Rôle changé.");
        assertThat(user(INVITED_EMAIL).get("role").asText()).isEqualTo("ADMIN_EXCEPT_FIRM");

        clickThrough(By.cssSelector("li[data-email='" + INVITED_EMAIL + "'] button.deactivate"));
        assertThat(shown(By.id("done")).getText()).startsWith("Utilisateur désactivé");
        assertThat(user(INVITED_EMAIL).get("status").asText()).isEqualTo("DEACTIVATED");
        assertThat(card(INVITED_EMAIL).getText()).contains("Désactivé");

        // the last ADMIN cannot be demoted: the refusal shows on their card and nothing changes
        new Select(browser.findElement(By.id("role-" + userId(ADMIN_EMAIL)))).selectByValue("USER");
        clickThrough(By.cssSelector("li[data-email='" + ADMIN_EMAIL + "'] button.change-role"));
        assertThat(shown(By.id("user-" + userId(ADMIN_EMAIL) + "-error")).getText()).contains("last active ADMIN");
        assertThat(user(ADMIN_EMAIL).get("role").asText()).isEqualTo("ADMIN");
        // nor deactivated: their card offers no such button and says why
        assertThat(card(ADMIN_EMAIL).findElements(By.cssSelector("button.deactivate"))).isEmpty();
        assertThat(card(ADMIN_EMAIL).getText()).contains("Seul administrateur actif");
        browser.get(url("/admin"));
        assertThat(browser.findElement(By.id("events")).getText()).contains("Invitation envoyée", "Rôle changé");
        Browser.screenshot(browser, kind() + "-admin-1-users");
    }

    @Test
    @Order(5)
    void onlyAnAdminOpensTheAdministrationAndOnlyTheFirmTheSettings() throws Exception {
        String user = sessionOf(USER_EMAIL);       // USER, dossier A
        String client = sessionOf(CLIENT_EMAIL);   // CLIENT, dossier A
        for (String session : List.of(user, client)) {
            HttpResponse<String> admin = getAs(session, "/admin");
            assertThat(admin.statusCode()).isEqualTo(403);
            assertThat(admin.body()).doesNotContain(ADMIN_EMAIL);
            HttpResponse<String> invite = postAs(session, "/admin/users", "email=intrus%40test.localhost&displayName=Intrus"
                    + "&role=ADMIN", true);
            assertThat(invite.statusCode()).isEqualTo(403);
        }
        assertThat(getAs(user, "/admin").body()).contains("Cette page est réservée aux administrateurs du cabinet.");
        assertThat(gw.get("/api/users", adminToken).body()).doesNotContain("intrus@test.localhost");

        // a USER sets the settings of their own dossier, never another's; a client sees none
        assertThat(getAs(user, "/dossiers/" + SIREN_A + "/settings").statusCode()).isEqualTo(200);
        assertThat(getAs(user, "/dossiers/" + SIREN_B + "/settings").statusCode()).isEqualTo(404);
        assertThat(postAs(user, "/dossiers/" + SIREN_B + "/settings/approval", "approvalMode=NONE", true).statusCode())
                .isEqualTo(404);
        assertThat(postAs(user, "/dossiers/" + SIREN_B + "/settings/api-keys", "keyLabel=vol", true).statusCode())
                .isEqualTo(404);
        HttpResponse<String> clientSettings = getAs(client, "/dossiers/" + SIREN_A + "/settings");
        assertThat(clientSettings.statusCode()).isEqualTo(403);
        assertThat(clientSettings.body()).contains("Cette page est réservée au cabinet.").doesNotContain("FR76");
        assertThat(postAs(client, "/dossiers/" + SIREN_A + "/settings/approval", "approvalMode=NONE", true).statusCode())
                .isEqualTo(403);
        assertThat(api("/api/dossiers/" + SIREN_B + "/settings").get("approvalMode").asText()).isEqualTo("ALL");
        assertThat(api("/api/dossiers/" + SIREN_A + "/settings").get("approvalMode").asText()).isEqualTo("EXCEPT_TRUSTED");

        // without its CSRF token a form changes nothing
        String admin = browser.manage().getCookieNamed(WebSession.SESSION_COOKIE).getValue();
        HttpResponse<String> forged = postAs(admin, "/dossiers/" + SIREN_A + "/settings/approval", "approvalMode=NONE", false);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(postAs(admin, "/admin/users/" + user(USER_EMAIL).get("id").asText() + "/deactivate", "", false).statusCode()).isEqualTo(403);
        assertThat(api("/api/dossiers/" + SIREN_A + "/settings").get("approvalMode").asText()).isEqualTo("EXCEPT_TRUSTED");
        assertThat(user(USER_EMAIL).get("status").asText()).isEqualTo("ACTIVE");
        HttpResponse<String> page = getAs(admin, "/dossiers/" + SIREN_A + "/settings");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).doesNotContain("unsafe-inline");
        assertThat(page.body()).doesNotContain("style=\"", "<script>", "secret de boîte");
    }

    @Test
    @Order(6)
    void aClientsNavigationHasNoneOfTheFirmsLinks() throws Exception {
        List<String> firmLinks = List.of("Fournisseurs et clients", "Ventes", "Archive", "Paramètres", "Administration");
        browser.get(url("/dossiers/" + SIREN_A));
        assertThat(navLinks(browser)).containsAll(firmLinks);
        ChromeDriver other = Browser.open(1280, 900);
        try {
            login(other, CLIENT_EMAIL, PASSWORD);
            other.get(url("/dossiers/" + SIREN_A));
            assertThat(navLinks(other)).contains("Dossiers", "Dossier A").doesNotContainAnyElementsOf(firmLinks);
            Browser.screenshot(other, kind() + "-client-nav");
        } finally {
            other.quit();
        }
        // a USER has the dossier's firm pages but not the administration
        ChromeDriver staff = Browser.open(1280, 900);
        try {
            login(staff, USER_EMAIL, PASSWORD);
            staff.get(url("/dossiers/" + SIREN_A));
            assertThat(navLinks(staff)).contains("Paramètres", "Archive").doesNotContain("Administration");
        } finally {
            staff.quit();
        }
    }

    @Test
    @Order(7)
    void bothPagesFitAPhoneWithoutSidewaysScrolling() throws Exception {
        ChromeDriver phone = Browser.open(390, 844);
        try {
            phone.get(url("/"));
            phone.manage().addCookie(browser.manage().getCookieNamed(WebSession.SESSION_COOKIE));
            for (String page : List.of("/dossiers/" + SIREN_A + "/settings", "/admin")) {
                phone.get(url(page));
                Object overflow = phone.executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                assertThat(((Number) overflow).intValue()).as(page + ": no sideways scrolling at phone width")
                        .isLessThanOrEqualTo(0);
            }
            Browser.screenshot(phone, kind() + "-admin-2-phone");
        } finally {
            phone.quit();
        }
    }

    private static List<String> navLinks(ChromeDriver driver) {
        return driver.findElements(By.cssSelector("header nav a")).stream().map(WebElement::getText).toList();
    }

    private WebElement keyRow(String label) {
        return browser.findElements(By.cssSelector("table.api-keys tbody tr")).stream()
                .filter(r -> r.getText().contains(label)).findFirst().orElseThrow();
    }

    private WebElement card(String email) {
        return browser.findElement(By.cssSelector("li[data-email='" + email + "']"));
    }

    private String userId(String email) {
        return card(email).getAttribute("id").substring("user-".length());
    }

    private JsonNode api(String path) throws Exception {
        HttpResponse<String> answer = gw.get(path, adminToken);
        assertThat(answer.statusCode()).as(path + " " + answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private JsonNode user(String email) throws Exception {
        for (JsonNode u : api("/api/users")) {
            if (u.get("email").asText().equals(email)) {
                return u;
            }
        }
        throw new AssertionError("no user " + email);
    }
}
