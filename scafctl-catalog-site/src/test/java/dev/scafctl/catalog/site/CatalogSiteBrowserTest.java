package dev.scafctl.catalog.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.oci.CanonicalJson;
import dev.scafctl.catalog.oci.JsonValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The catalog page in headless Chromium (Debian's {@code chromium} through its {@code chromium-driver}), opened from
 * {@code file://}. After every test the browser's console must hold no error and every request it made must be to
 * a {@code file:} or {@code data:} URL.
 */
class CatalogSiteBrowserTest {

    @TempDir
    static Path work;

    private static CatalogBrowser browser;
    private static Path site;
    private static SiteKeys release;

    @BeforeAll
    static void start() {
        dev.scafctl.catalog.local.LocalCatalog catalog = SiteFixtures.fill(work);
        release = SiteKeys.create(work.resolve("keys"), "release");
        release.sign(catalog, new dev.scafctl.catalog.artifact.ArtifactReference(dev.scafctl.catalog.artifact.ArtifactKind.PROVIDER,
                dev.scafctl.catalog.artifact.ArtifactName.of("aws-provider"), dev.scafctl.catalog.artifact.Version.parse("1.10.0")));
        site = CatalogSiteWriter.write(CatalogSiteReader.local(catalog, CatalogSiteTest.PLUGIN, release.trusted()),
                work.resolve("site"));
        browser = CatalogBrowser.start();
    }

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterEach
    void noConsoleErrorsAndNoNetwork() {
        browser.assertQuietAndOffline();
    }

    @Test
    void loadsFromFileAndListsEveryArtifact() {
        browser.open(site);
        assertEquals(browserRowsAll(), browser.rows());
        assertEquals("6 artifacts (8 versions)", browser.text("#count"));
        assertEquals(null, browser.script("return window.HACKED === undefined ? null : 'hacked'"), "the data is escaped");
        browser.screenshot("catalog-main.png");
    }

    @Test
    void filtersByKindAndSearchesByProviderNameShowingExactlyTheMatchingRows() {
        browser.open(site);
        browser.click("#kinds button[data-kind='provider']");
        browser.awaitRows(List.of("provider/aws-provider", "provider/gcp-provider", "provider/shell-provider"));
        browser.click("#kinds button[data-kind='auth-handler']");
        browser.awaitRows(List.of("auth-handler/okta-handler"));
        browser.click("#kinds button[data-kind='solution']");
        browser.awaitRows(List.of("solution/base-net", "solution/deploy-app"));
        browser.click("#kinds button[data-kind='']");

        browser.search("ec2");
        browser.awaitRows(List.of("provider/aws-provider"));
        browser.search("bigquery");
        browser.awaitRows(List.of("provider/gcp-provider"));
        browser.search("okta");
        browser.awaitRows(List.of("auth-handler/okta-handler"));
        browser.search("network");
        browser.awaitRows(List.of("solution/base-net"));
        browser.search("s3");
        browser.click("#kinds button[data-kind='solution']");
        browser.awaitRows(List.of());
        assertEquals("0 of 6 artifacts shown", browser.text("#count"));
        browser.click("#kinds button[data-kind='']");
        browser.awaitRows(List.of("provider/aws-provider"));

        browser.driver.findElement(By.id("search")).sendKeys(Keys.ESCAPE);
        browser.awaitRows(browserRowsAll());
        browser.script("document.activeElement.blur()");
        new org.openqa.selenium.interactions.Actions(browser.driver).sendKeys("/").perform();
        assertEquals("search", browser.driver.switchTo().activeElement().getAttribute("id"), "/ focuses the search box");
    }

    private static List<String> browserRowsAll() {
        return List.of("provider/aws-provider", "solution/base-net", "solution/deploy-app", "provider/gcp-provider",
                "auth-handler/okta-handler", "provider/shell-provider");
    }

    @Test
    void aSolutionShowsItsDependencyGraphAndCopyReadySnippets() {
        browser.open(site);
        browser.click("#results a[href='#/solution/deploy-app']");
        browser.await(d -> !d.findElements(By.cssSelector("svg.graph")).isEmpty());
        assertEquals(List.of("solution/deploy-app", "provider/aws-provider", "auth-handler/okta-handler", "solution/base-net"),
                browser.script("return Array.from(document.querySelectorAll('svg.graph .node')).map(n => n.dataset.ref)"));
        assertTrue(browser.text("svg.graph .node[data-ref='provider/aws-provider']").contains("^1.0.0 \u2192 1.10.0 (locked)"));
        assertTrue(browser.text("svg.graph .node[data-ref='solution/base-net']").contains("1.0.0 (vendored)"));
        assertEquals(SiteFixtures.HOSTILE, browser.text("#detail-view .desc"), "shown as text, not as markup");
        assertEquals("mvn " + CatalogSiteTest.PLUGIN + ":inspect -Dscafctl.artifact=deploy-app@1.0.0 -Dscafctl.kind=solution",
                browser.text("#mvn-command"));
        assertTrue(browser.text("#pom-snippet").contains("<artifact>deploy-app@1.0.0</artifact>"), browser.text("#pom-snippet"));
        browser.screenshot("catalog-detail.png");

        browser.click("svg.graph a[href='#/provider/aws-provider']");
        browser.await(d -> d.getCurrentUrl().endsWith("#/provider/aws-provider"));
        assertEquals(List.of("1.10.0", "1.2.0", "1.0.0"),
                browser.script("return Array.from(document.querySelectorAll('li.version')).map(v => v.dataset.version)"));
        assertTrue(browser.text("li.version[data-version='1.10.0']").contains("aws, ec2, s3"));
        assertTrue(browser.text("#pom-snippet").contains("<goal>install-plugins</goal>"));
        assertTrue(browser.text("#yaml-snippet").contains("kind: provider"));
        browser.driver.navigate().back();
        browser.await(d -> d.getCurrentUrl().endsWith("#/solution/deploy-app")
                && !d.findElements(By.cssSelector("svg.graph")).isEmpty());
        browser.driver.navigate().back();
        browser.await(d -> d.findElement(By.id("list-view")).isDisplayed());
    }

    @Test
    void aSignedVersionShowsItsBadgeAndTheKeyThatVerifiesItAndAnUnsignedOneSaysSo() {
        browser.open(site);
        browser.click("#results a[href='#/provider/aws-provider']");
        browser.await(d -> !d.findElements(By.cssSelector("li.version[data-version='1.10.0']")).isEmpty());
        assertEquals(List.of("verified", "unsigned", "unsigned"), browser.script("return Array.from(document"
                + ".querySelectorAll('li.version h3 .signature')).map(b => b.dataset.signature)"));
        assertEquals("signed \u2713 verified", browser.text("li.version[data-version='1.10.0'] h3 .signature"));
        assertTrue(browser.text("li.version[data-version='1.10.0'] .signed-by").contains(release.fingerprint()),
                browser.text("li.version[data-version='1.10.0']"));
        assertTrue(browser.driver.findElements(By.cssSelector("li.version[data-version='1.2.0'] .signed-by")).isEmpty());
        assertEquals("verified", browser.script("return document.querySelector('#detail-title .signature').dataset.signature"),
                "the newest version, shown first, has its badge by the title");
        browser.script("document.querySelector('li.version[data-version=\"1.10.0\"]').scrollIntoView()");
        browser.screenshot("catalog-signed-version.png");
    }

    @Test
    void isReadableOnANarrowScreen() {
        browser.driver.manage().window().setSize(new Dimension(400, 900));
        try {
            browser.open(site);
            assertEquals(Boolean.TRUE, browser.script("return document.documentElement.scrollWidth <= window.innerWidth"),
                    "no sideways scrolling on the list");
            browser.click("#results a[href='#/solution/deploy-app']");
            browser.await(d -> !d.findElements(By.cssSelector("svg.graph")).isEmpty());
            assertEquals(Boolean.TRUE, browser.script("return document.documentElement.scrollWidth <= window.innerWidth"),
                    "no sideways scrolling on a detail view");
            browser.screenshot("catalog-detail-narrow.png");
        } finally {
            browser.driver.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    @Test
    void twoThousandVersionsRenderAndFilter() {
        Path large = CatalogSiteWriter.write(LargeCatalogs.site(2000, 1), work.resolve("large"));
        browser.open(large);
        assertEquals(2000, browser.rows().size());
        browser.search("name-17");
        browser.awaitRowCount(111);
        browser.click("#kinds button[data-kind='auth-handler']");
        browser.search("");
        browser.awaitRowCount(400);
        browser.click("#results a[href='#/provider/name-1']");
        browser.await(d -> !d.findElements(By.cssSelector("li.version")).isEmpty());
        System.out.println("catalog page, 2,000 artifacts of one version each: " + browser.timings());
    }

    /** A headless Chromium for one test class: started once, quit at the end, its logs checked by the tests. */
    static final class CatalogBrowser implements AutoCloseable {

        final ChromeDriver driver;

        private CatalogBrowser(ChromeDriver driver) {
            this.driver = driver;
        }

        static CatalogBrowser start() {
            Path chromium = dev.scafctl.catalog.testing.ExternalCommand.require("chromium", "chromium");
            Path chromedriver = dev.scafctl.catalog.testing.ExternalCommand.require("chromedriver", "chromium-driver");
            Path profile;
            try {
                Files.createDirectories(Path.of("target"));
                profile = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "chromium-profile-");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            // The driver and browser are given by path, so Selenium Manager never looks for (or downloads) either.
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                    .usingAnyFreePort().build();
            ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile()).addArguments("--headless=new",
                    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--window-size=1280,900",
                    "--user-data-dir=" + profile);
            options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL", LogType.PERFORMANCE, "ALL"));
            return new CatalogBrowser(new ChromeDriver(service, options));
        }

        void open(Path index) {
            driver.get(index.toUri().toString());
            await(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        }

        void await(java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
            new WebDriverWait(driver, java.time.Duration.ofSeconds(20)).until(condition::apply);
        }

        Object script(String javascript) {
            return ((JavascriptExecutor) driver).executeScript(javascript);
        }

        @SuppressWarnings("unchecked")
        List<String> rows() {
            return (List<String>) script("return Array.from(document.querySelectorAll('#results li'))"
                    + ".filter(li => !li.hidden).map(li => li.dataset.kind + '/' + li.dataset.name)");
        }

        void awaitRows(List<String> expected) {
            try {
                await(d -> rows().equals(expected));
            } catch (org.openqa.selenium.TimeoutException e) {
                assertEquals(expected, rows());
            }
        }

        void awaitRowCount(int expected) {
            await(d -> rows().size() == expected);
        }

        void click(String css) {
            driver.findElement(By.cssSelector(css)).click();
        }

        void search(String text) {
            WebElement box = driver.findElement(By.id("search"));
            box.clear();
            if (text.isEmpty()) {
                script("document.getElementById('search').dispatchEvent(new Event('input'))");
            } else {
                box.sendKeys(text);
            }
        }

        String text(String css) {
            return driver.findElement(By.cssSelector(css)).getText();
        }

        String timings() {
            return String.valueOf(script("return JSON.stringify(window.SCAFCTL_TIMINGS, (k, v) =>"
                    + " typeof v === 'number' ? Math.round(v * 10) / 10 : v)"));
        }

        void screenshot(String name) {
            try {
                Path folder = Files.createDirectories(Path.of("target", "screenshots"));
                Files.write(folder.resolve(name), driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /**
         * Drains the console and network logs: no console warning or error, and every request a page of ours made
         * (its document is a file: URL) is to a file: or data: URL.
         */
        void assertQuietAndOffline() {
            List<String> errors = new ArrayList<>();
            for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
                if (entry.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                    errors.add(entry.getLevel() + " " + entry.getMessage());
                }
            }
            assertEquals(List.of(), errors, "console messages");
            List<String> requests = new ArrayList<>();
            for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
                JsonValue message = CanonicalJson.read(entry.getMessage().getBytes(StandardCharsets.UTF_8), "log").path("message");
                // Requests made by our pages' documents; the browser's own chrome:// new tab page, loading beside
                // them at start, is not ours.
                if (message.path("method").asString("").equals("Network.requestWillBeSent")
                        && message.path("params").path("documentURL").asString("").startsWith("file:")) {
                    requests.add(message.path("params").path("request").path("url").asString(""));
                }
            }
            assertTrue(requests.stream().anyMatch(u -> u.startsWith("file:") && u.endsWith("/catalog-data.js")),
                    "the network log records the page's own loads: " + requests);
            List<String> offsite = requests.stream().filter(u -> !u.startsWith("file:") && !u.startsWith("data:")).toList();
            assertEquals(List.of(), offsite, "requests to the network (of " + requests.size() + ")");
        }

        @Override
        public void close() {
            driver.quit();
        }
    }
}
