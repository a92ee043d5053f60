package io.einvoice.gateway.web;

import io.einvoice.gateway.system.ScannedSample;
import io.einvoice.gateway.system.TestDatabase;
import io.einvoice.gateway.system.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The path in a real browser against the running gateway: log in, see the dossiers, drop a scanned invoice,
 * watch it being read, correct its number, approve it, find it in the archive; and the walls around it (another
 * dossier by URL, forms without their CSRF token, bad filters and form fields). Screenshots in target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class WebInterfaceContract extends BrowserContract {

    private static final String CORRECTED = "FA-2026-0045-WEB";

    String documentId;

    @Test
    @Order(1)
    void theFirstPageIsTheLoginAndAWrongPasswordIsSaidInFrench() throws Exception {
        browser.get(url("/"));
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Connexion");
        Browser.screenshot(browser, kind() + "-1-login");
        login(TestGateway.ADMIN_EMAIL, "not the password");
        assertThat(browser.findElement(By.id("login-error")).getText()).isEqualTo("Adresse e-mail ou mot de passe incorrect.");
        assertThat(browser.getCurrentUrl()).endsWith("/login");
    }

    @Test
    @Order(2)
    void aPersonLogsInAndSeesTheirDossiersWithCountersInAnHttpOnlyStrictCookie() throws Exception {
        loginAsAdmin();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Vos dossiers");
        List<String> dossiers = browser.findElements(By.cssSelector(".dossier h2")).stream().map(WebElement::getText).toList();
        assertThat(dossiers).containsExactlyInAnyOrder("Dossier A", "Dossier B");
        assertThat(browser.findElement(By.cssSelector(".dossier .counters")).getText()).contains("À traiter", "À vérifier", "À exporter");
        Cookie session = browser.manage().getCookieNamed(WebSession.SESSION_COOKIE);
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(session.isSecure()).as("plain HTTP on this machine: no TLS, no Secure flag").isFalse();
        Browser.screenshot(browser, kind() + "-2-home");

        browser.findElement(By.id("q")).sendKeys("B");
        clickThrough(By.cssSelector("form.search button"));
        assertThat(browser.findElements(By.cssSelector(".dossier h2")).stream().map(WebElement::getText).toList())
                .containsExactly("Dossier B");
    }

    @Test
    @Order(3)
    void aScanDroppedInTheInboxIsReadAndItsStatusMovesWithoutReloading() throws Exception {
        browser.get(url("/dossiers/" + TestGateway.SIREN_A));
        Path scan = home.resolve(ScannedSample.FILE);
        Files.write(scan, ScannedSample.png(ScannedSample.NUMBER));
        // the enhanced drop zone sends what the file input is given, with a progress bar, then shows the inbox
        browser.findElement(By.id("files")).sendKeys(scan.toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.getCurrentUrl().contains("uploaded=1"));
        assertThat(browser.findElement(By.id("uploaded")).getText()).contains("1 fichier");
        // htmx replaces the rows every 5 s: the page is never reloaded, the status changes on its own
        browser.executeScript("window.notReloaded = true");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() ->
                !browser.findElements(By.cssSelector("#inbox-rows tr[data-status=PENDING_APPROVAL]")).isEmpty());
        assertThat(browser.executeScript("return window.notReloaded === true")).isEqualTo(true);
        WebElement row = browser.findElement(By.cssSelector("#inbox-rows tr[data-status=PENDING_APPROVAL]"));
        assertThat(row.getText()).contains("À approuver", "Dépôt web");
        Browser.screenshot(browser, kind() + "-3-inbox");
        row.findElement(By.cssSelector("a")).click();
        documentId = browser.getCurrentUrl().replaceAll(".*/documents/", "");
        assertThat(documentId).matches("[0-9a-f-]{36}");
    }

    @Test
    @Order(4)
    void theDocumentPageShowsTheScanWithItsFieldsBoxedAndTakesACorrection() throws Exception {
        browser.get(url("/documents/" + documentId));
        WebElement image = browser.findElement(By.cssSelector(".page img"));
        await().atMost(Duration.ofSeconds(20)).until(() -> ((Number) browser.executeScript(
                "return arguments[0].naturalWidth", image)).intValue() > 500);
        assertThat(browser.findElements(By.cssSelector(".page svg rect.box"))).isNotEmpty();
        WebElement number = browser.findElement(By.id("field-number"));
        assertThat(number.getAttribute("value")).isEqualTo(ScannedSample.NUMBER);
        Browser.screenshot(browser, kind() + "-4-document");

        number.clear();
        number.sendKeys(CORRECTED);
        browser.findElement(By.id("save-fields")).click();
        assertThat(shown(By.id("done")).getText()).startsWith("Corrections enregistrées");
        assertThat(browser.findElement(By.id("field-number")).getAttribute("value")).isEqualTo(CORRECTED);
        assertThat(browser.findElement(By.cssSelector(".timeline")).getText()).contains(gwLabel());
    }

    @Test
    @Order(5)
    void aRejectionWithoutReasonIsRefusedAndAnApprovalArchivesTheInvoice() throws Exception {
        reloadUntil(() -> browser.findElements(By.id("validating")).isEmpty(), Duration.ofSeconds(180));
        // the browser would not send an empty required field: the form is sent as a script would send it
        browser.executeScript("document.getElementById('reason').removeAttribute('required')");
        browser.findElement(By.id("reject")).click();
        assertThat(shown(By.id("error")).getText()).startsWith("Un rejet demande un motif");
        assertThat(browser.findElement(By.id("doc-status")).getText()).isEqualTo("À approuver");

        browser.findElement(By.id("approve")).click();
        assertThat(shown(By.id("done")).getText()).isEqualTo("Facture approuvée.");
        reloadUntil(() -> !browser.findElements(By.id("archive-link")).isEmpty(), Duration.ofSeconds(60));
        Browser.screenshot(browser, kind() + "-5-approved");

        browser.get(url("/dossiers/" + TestGateway.SIREN_A + "/archive"));
        browser.findElement(By.id("a-q")).sendKeys(CORRECTED);
        clickThrough(By.cssSelector("form.filters button"));
        List<WebElement> found = browser.findElements(By.cssSelector("table.inbox tbody tr"));
        assertThat(found).hasSize(1);
        assertThat(found.get(0).getText()).contains(CORRECTED);
        Browser.screenshot(browser, kind() + "-6-archive");
        found.get(0).findElement(By.cssSelector("a")).click();
        assertThat(browser.findElement(By.id("entry-hash")).getText()).matches("[0-9a-f]{64}");
        Browser.screenshot(browser, kind() + "-7-archive-entry");
    }

    @Test
    @Order(6)
    void atPhoneWidthTheInboxListsEachInvoiceAsACardWithItsLabels() throws Exception {
        ChromeDriver phone = Browser.open(390, 844);
        try {
            login(phone, TestGateway.ADMIN_EMAIL, TestGateway.PASSWORD);
            phone.get(url("/dossiers/" + TestGateway.SIREN_A));
            long overflow = ((Number) phone.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth")).longValue();
            assertThat(overflow).as("no sideways scrolling at phone width").isLessThanOrEqualTo(0);
            assertThat(phone.findElement(By.cssSelector("table.inbox thead")).isDisplayed()).isFalse();
            Browser.screenshot(phone, kind() + "-8-inbox-phone");
        } finally {
            phone.quit();
        }
    }

    @Test
    @Order(7)
    void aUserOfOneDossierCannotOpenAnotherDossiersPagesByUrl() throws Exception {
        String inB = gw.upload("/api/dossiers/" + TestGateway.SIREN_B + "/purchase-invoices", gw.keyB, "file", "b.png",
                ScannedSample.png("FA-B-1")).body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        ChromeDriver other = Browser.open(1280, 900);
        try {
            login(other, TestGateway.USER_EMAIL, TestGateway.PASSWORD);
            assertThat(other.findElements(By.cssSelector(".dossier h2")).stream().map(WebElement::getText).toList())
                    .containsExactly("Dossier A");
            for (String path : List.of("/dossiers/" + TestGateway.SIREN_B, "/dossiers/" + TestGateway.SIREN_B + "/rows",
                    "/dossiers/" + TestGateway.SIREN_B + "/archive", "/documents/" + inB, "/documents/" + inB + "/pages/1",
                    "/documents/" + inB + "/files/original")) {
                other.get(url(path));
                assertThat(other.findElement(By.tagName("body")).getText()).as(path)
                        .contains("Cette page n’existe pas ou ne vous est pas accessible.").doesNotContain("FA-B-1");
            }
            Browser.screenshot(other, kind() + "-9-wall");
            String cookie = WebSession.SESSION_COOKIE + "=" + other.manage().getCookieNamed(WebSession.SESSION_COOKIE).getValue();
            assertThat(send(HttpRequest.newBuilder(URI.create(url("/documents/" + inB + "/approve"))).header("Cookie", cookie)
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                            "csrf=" + WebSession.csrfOf(other.manage().getCookieNamed(WebSession.SESSION_COOKIE).getValue())))
                    .build()).statusCode()).isEqualTo(404);
        } finally {
            other.quit();
        }
    }

    @Test
    @Order(8)
    void aFormPostedWithoutItsCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        String token = browser.manage().getCookieNamed(WebSession.SESSION_COOKIE).getValue();
        HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create(url("/password")))
                .header("Cookie", WebSession.SESSION_COOKIE + "=" + token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("current=" + TestGateway.PASSWORD.replace(' ', '+')
                        + "&next=hijacked+password+123&confirm=hijacked+password+123")).build());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Ce formulaire a expiré");
        HttpResponse<String> forged = send(HttpRequest.newBuilder(URI.create(url("/login")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=" + TestGateway.ADMIN_EMAIL + "&password="
                        + TestGateway.PASSWORD.replace(' ', '+') + "&csrf=guess")).build());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(WebSession.SESSION_COOKIE + "="));
        // the old password still opens the session: nothing was changed
        browser.manage().deleteAllCookies();
        loginAsAdmin();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Vos dossiers");
    }

    @Test
    @Order(9)
    void badFiltersAndOversizedFieldsGetAClearFrenchErrorThatDoesNotEchoThem() throws Exception {
        for (String query : List.of("?status=<script>alert(1)</script>", "?page=0", "?page=99999999999", "?channel=FAX",
                "?q=" + "x".repeat(101))) {
            browser.get(url("/dossiers/" + TestGateway.SIREN_A + query));
            String body = browser.findElement(By.tagName("body")).getText();
            assertThat(body).as(query).contains("Impossible d’afficher cette page").doesNotContain("<script>", "99999999999", "FAX");
        }
        browser.get(url("/documents/" + documentId));
        browser.executeScript("document.getElementById('field-number').removeAttribute('maxlength');"
                + "document.getElementById('field-number').value = 'N'.repeat(201);");
        clickThrough(By.id("save-fields"));
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("Un champ du formulaire est trop long.");
        String token = browser.manage().getCookieNamed(WebSession.SESSION_COOKIE).getValue();
        HttpResponse<String> none = send(HttpRequest.newBuilder(URI.create(url("/dossiers/" + TestGateway.SIREN_A + "/upload")))
                .header("Cookie", WebSession.SESSION_COOKIE + "=" + token).header("X-CSRF-Token", WebSession.csrfOf(token))
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofString("--xyz--\r\n")).build());
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).contains("Aucun fichier reçu");
    }

    @Test
    @Order(10)
    void aPersonChangesTheirPasswordAfterGivingTheCurrentOneAndLogsOut() throws Exception {
        browser.get(url("/password"));
        browser.findElement(By.id("current")).sendKeys("wrong current password");
        browser.findElement(By.id("next")).sendKeys("a new password of mine");
        browser.findElement(By.id("confirm")).sendKeys("a new password of mine");
        clickThrough(By.cssSelector("main form button[type=submit]"));
        assertThat(browser.findElement(By.cssSelector(".alert.error")).getText()).isEqualTo("Le mot de passe actuel est incorrect.");
        browser.findElement(By.id("current")).sendKeys(TestGateway.PASSWORD);
        browser.findElement(By.id("next")).sendKeys("a new password of mine");
        browser.findElement(By.id("confirm")).sendKeys("a new password of mine");
        clickThrough(By.cssSelector("main form button[type=submit]"));
        assertThat(browser.findElement(By.id("password-changed")).getText()).isEqualTo("Votre mot de passe a été changé.");
        clickThrough(By.cssSelector("header form button"));
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        browser.get(url("/"));
        assertThat(browser.getCurrentUrl()).as("the session is closed").endsWith("/login");
        login(TestGateway.ADMIN_EMAIL, "a new password of mine");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Vos dossiers");
    }

    @Test
    @Order(11)
    void pagesCarryAPolicyWithoutInlineScriptsAndHtmxComesFromTheGateway() throws Exception {
        HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(url("/login"))).GET().build());
        String policy = login.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'self'").doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(login.body()).doesNotContain("<script>", "style=\"", "https://");
        HttpResponse<String> htmx = send(HttpRequest.newBuilder(URI.create(url("/assets/htmx.min.js"))).GET().build());
        assertThat(htmx.statusCode()).isEqualTo(200);
        assertThat(htmx.body()).contains("htmx");
        assertThat(send(HttpRequest.newBuilder(URI.create(url("/assets/..%2Fapplication.properties"))).GET().build())
                .statusCode()).isEqualTo(404);
    }

    private String gwLabel() {
        return "user:" + TestGateway.ADMIN_EMAIL;
    }
}
