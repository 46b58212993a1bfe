package dev.homefeed.api.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's {@code chromium} and {@code chromium-driver} for the browser tests, found on the machine and never
 * downloaded. Where they are missing, a test class extended with this is skipped with one line naming the packages,
 * as the Testcontainers tests are without Docker; {@code .ci/run} installs them, so CI always runs it.
 */
public final class Chromium implements ExecutionCondition {

    static final String MISSING = "no Chromium on this machine: install the Debian packages chromium and chromium-driver "
            + "(apt-get install chromium chromium-driver), or set CHROME_BIN and CHROMEDRIVER";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (browser().isPresent() && driver().isPresent()) {
            return ConditionEvaluationResult.enabled("Chromium at " + browser().get());
        }
        if (context.getTestMethod().isEmpty()) {
            System.out.println("[WARNING] " + context.getDisplayName() + " skipped: " + MISSING);
        }
        return ConditionEvaluationResult.disabled(MISSING);
    }

    /** A headless Chromium; as root it runs without its sandbox, which needs user namespaces root does not get. */
    public static WebDriver headless() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser().orElseThrow(() -> new IllegalStateException(MISSING)).toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1200");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver().orElseThrow(() -> new IllegalStateException(MISSING)).toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private static Optional<Path> browser() {
        return firstExecutable(System.getenv("CHROME_BIN"), "/usr/bin/chromium", "/usr/bin/chromium-browser");
    }

    private static Optional<Path> driver() {
        return firstExecutable(System.getenv("CHROMEDRIVER"), "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
    }

    private static Optional<Path> firstExecutable(String... candidates) {
        return Stream.of(candidates).filter(c -> c != null && !c.isBlank()).map(Path::of).filter(Files::isExecutable).findFirst();
    }
}
