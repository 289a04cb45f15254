package dev.neurite.pages;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Debian's chromedriver through Selenium. Both paths are given, so
 * Selenium Manager never runs and nothing is downloaded; a missing browser fails the test (the build's
 * tools/ensure-chromium installs it before the tests run).
 */
final class Browser implements AutoCloseable {
    static final String CHROMIUM = "/usr/bin/chromium", DRIVER = "/usr/bin/chromedriver";

    final ChromeDriver driver;

    Browser(int width, int height) {
        assertTrue(new File(CHROMIUM).canExecute(), CHROMIUM + " is missing: run tools/ensure-chromium (apt-get install chromium)");
        assertTrue(new File(DRIVER).canExecute(), DRIVER + " is missing: run tools/ensure-chromium (apt-get install chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height, "--hide-scrollbars", "--force-device-scale-factor=1",
                "--no-first-run", "--disable-extensions", "--allow-file-access-from-files");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    }

    WebElement byTestId(String id) {
        return driver.findElement(By.cssSelector("[data-testid='" + id + "']"));
    }

    String text(String testId) {
        return byTestId(testId).getText().trim();
    }

    <T> T waitFor(Duration timeout, String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout).withMessage(what).until(condition);
    }

    /** The console's errors (SEVERE entries: exceptions, failed loads, console.error) since the last call. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::toString).toList();
    }

    /** Saves a screenshot of the window as {@code target/screenshots/NAME.png}; returns its path. */
    Path screenshot(String name) {
        try {
            Path dir = Path.of(System.getProperty("screenshots", "target/screenshots"));
            Files.createDirectories(dir);
            Path f = dir.resolve(name + ".png");
            Files.write(f, driver.getScreenshotAs(OutputType.BYTES));
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
