package io.einvoice.gateway.web;

import io.einvoice.gateway.system.GatewayContract;
import io.einvoice.gateway.system.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;

/**
 * What every browser test of the web interface starts from: the contract's gateway ({@link GatewayContract}), Debian's
 * Chromium at 1280 px driven through {@link Browser}, and the moves a person makes (log in, wait for the page a click
 * leads to, reload until something shows) plus plain HTTP for what a browser would not send.
 */
abstract class BrowserContract extends GatewayContract {

    ChromeDriver browser;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Opened once the gateway has started (see {@link GatewayContract}). */
    @BeforeAll
    void openBrowser() {
        browser = Browser.open(1280, 900);
    }

    /** Closed before the gateway stops. */
    @AfterAll
    void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** The run's part of a screenshot's name: the H2 and PostgreSQL runs both leave theirs. */
    String kind() {
        return gw.database.kind().toLowerCase(Locale.ROOT);
    }

    String url(String path) {
        return "http://localhost:" + gw.port + path;
    }

    /** The admin of the test firm, logged in in the class's browser with the test password. */
    void loginAsAdmin() {
        login(TestGateway.ADMIN_EMAIL, TestGateway.PASSWORD);
    }

    /** The page of a dossier a person reaches by its link on the dossier's home page: its heading, once shown. */
    String openFromDossier(String siren, String link) {
        browser.get(url("/dossiers/" + siren));
        browser.findElement(By.linkText(link)).click();
        return shown(By.tagName("h1")).getText();
    }

    void login(String email, String password) {
        login(browser, email, password);
    }

    void login(ChromeDriver driver, String email, String password) {
        driver.get(url("/login"));
        driver.findElement(By.id("email")).clear();
        driver.findElement(By.id("email")).sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(password);
        // the session cookie exists once the answer to the form has arrived, not when the click returns
        leadsToNextPage(driver, By.cssSelector("main form button[type=submit]"), Duration.ofSeconds(20));
    }

    /** The page a click leads to may not have replaced the current one yet: wait for the element it brings. */
    WebElement shown(By element) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(element));
    }

    /** Types the value into the field of that id, in place of what it held. */
    void setField(String id, String value) {
        WebElement field = shown(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    /**
     * Fills a form and sends it: each value typed into the field of its id ({@code idsAndValues} in pairs: id, value),
     * then the button of id {@code button} clicked through to the page it leads to.
     */
    void fillAndSend(String button, String... idsAndValues) {
        if (idsAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("ids and values go in pairs: " + List.of(idsAndValues));
        }
        for (int i = 0; i < idsAndValues.length; i += 2) {
            setField(idsAndValues[i], idsAndValues[i + 1]);
        }
        clickThrough(By.id(button));
    }

    /**
     * Clicks what sends a form and waits until the page it leads to has replaced this one: that page may carry an
     * element of the same id (a message, a status) that must not be read off the page being left.
     */
    void clickThrough(By button) {
        leadsToNextPage(browser, button, Duration.ofSeconds(120));
    }

    /**
     * Marks the page being left, clicks, and waits until a page without the mark has loaded. Waiting for the old
     * {@code <html>} to go stale is not enough: while Chromium swaps documents it may answer a question about the old
     * node with an inspector error instead of "stale", so questions asked mid-navigation are simply asked again.
     */
    private static void leadsToNextPage(ChromeDriver driver, By button, Duration limit) {
        driver.executeScript("window.__leaving = true;");
        driver.findElement(button).click();
        new WebDriverWait(driver, limit).ignoring(WebDriverException.class).until(d -> Boolean.TRUE.equals(
                ((ChromeDriver) d).executeScript("return window.__leaving === undefined && document.readyState === 'complete';")));
    }

    void reloadUntil(Supplier<Boolean> condition, Duration limit) {
        await().atMost(limit).pollInterval(Duration.ofSeconds(2)).until(() -> {
            browser.navigate().refresh();
            return condition.get();
        });
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A session of the user as the login form would open it, for requests sent without a browser. */
    String sessionOf(String email) {
        return gw.gateway.services().users().openSession(new org.springframework.jdbc.core.JdbcTemplate(
                new org.springframework.jdbc.datasource.DriverManagerDataSource(gw.database.url(), gw.database.user(),
                        gw.database.password())).queryForObject("SELECT id FROM app_user WHERE email = ?", String.class, email));
    }

    /** A GET as the person of {@code session} would send it. */
    HttpResponse<String> getAs(String session, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Cookie", WebSession.SESSION_COOKIE + "=" + session)
                .GET().build());
    }

    /** A form posted as the person of {@code session}; {@code csrf} false leaves the token out. */
    HttpResponse<String> postAs(String session, String path, String form, boolean csrf) throws Exception {
        String body = (csrf ? "csrf=" + WebSession.csrfOf(session) + (form.isEmpty() ? "" : "&") : "") + form;
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Cookie", WebSession.SESSION_COOKIE + "=" + session)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }
}
