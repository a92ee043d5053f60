package io.einvoice.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.einvoice.gateway.system.TestGateway;
import io.einvoice.gateway.validation.InvoiceValidator;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static io.einvoice.gateway.system.TestGateway.SIREN_A;
import static io.einvoice.gateway.system.TestGateway.SIREN_B;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Page 5 in a real browser: a person writes a sales invoice from two catalogue lines, watches the server's totals
 * follow what they type, finalises it (a bad quantity and a dossier without sales settings are said beside the
 * fields), sends it and sees it Sent and counted in the receivables chart; marks it paid, credits it, marks it
 * refunded. And the walls: another dossier's user gets nothing, a form without its CSRF token changes nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class SalesPagesContract extends AdminPagesContract {

    private static final String SELLER = "732829320";

    String key;
    String service;
    String goods;
    String invoiceId;

    @Override
    void seed() throws Exception {
        // the rule sets compile once per JVM (tens of seconds): not while the browser waits for a finalisation
        InvoiceValidator.shared();
        String admin = gw.login(TestGateway.ADMIN_EMAIL);
        json(gw.post("/api/dossiers", admin, "{\"siren\":\"" + SELLER + "\",\"name\":\"Lumière Conseil SARL\","
                + "\"vatNumber\":\"FR44732829320\"}"));
        key = json(gw.post("/api/dossiers/" + SELLER + "/api-keys", admin, "{\"label\":\"web\"}")).get("key").asText();
        json(gw.put("/api/dossiers/" + SELLER + "/sales-settings", admin, "{\"numberPrefix\":\"VTE-\",\"iban\":"
                + "\"FR76 3000 6000 0112 3456 7890 189\",\"bic\":\"AGRIFRPPXXX\",\"address\":\"12 rue des Lilas\","
                + "\"postcode\":\"75011\",\"city\":\"Paris\",\"email\":\"facturation@lumiere-conseil.fr\",\"paymentDays\":30}"));
        // the customer is dossier B of this platform: the invoice is delivered into B's purchases
        json(gw.post("/api/dossiers/" + SELLER + "/customers", key, "{\"companyName\":\"Dossier B SAS\",\"siren\":\"" + SIREN_B
                + "\",\"address\":\"3 avenue de la Gare\",\"postcode\":\"69002\",\"city\":\"Lyon\"}"));
        service = json(gw.post("/api/dossiers/" + SELLER + "/catalogue", key, "{\"kind\":\"SERVICE\",\"label\":\"Conseil\","
                + "\"unit\":\"HUR\",\"unitPrice\":85,\"vatRate\":20}")).get("id").asText();
        goods = json(gw.post("/api/dossiers/" + SELLER + "/catalogue", key, "{\"kind\":\"GOODS\",\"label\":\"Classeur\","
                + "\"unit\":\"C62\",\"unitPrice\":\"4.5\",\"vatRate\":5.5}")).get("id").asText();
    }

    @Test
    @Order(1)
    void aPersonWritesAnInvoiceOfTwoCatalogueLinesSeesTheTotalsFinalisesAndSendsIt() throws Exception {
        openFromDossier(SELLER, "Ventes");
        assertThat(shown(By.cssSelector("#receivables svg")).getAttribute("role")).isEqualTo("img");
        browser.findElement(By.id("new-invoice")).click();
        new Select(shown(By.id("customer"))).selectByVisibleText("Dossier B SAS (CLI-001)");
        browser.executeScript("window.notReloaded = true");
        new Select(browser.findElement(By.id("item0"))).selectByValue(service);
        browser.findElement(By.id("quantity0")).sendKeys("3");
        new Select(browser.findElement(By.id("item1"))).selectByValue(goods);
        browser.findElement(By.id("quantity1")).sendKeys("10");
        // htmx asks the server for the totals as the person types; the page is not reloaded
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> !d.findElements(By.id("total-incl")).isEmpty()
                && d.findElement(By.id("total-incl")).getText().contains("353,48"));
        assertThat(browser.findElement(By.id("total-excl")).getText()).contains("300,00");
        assertThat(browser.findElement(By.id("total-vat")).getText()).contains("53,48");
        assertThat(browser.executeScript("return window.notReloaded === true")).isEqualTo(true);
        Browser.screenshot(browser, kind() + "-sales-1-editor");

        // a quantity that is no number is said beside its line, and nothing typed is lost
        browser.findElement(By.id("quantity1")).clear();
        browser.findElement(By.id("quantity1")).sendKeys("dix");
        clickThrough(By.id("finalise"));
        assertThat(shown(By.id("line1-error")).getText()).contains("Quantité incompréhensible");
        assertThat(new Select(browser.findElement(By.id("item1"))).getFirstSelectedOption().getAttribute("value")).isEqualTo(goods);
        assertThat(browser.findElement(By.id("quantity0")).getAttribute("value")).isEqualTo("3");
        assertThat(invoices()).isEmpty();

        browser.findElement(By.id("quantity1")).clear();
        browser.findElement(By.id("quantity1")).sendKeys("10");
        clickThrough(By.id("finalise"));
        assertThat(new WebDriverWait(browser, Duration.ofSeconds(120)).until(d -> d.findElement(By.id("done"))).getText())
                .startsWith("Facture finalisée");
        assertThat(browser.findElement(By.id("sales-status")).getText()).isEqualTo("Finalisée");
        invoiceId = browser.getCurrentUrl().replaceAll(".*/sales/([^?]+).*", "$1");
        assertThat(browser.findElement(By.tagName("h1")).getText()).matches("Facture VTE-\\d{4}-\\d+ Finalisée");
        Browser.screenshot(browser, kind() + "-sales-2-finalised");

        clickThrough(By.id("send"));
        assertThat(shown(By.id("done")).getText()).isEqualTo("Envoi demandé.");
        reloadUntil(() -> browser.findElement(By.id("sales-status")).getText().equals("Envoyée"), Duration.ofSeconds(90));
        Browser.screenshot(browser, kind() + "-sales-3-sent");

        browser.findElement(By.linkText("Ventes")).click();
        WebElement row = shown(By.cssSelector("tr[data-id='" + invoiceId + "']"));
        assertThat(row.getAttribute("data-status")).isEqualTo("SENT");
        assertThat(row.getText()).contains("Envoyée", "Dossier B SAS", "353,48");
        assertThat(browser.findElement(By.cssSelector(".bar-outstanding .amount")).getText()).contains("353,48");
        assertThat(browser.findElement(By.cssSelector(".bar-dueWithin30Days .amount")).getText()).contains("0,00");
        assertThat(browser.findElement(By.cssSelector(".bar-dueAfter30Days .amount")).getText()).contains("353,48");
        assertThat(browser.findElement(By.cssSelector("#chart-desc")).getAttribute("textContent"))
                .contains("En cours", "En retard", "353,48");
        Browser.screenshot(browser, kind() + "-sales-4-list");

        ChromeDriver phone = Browser.open(390, 844);
        try {
            phone.get(url("/"));
            phone.manage().addCookie(browser.manage().getCookieNamed(WebSession.SESSION_COOKIE));
            for (String path : List.of("/dossiers/" + SELLER + "/sales", "/dossiers/" + SELLER + "/sales/new")) {
                phone.get(url(path));
                Object overflow = phone.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                assertThat(((Number) overflow).intValue()).as("no sideways scrolling at phone width: " + path).isLessThanOrEqualTo(0);
            }
            Browser.screenshot(phone, kind() + "-sales-5-editor-phone");
            phone.get(url("/dossiers/" + SELLER + "/sales"));
            Object overlaps = phone.executeScript("var l = Array.from(document.querySelectorAll('.bars .label'))"
                    + ".map(function (e) { return e.getBoundingClientRect(); });"
                    + "return l.filter(function (r, i) { return i > 0 && l[i - 1].right > r.left; }).length;");
            assertThat(((Number) overlaps).intValue()).as("the bars' names do not run into each other on a phone").isZero();
            Browser.screenshot(phone, kind() + "-sales-6-list-phone");
        } finally {
            phone.quit();
        }
    }

    @Test
    @Order(2)
    void theInvoiceIsMarkedPaidCreditedByACreditNoteAndMarkedRefunded() throws Exception {
        browser.get(url("/dossiers/" + SELLER + "/sales/" + invoiceId));
        shown(By.id("mark-paid"));
        clickThrough(By.id("mark-paid"));
        assertThat(shown(By.id("done")).getText()).isEqualTo("Facture marquée payée.");
        assertThat(browser.findElement(By.id("payment-status")).getText()).isEqualTo("Payée");
        assertThat(browser.findElement(By.id("sales-status")).getText()).isEqualTo("Payée");

        clickThrough(By.id("credit-note"));
        assertThat(shown(By.id("done")).getText()).startsWith("Brouillon d’avoir créé");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Brouillon d’avoir");
        assertThat(browser.findElement(By.id("total-incl")).getText()).contains("353,48");
        clickThrough(By.id("finalise"));
        assertThat(new WebDriverWait(browser, Duration.ofSeconds(120)).until(d -> d.findElement(By.id("done"))).getText())
                .startsWith("Facture finalisée");
        assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("Avoir VTE-");
        assertThat(browser.findElements(By.id("credit-note"))).as("a credit note is not credited").isEmpty();

        browser.get(url("/dossiers/" + SELLER + "/sales/" + invoiceId));
        shown(By.id("mark-refunded"));
        clickThrough(By.id("mark-refunded"));
        assertThat(shown(By.id("sales-status")).getText()).isEqualTo("Remboursée");
        browser.get(url("/dossiers/" + SELLER + "/sales"));
        assertThat(shown(By.cssSelector("tr[data-id='" + invoiceId + "']")).getAttribute("data-status")).isEqualTo("REFUNDED");
    }

    @Test
    @Order(3)
    void aRefusedPaymentChangeIsExplainedInFrenchOnTheFrenchPage() throws Exception {
        String admin = browser.manage().getCookieNamed(WebSession.SESSION_COOKIE).getValue();
        HttpResponse<String> refused = postAs(admin, "/dossiers/" + SELLER + "/sales/" + invoiceId + "/payment", "status=PAID", true);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("Ce statut de paiement ne peut pas être atteint depuis le statut actuel de la facture.")
                .doesNotContain("it cannot become");
        assertThat(json(gw.get("/api/dossiers/" + SELLER + "/sales-invoices/" + invoiceId, key)).get("paymentStatus").asText())
                .isEqualTo("REFUNDED");
    }

    @Test
    @Order(4)
    void whatStopsAFinalisationIsSaidBesideTheFieldsItConcerns() throws Exception {
        // dossier A has a customer but no sales settings (no IBAN, no address)
        gw.post("/api/dossiers/" + SIREN_A + "/customers", gw.keyA, "{\"companyName\":\"Client de A\"}");
        browser.get(url("/dossiers/" + SIREN_A + "/sales/new"));
        shown(By.id("finalise"));
        clickThrough(By.id("finalise"));
        assertThat(shown(By.id("customer-error")).getText()).isEqualTo("Choisissez le client de la facture.");
        new Select(browser.findElement(By.id("customer"))).selectByIndex(1);
        clickThrough(By.id("finalise"));
        assertThat(shown(By.id("lines-error")).getText()).isEqualTo("La facture n’a aucune ligne : choisissez au moins un article.");
        assertThat(browser.findElement(By.id("error")).getText()).contains("Le dossier n’a pas d’IBAN",
                "L’adresse postale du dossier est incomplète");
        Browser.screenshot(browser, kind() + "-sales-7-refused");
    }

    @Test
    @Order(5)
    void aUserOfAnotherDossierCannotOpenOrActOnItsSales() throws Exception {
        String user = sessionOf(TestGateway.USER_EMAIL);   // assigned to dossier A only
        for (String path : List.of("/dossiers/" + SELLER + "/sales", "/dossiers/" + SELLER + "/sales/new",
                "/dossiers/" + SELLER + "/sales/" + invoiceId, "/dossiers/" + SIREN_A + "/sales/" + invoiceId)) {
            HttpResponse<String> answer = getAs(user, path);
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.body()).as(path).contains("Cette page n’existe pas ou ne vous est pas accessible.")
                    .doesNotContain("353,48", "Dossier B SAS");
        }
        String paymentBefore = json(gw.get("/api/dossiers/" + SELLER + "/sales-invoices/" + invoiceId, key)).get("paymentStatus").asText();
        for (String path : List.of("/dossiers/" + SIREN_A + "/sales/" + invoiceId + "/payment",
                "/dossiers/" + SELLER + "/sales/" + invoiceId + "/payment")) {
            assertThat(postAs(user, path, "status=PAID", true).statusCode()).as(path).isEqualTo(404);
        }
        assertThat(postAs(user, "/dossiers/" + SELLER + "/sales/totals", "customerId=x&item0=" + service + "&quantity0=1", true)
                .statusCode()).isEqualTo(404);
        assertThat(json(gw.get("/api/dossiers/" + SELLER + "/sales-invoices/" + invoiceId, key)).get("paymentStatus").asText())
                .isEqualTo(paymentBefore);
        assertThat(getAs(user, "/dossiers/" + SIREN_A + "/sales").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(6)
    void aFormPostedWithoutItsCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        String admin = browser.manage().getCookieNamed(WebSession.SESSION_COOKIE).getValue();
        int before = invoices().size();
        String form = "customerId=x&item0=" + service + "&quantity0=1&action=save";
        HttpResponse<String> refused = postAs(admin, "/dossiers/" + SELLER + "/sales/new", form, false);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Ce formulaire a expiré");
        assertThat(postAs(admin, "/dossiers/" + SELLER + "/sales/" + invoiceId + "/credit-note", "", false).statusCode())
                .isEqualTo(403);
        assertThat(invoices()).hasSize(before);
        HttpResponse<String> page = getAs(admin, "/dossiers/" + SELLER + "/sales");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).doesNotContain("unsafe-inline");
        assertThat(page.body()).contains("<svg").doesNotContain("style=\"", "<script>");
    }

    private List<JsonNode> invoices() throws Exception {
        List<JsonNode> all = new java.util.ArrayList<>();
        json(gw.get("/api/dossiers/" + SELLER + "/sales-invoices", key)).forEach(all::add);
        return all;
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        return JSON.readTree(response.body());
    }
}
