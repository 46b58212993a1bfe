package dev.homefeed.api.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homefeed.api.support.AdminClient;
import dev.homefeed.api.support.Chromium;
import dev.homefeed.api.support.FeedClient;
import dev.homefeed.api.support.FeedIntegrationTest;
import dev.homefeed.api.support.Users;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The operations page in a real headless Chromium against the running service, as an operator uses it: paste a
 * token (a refused one is said to be refused), read a dead letter's cause (markup shown as text), evict it, start a
 * rebuild, watch its progress bar move to the end, read which viewers the comparison found differing, cut over, and
 * see the figures marked stale while the service cannot be reached.
 */
@FeedIntegrationTest(properties = {
        "feed.projections.status-refresh=50ms",
        "feed.projections.rebuild-interval=100ms",
        "feed.projections.dead-letter-retry-interval=1h",
        // Two events per transaction, so the rebuild's progress moves in steps a page refreshing every second shows.
        "feed.projections.processors.home-feed.batch-size=2"})
@ExtendWith(Chromium.class)
class OpsPageIT {

    /** A constraint's name is part of the cause the dead-letter queue keeps: markup an unsafe page would run. */
    static final String MARKUP_IN_CAUSE = "<script>document.title='pwned'</script>";
    static final Duration PATIENCE = Duration.ofSeconds(60);

    @LocalServerPort
    int port;
    @Autowired
    Environment environment;
    @Autowired
    JdbcClient jdbc;

    FeedClient api;
    AdminClient admin;
    WebDriver browser;
    final List<Long> users = new ArrayList<>();

    @BeforeEach
    void setUp() {
        api = FeedClient.on(environment);
        admin = AdminClient.on(environment);
        for (int i = 0; i < 8; i++) {
            users.add(Users.next());
            api.awaitWindow(users.get(i));
        }
        for (int i = 0; i < users.size(); i++) {
            for (int k = 1; k <= 3; k++) {
                api.follow(users.get(i), users.get((i + k) % users.size()));
            }
        }
        for (long author : users) {
            for (int n = 0; n < 5; n++) {
                api.publish(author, "post " + n + " of " + author);
            }
        }
        browser = Chromium.headless();
    }

    @AfterEach
    void tearDown() {
        if (browser != null) {
            browser.quit();
        }
        jdbc.sql("ALTER TABLE home_feed_g1.user_feed DROP CONSTRAINT IF EXISTS \"" + MARKUP_IN_CAUSE + "\"").update();
        jdbc.sql("DROP FUNCTION IF EXISTS ops_page_pace() CASCADE").update();
    }

    @Test
    void anOperatorEvictsADeadLetterThenWatchesARebuildReachTheEndAndCutsOver() throws IOException {
        long poisoner = users.get(0);
        jdbc.sql("ALTER TABLE home_feed_g1.user_feed ADD CONSTRAINT \"" + MARKUP_IN_CAUSE + "\""
                + " CHECK (post_preview IS NULL OR post_preview NOT LIKE '%poison%') NOT VALID").update();
        api.publish(poisoner, "a poison pill");
        await().atMost(PATIENCE).until(() -> projection().get("deadLetters").asLong() == 1 && projection().get("lagEvents").asLong() == 0);

        browser.get("http://localhost:" + port + "/admin/");
        assertThat(text("#status")).contains("Paste a token");
        pasteToken("not-a-token");
        awaitText("#status", "refused (401)");
        pasteToken(api.token(poisoner));
        awaitText("#status", "refused (403)");

        pasteToken(admin.token());
        awaitText("tr[data-projection='home-feed'] .state", "RUNNING");
        // Its eight users read their feeds at the start: windows kept, and pages served by the projection.
        awaitText("#window-figures", "active viewers");
        assertThat(text("#window-figures")).containsPattern("Pages read here, by what served them: projection [1-9]");
        awaitText("#instance-rows", "home-feed #0");
        assertThat(element("#instances").isDisplayed()).as("the instances section, once /admin/instances answers").isTrue();
        assertThat(text("#instance-rows")).contains("(this one)", "home-feed #1", "read-marker #0");
        WebElement cause = awaitElement("[data-dead-letters-of='home-feed'] td.cause");
        assertThat(cause.getText()).as("the cause, shown as text").contains(MARKUP_IN_CAUSE);
        assertThat(cause.findElements(By.xpath("./*"))).as("elements made from the cause").isEmpty();
        assertThat(browser.getTitle()).isEqualTo("Home feed operations");
        assertThat(browser.getCurrentUrl()).doesNotContain(admin.token());
        assertThat(browser.manage().getCookies()).isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return sessionStorage.getItem('feed.admin.token')")).isEqualTo(admin.token());
        screenshot(Path.of("target", "ops-page-dead-letter.png"));

        click("[data-dead-letters-of='home-feed'] button[data-action='evict']");
        browser.switchTo().alert().accept();
        awaitText("#dead-letter-list", "No dead letters.");
        assertThat(projection().get("deadLetters").asLong()).isZero();

        click("tr[data-projection='home-feed'] button[data-action='replay']");
        browser.switchTo().alert().dismiss();
        assertThat(projection().get("state").asText()).as("a replay the operator did not confirm").isEqualTo("RUNNING");

        // Each post copy of the new generation takes 100 ms to write, so the rebuild lasts seconds, not milliseconds.
        jdbc.sql("CREATE FUNCTION ops_page_pace() RETURNS boolean LANGUAGE sql VOLATILE AS 'SELECT true FROM pg_sleep(0.1)'").update();
        jdbc.sql("ALTER TABLE home_feed_template.home_feed_post ADD CONSTRAINT ops_page_pace CHECK (ops_page_pace())").update();
        click("tr[data-projection='home-feed'] button[data-action='rebuild']");
        browser.switchTo().alert().accept();

        List<Double> progress = new ArrayList<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
            progress.add(Double.parseDouble(element("progress[data-progress-of='rebuild:home-feed']").getAttribute("value")));
            return "READY".equals(element("[data-rebuild='home-feed']").getAttribute("data-state"));
        });
        progress.add(Double.parseDouble(element("progress[data-progress-of='rebuild:home-feed']").getAttribute("value")));
        assertThat(progress).as("the progress bar over time").isSorted();
        assertThat(progress.stream().filter(p -> p < 1).distinct().count()).as("steps shown before the end: " + progress)
                .isGreaterThanOrEqualTo(2);
        assertThat(progress.get(progress.size() - 1)).isEqualTo(1.0);

        // The evicted letter's rows are missing from serving only: the poisoner and the three who follow them.
        assertThat(text("[data-rebuild='home-feed'] .verdict")).startsWith("4 of 8 viewers differ");
        Set<String> differing = new HashSet<>();
        browser.findElements(By.cssSelector("[data-rebuild='home-feed'] td.viewer")).forEach(v -> differing.add(v.getText()));
        assertThat(differing).containsExactlyInAnyOrder(Long.toString(poisoner), Long.toString(users.get(5)),
                Long.toString(users.get(6)), Long.toString(users.get(7)));
        screenshot(Path.of("target", "ops-page.png"));

        click("[data-rebuild='home-feed'] button[data-action='cutover']");
        browser.switchTo().alert().accept();
        awaitText("#action-result", "home-feed now serves generation 2.");
        awaitText("tr[data-projection='home-feed'] .generation", "2");
        assertThat(text("tr[data-projection='home-feed'] .generation")).isEqualTo("2");
        assertThat(element("[data-rebuild='home-feed']").getAttribute("data-state")).isEqualTo("SWITCHED");
        assertThat(element("[data-rebuild='home-feed'] button[data-action='rollback']").getText()).isEqualTo("Roll back to generation 1");
        assertThat(projection().get("generation").asInt()).isEqualTo(2);

        ((ChromeDriver) browser).setNetworkConditions(offline());
        awaitText("#status", "is stale");
        assertThat(element("body").getAttribute("data-freshness")).isEqualTo("stale");
        ((ChromeDriver) browser).deleteNetworkConditions();
        awaitText("#status", "Refreshed at");
    }

    private static ChromiumNetworkConditions offline() {
        ChromiumNetworkConditions conditions = new ChromiumNetworkConditions();
        conditions.setOffline(true);
        return conditions;
    }

    private void pasteToken(String token) {
        element("#token").sendKeys(token);
        click("#token-form button[type='submit']");
    }

    private JsonNode projection() {
        return admin.projection("home-feed");
    }

    private WebElement element(String css) {
        return browser.findElement(By.cssSelector(css));
    }

    private String text(String css) {
        return element(css).getText();
    }

    /** Retried: a refresh may replace the element between finding and clicking it. */
    private void click(String css) {
        await().atMost(PATIENCE).ignoreExceptions().until(() -> {
            element(css).click();
            return true;
        });
    }

    private WebElement awaitElement(String css) {
        return awaitValue(() -> element(css));
    }

    private void awaitText(String css, String expected) {
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(text(css)).contains(expected));
    }

    private <T> T awaitValue(Supplier<T> value) {
        List<T> found = new ArrayList<>(1);
        await().atMost(PATIENCE).ignoreExceptions().until(() -> found.add(value.get()));
        return found.get(0);
    }

    private void screenshot(Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}
