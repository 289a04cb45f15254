package dev.neurite.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.io.ModelFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * {@code neurite train --dashboard 0} as a user runs it, in a process of its own, watched by headless Chromium
 * and by a second, plain event-stream client at the same time; the page's Stop ends the run with exit 0.
 */
class DashboardTest {
    @TempDir
    Path dir;

    private static Process train(Path dir, String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"), "dev.neurite.cli.Main"));
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("NEURITE_DATA", System.getenv().getOrDefault("NEURITE_DATA", ""));
        return pb.directory(dir.toFile()).start();
    }

    private static int points(Browser b, String chart) {
        String v = b.byTestId(chart).getAttribute("data-points");
        return v == null ? 0 : Integer.parseInt(v);
    }

    private static int epoch(Browser b) {
        Matcher m = Pattern.compile("^(\\d+) /").matcher(b.text("epoch"));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    @Test
    void followsARunLiveAndStopEndsItWithExitZeroAndAModel() throws Exception {
        Path model = dir.resolve("mnist.neurite"), checkpoints = dir.resolve("checkpoints");
        Process p = train(dir, "train", "--data", "mnist", "--hidden", "32", "--epochs", "60", "--dashboard", "0",
                "--out", model.toString(), "--checkpoint-dir", checkpoints.toString(), "--no-report");
        StringBuilder output = new StringBuilder();
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    if (line.startsWith("dashboard: ")) {
                        url.complete(line.substring("dashboard: ".length()).trim());
                    }
                }
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
            url.completeExceptionally(new AssertionError("no dashboard line in:\n" + output));
        });
        reader.start();
        try (Browser b = new Browser(1280, 1500)) {
            String address = url.get(120, TimeUnit.SECONDS);
            assertTrue(address.startsWith("http://127.0.0.1:"), address);
            // a second watcher at the same time: a plain event-stream client counting epoch events
            AtomicInteger epochEvents = new AtomicInteger();
            HttpClient http = HttpClient.newHttpClient();
            CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> second = http.sendAsync(
                    HttpRequest.newBuilder(URI.create(address + "events")).build(), HttpResponse.BodyHandlers.ofLines());
            second.thenAccept(r -> r.body().forEach(l -> {
                if (l.equals("event: epoch")) {
                    epochEvents.incrementAndGet();
                }
            }));

            b.driver.get(address);
            b.waitFor(Duration.ofSeconds(90), "epoch 2 begins", d -> epoch(b) >= 2);
            int batchPoints = points(b, "batch-chart"), epochPoints = points(b, "loss-chart");
            assertTrue(epochPoints >= 1, "the first epoch is on the loss chart: " + epochPoints);
            int seen = epoch(b);
            b.waitFor(Duration.ofSeconds(90), "the next epoch begins", d -> epoch(b) > seen);
            b.waitFor(Duration.ofSeconds(30), "the batch curve gains points", d -> points(b, "batch-chart") > batchPoints);
            b.waitFor(Duration.ofSeconds(30), "the epoch curves gain points", d -> points(b, "loss-chart") > epochPoints);
            assertTrue(points(b, "acc-chart") >= 4, "training and test accuracy of two epochs");
            assertTrue(b.byTestId("confusion").findElements(By.cssSelector("td")).size() == 100, "a 10x10 confusion matrix");
            b.screenshot("dashboard");

            b.byTestId("stop").click();
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the run ends after Stop");
            assertEquals(0, p.exitValue(), output.toString());
            b.waitFor(Duration.ofSeconds(10), "the page says the run stopped",
                    d -> "stopped".equals(b.driver.findElement(By.tagName("body")).getAttribute("data-ended")));
            List<String> errors = b.consoleErrors();
            assertTrue(errors.isEmpty(), errors.toString());
            assertTrue(epochEvents.get() >= 2, "the second watcher saw the epochs too: " + epochEvents.get());
        } finally {
            p.destroyForcibly();
            reader.join(5000);
        }
        String out;
        synchronized (output) {
            out = output.toString();
        }
        assertTrue(out.contains("stopped from the dashboard in epoch"), out);
        assertTrue(out.contains("model saved to"), out);
        assertEquals(784, ModelFile.load(model).network().inputSize());
        assertTrue(Files.isRegularFile(checkpoints.resolve("checkpoint.nrtckpt")), "the last epoch's checkpoint");
    }
}
