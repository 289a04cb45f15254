package dev.neurite.pages;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/** The report of {@code neurite train --report DIR}, opened from its folder as a user opens it. */
class ReportPageTest {
    @TempDir
    Path dir;

    @Test
    void theReportOfAOneEpochRunOpensWithNoConsoleErrors() {
        Path report = dir.resolve("report");
        Models.cli("train", "--data", "mnist", "--hidden", "64", "--epochs", "1", "--validation-split", "0.1",
                "--report", report.toString(), "--quiet");
        Path index = report.resolve("index.html");
        assertTrue(Files.isRegularFile(index), "the report's page");
        try (Browser b = new Browser(1280, 1600)) {
            b.driver.get(index.toUri().toString());
            b.waitFor(Duration.ofSeconds(10), "the page is loaded", d -> "complete".equals(
                    b.driver.executeScript("return document.readyState")));
            // every image the page shows has loaded (a broken one would also be a console error)
            b.waitFor(Duration.ofSeconds(10), "the images are decoded", d -> Boolean.TRUE.equals(b.driver.executeScript(
                    "return Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)")));
            assertTrue(b.driver.findElements(By.tagName("img")).size() + b.driver.findElements(By.tagName("svg")).size() > 0,
                    "the report shows its charts");
            assertTrue(b.driver.findElement(By.tagName("body")).getText().contains("accuracy"));
            List<String> errors = b.consoleErrors();
            assertTrue(errors.isEmpty(), errors.toString());
            b.screenshot("report");
        }
    }
}
