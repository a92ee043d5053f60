package io.einvoice.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.einvoice.gateway.system.TestGateway.SIREN_A;
import static io.einvoice.gateway.system.TestGateway.SIREN_B;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Page 4 in a real browser: a person imports suppliers from a CSV through the column-mapping preview and a dry run,
 * marks one trusted, edits it (blank optional fields stay absent) and sees it saved, merges a duplicate, exports the
 * list; and the walls: another dossier's user gets nothing, a form without its CSRF token changes nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class PartyPagesContract extends AdminPagesContract {

    private static final String CSV = "Société;SIREN;Ville;Courriel;Commentaire\n"
            + "Fournitures Lumière;732829320;Lyon;contact@lumiere.fr;livre le mardi\n"
            + "Papeterie du Centre;;Paris;;à rappeler\n";

    String partyOfB;
    String papeterie;

    @Override
    void seed() throws Exception {
        partyOfB = JSON.readTree(gw.post("/api/dossiers/" + SIREN_B + "/suppliers", gw.keyB,
                "{\"companyName\":\"Fournisseur de B\"}").body()).get("id").asText();
    }

    @Test
    @Order(1)
    void aPersonImportsSuppliersFromACsvAfterCheckingTheColumnsAndADryRun() throws Exception {
        assertThat(openFromDossier(SIREN_A, "Fournisseurs et clients")).startsWith("Fournisseurs");
        browser.findElement(By.id("import-link")).click();
        // a file that cannot be read is said so, on the preview and on a second try, and nothing is imported
        Path unreadable = home.resolve("utf16.csv");
        Files.write(unreadable, concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, CSV.getBytes(StandardCharsets.UTF_16LE)));
        shown(By.id("import-file")).sendKeys(unreadable.toString());
        clickThrough(By.id("import-preview"));
        assertThat(shown(By.id("import-errors")).getText()).contains("UTF-16");
        clickThrough(By.id("import-check"));
        assertThat(shown(By.id("import-errors")).getText()).contains("UTF-16");
        assertThat(suppliersOfA()).isEmpty();
        browser.findElement(By.linkText("← Choisir un autre fichier")).click();
        Path file = home.resolve("fournisseurs.csv");
        Files.writeString(file, CSV, StandardCharsets.UTF_8);
        shown(By.id("import-file")).sendKeys(file.toString());
        clickThrough(By.id("import-preview"));

        assertThat(shown(By.id("import-ready")).getText()).contains("2 ligne(s)");
        assertThat(new Select(browser.findElement(By.id("map0"))).getFirstSelectedOption().getText()).isEqualTo("Raison sociale");
        assertThat(new Select(browser.findElement(By.id("map3"))).getFirstSelectedOption().getText()).isEqualTo("E-mail");
        assertThat(new Select(browser.findElement(By.id("map4"))).getFirstSelectedOption().getText()).isEqualTo("(ignorer)");
        assertThat(browser.findElement(By.cssSelector("table.mapping tbody")).getText()).contains("Papeterie du Centre");
        Browser.screenshot(browser, kind() + "-parties-1-preview");

        // a wrong choice of column is caught by the dry run, and nothing is imported
        new Select(browser.findElement(By.id("map2"))).selectByValue("siren");
        clickThrough(By.id("import-check"));
        assertThat(shown(By.id("import-errors")).getText()).contains("Ligne 1").contains("siren");
        assertThat(suppliersOfA()).isEmpty();
        new Select(browser.findElement(By.id("map2"))).selectByValue("city");
        clickThrough(By.id("import-check"));
        assertThat(shown(By.id("import-ready")).getText()).contains("2 ligne(s)");
        clickThrough(By.id("import-confirm"));

        assertThat(shown(By.id("done")).getText()).isEqualTo("2 fiche(s) importée(s).");
        assertThat(browser.findElement(By.cssSelector("table.parties tbody")).getText())
                .contains("Fournitures Lumière", "Papeterie du Centre", "Lyon");
        assertThat(suppliersOfA()).hasSize(2);
        Browser.screenshot(browser, kind() + "-parties-2-list");
    }

    @Test
    @Order(2)
    void aSupplierIsMarkedTrustedThenEditedWithItsBlankFieldsLeftAloneAndSaved() throws Exception {
        WebElement row = papeterieRow();
        WebElement trusted = row.findElement(By.cssSelector("button[data-flag=trusted]"));
        assertThat(trusted.getAttribute("aria-pressed")).isEqualTo("false");
        clickThrough(By.cssSelector("tr[data-number='" + papeterieRow().getAttribute("data-number")
                + "'] button[data-flag=trusted]"));
        assertThat(shown(By.id("done")).getText()).isEqualTo("Enregistré.");
        assertThat(papeterieRow().findElement(By.cssSelector("button[data-flag=trusted]")).getAttribute("aria-pressed"))
                .isEqualTo("true");
        papeterieRow().findElement(By.linkText("Papeterie du Centre")).click();
        assertThat(shown(By.id("party-trusted")).isSelected()).isTrue();
        papeterie = browser.getCurrentUrl().replaceAll(".*/parties/", "");
        assertThat(browser.findElement(By.id("party-siren")).getAttribute("value")).isEmpty();

        // an address that is no address is refused beside its field, and what was typed stays
        fillAndSend("save-party", "party-city", "Paris 11e", "party-email", "pas une adresse");
        assertThat(shown(By.id("party-email-error")).getText()).contains("email");
        assertThat(browser.findElement(By.id("party-city")).getAttribute("value")).isEqualTo("Paris 11e");
        assertThat(party(papeterie).get("city").asText()).isEqualTo("Paris");

        fillAndSend("save-party", "party-email", "commandes@papeterie.fr");
        assertThat(shown(By.id("done")).getText()).isEqualTo("Enregistré.");
        JsonNode saved = party(papeterie);
        assertThat(saved.get("city").asText()).isEqualTo("Paris 11e");
        assertThat(saved.get("email").asText()).isEqualTo("commandes@papeterie.fr");
        assertThat(saved.get("siren").isNull()).as("a blank SIREN stays absent").isTrue();
        assertThat(saved.get("trusted").asBoolean()).isTrue();
        Browser.screenshot(browser, kind() + "-parties-3-edit");

        ChromeDriver phone = Browser.open(390, 844);
        try {
            phone.get(url("/"));
            phone.manage().addCookie(browser.manage().getCookieNamed(WebSession.SESSION_COOKIE));
            phone.get(url("/dossiers/" + SIREN_A + "/parties"));
            Object overflow = phone.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).intValue()).as("no sideways scrolling at phone width").isLessThanOrEqualTo(0);
            Browser.screenshot(phone, kind() + "-parties-4-phone");
        } finally {
            phone.quit();
        }
    }

    @Test
    @Order(3)
    void aDuplicateIsMergedIntoTheSupplierAndTheListIsExportedAsCsv() throws Exception {
        browser.get(url("/dossiers/" + SIREN_A + "/parties/" + papeterie));
        new Select(shown(By.id("merge-from"))).selectByVisibleText(suppliersOfA().stream()
                .filter(p -> p.get("name").asText().equals("Fournitures Lumière")).findFirst().orElseThrow().get("number").asText()
                + " Fournitures Lumière");
        browser.findElement(By.id("merge-confirm")).click();
        clickThrough(By.id("merge"));
        assertThat(shown(By.id("done")).getText()).isEqualTo("Fiches fusionnées.");
        assertThat(suppliersOfA()).extracting(p -> p.get("name").asText()).containsExactly("Papeterie du Centre");

        HttpResponse<String> csv = getAs(browser.manage().getCookieNamed(WebSession.SESSION_COOKIE).getValue(),
                "/dossiers/" + SIREN_A + "/parties/export?role=suppliers");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).contains("Papeterie du Centre", "commandes@papeterie.fr").doesNotContain("Fournisseur de B");
    }

    @Test
    @Order(4)
    void aUserOfAnotherDossierCannotOpenOrChangeTheseParties() throws Exception {
        String user = sessionOf(TestGateway.USER_EMAIL);   // assigned to dossier A only
        for (String path : List.of("/dossiers/" + SIREN_B + "/parties", "/dossiers/" + SIREN_B + "/parties/" + partyOfB,
                "/dossiers/" + SIREN_A + "/parties/" + partyOfB, "/dossiers/" + SIREN_B + "/parties/export?role=suppliers",
                "/dossiers/" + SIREN_B + "/parties/import")) {
            HttpResponse<String> answer = getAs(user, path);
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.body()).as(path).contains("Cette page n’existe pas ou ne vous est pas accessible.")
                    .doesNotContain("Fournisseur de B");
        }
        assertThat(postAs(user, "/dossiers/" + SIREN_A + "/parties/" + partyOfB + "/switch", "flag=blacklisted&value=true", true)
                .statusCode()).isEqualTo(404);
        assertThat(postAs(user, "/dossiers/" + SIREN_B + "/parties/" + partyOfB, "companyName=Pris", true).statusCode())
                .isEqualTo(404);
        JsonNode b = JSON.readTree(gw.get("/api/parties/" + partyOfB, gw.keyB).body());
        assertThat(b.get("blacklisted").asBoolean()).isFalse();
        assertThat(b.get("name").asText()).isEqualTo("Fournisseur de B");
        // the same user sees their own dossier's suppliers
        assertThat(getAs(user, "/dossiers/" + SIREN_A + "/parties").body()).contains("Papeterie du Centre");
    }

    @Test
    @Order(5)
    void aFormPostedWithoutItsCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        String admin = browser.manage().getCookieNamed(WebSession.SESSION_COOKIE).getValue();
        HttpResponse<String> refused = postAs(admin, "/dossiers/" + SIREN_A + "/parties/" + papeterie + "/switch",
                "flag=blacklisted&value=true", false);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Ce formulaire a expiré");
        HttpResponse<String> forged = postAs(admin, "/dossiers/" + SIREN_A + "/parties/" + papeterie,
                "csrf=guess&companyName=Pris", false);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(party(papeterie).get("blacklisted").asBoolean()).isFalse();
        assertThat(party(papeterie).get("name").asText()).isEqualTo("Papeterie du Centre");
        HttpResponse<String> page = getAs(admin, "/dossiers/" + SIREN_A + "/parties/" + papeterie);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).doesNotContain("unsafe-inline");
        assertThat(page.body()).doesNotContain("style=\"", "<script>");
        assertThat(getAs(admin, "/dossiers/" + SIREN_A + "/parties?offset=-1").body()).contains("Numéro de page incompréhensible.");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private WebElement papeterieRow() {
        return browser.findElements(By.cssSelector("table.parties tbody tr")).stream()
                .filter(r -> r.getText().contains("Papeterie du Centre")).findFirst().orElseThrow();
    }

    private List<JsonNode> suppliersOfA() throws Exception {
        JsonNode page = JSON.readTree(gw.get("/api/dossiers/" + SIREN_A + "/suppliers", gw.keyA).body());
        List<JsonNode> items = new java.util.ArrayList<>();
        page.get("items").forEach(items::add);
        return items;
    }

    private JsonNode party(String id) throws Exception {
        return JSON.readTree(gw.get("/api/parties/" + id, gw.keyA).body());
    }
}
