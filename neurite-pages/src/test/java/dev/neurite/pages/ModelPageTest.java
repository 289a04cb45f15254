package dev.neurite.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.data.DigitGoldens;
import dev.neurite.infer.Classification;
import dev.neurite.infer.Predictor;
import dev.neurite.io.ModelFile;
import dev.neurite.serve.InferenceServer;
import dev.neurite.serve.ServeOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;
import org.openqa.selenium.support.ui.Select;

/** The model page of {@code neurite serve} in headless Chromium: drawn digits, the preprocessing, the form. */
class ModelPageTest {
    @TempDir
    static Path dir;
    static Path mnist, iris;
    static InferenceServer server;
    static Browser browser;

    @BeforeAll
    static void start() throws IOException {
        mnist = Models.mnist(dir);
        iris = Models.iris(dir);
        Map<String, Path> models = new LinkedHashMap<>();
        models.put("mnist", mnist);
        models.put("iris", iris);
        ServeOptions d = ServeOptions.of(models);
        server = InferenceServer.start(new ServeOptions(models, "127.0.0.1", 0, d.maxBatch(), d.maxDelayMicros(), d.queue(),
                8, d.maxBody(), d.maxRows(), d.maxDepth(), d.requestTimeoutMillis(), d.shutdownMillis(), false),
                new PrintWriter(System.err, true));
        browser = new Browser(1280, 1060);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void open(String model) {
        browser.driver.get(server.url() + "/");
        browser.waitFor(Duration.ofSeconds(10), "the page reads the models", d -> "true".equals(
                d.findElement(By.tagName("body")).getAttribute("data-ready")));
        new Select(browser.byTestId("model")).selectByValue(model);
    }

    /** A stroke through the canvas points (canvas pixels, 280x280), by mouse or by finger. */
    private void stroke(double[][] points, PointerInput.Kind kind) {
        WebElement canvas = browser.byTestId("canvas");
        PointerInput pointer = new PointerInput(kind, kind == PointerInput.Kind.TOUCH ? "finger" : "mouse");
        Sequence s = new Sequence(pointer, 0);
        PointerInput.Origin origin = PointerInput.Origin.fromElement(canvas);
        // offsets from the element's centre: the canvas is shown at its own size, 280x280
        s.addAction(pointer.createPointerMove(Duration.ZERO, origin, (int) points[0][0] - 140, (int) points[0][1] - 140));
        s.addAction(pointer.createPointerDown(PointerInput.MouseButton.LEFT.asArg()));
        for (int i = 1; i < points.length; i++) {
            s.addAction(pointer.createPointerMove(Duration.ofMillis(8), origin, (int) points[i][0] - 140, (int) points[i][1] - 140));
        }
        s.addAction(pointer.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
        browser.driver.perform(List.of(s));
    }

    private static double[][] line(double... xy) {
        List<double[]> pts = new ArrayList<>();
        for (int k = 0; k + 3 < xy.length; k += 2) {
            for (int t = 0; t < 12; t++) {
                pts.add(new double[] {xy[k] + (xy[k + 2] - xy[k]) * t / 12, xy[k + 1] + (xy[k + 3] - xy[k + 1]) * t / 12});
            }
        }
        pts.add(new double[] {xy[xy.length - 2], xy[xy.length - 1]});
        return pts.toArray(double[][]::new);
    }

    private static double[][] ellipse(double cx, double cy, double rx, double ry) {
        double[][] pts = new double[41][];
        for (int i = 0; i <= 40; i++) {
            double a = 2 * Math.PI * i / 40 - Math.PI / 2;
            pts[i] = new double[] {cx + rx * Math.cos(a), cy + ry * Math.sin(a)};
        }
        return pts;
    }

    private String predictionAfterDrawing(double[][] points, PointerInput.Kind kind) {
        browser.byTestId("clear").click();
        assertEquals("–", browser.text("prediction"));
        stroke(points, kind);
        // the page sends the drawing as it changes; wait until the answer for the finished stroke is shown
        browser.waitFor(Duration.ofSeconds(10), "a prediction", d -> !browser.text("prediction").equals("–"));
        browser.waitFor(Duration.ofSeconds(10), "the last request answered", d -> Boolean.TRUE.equals(
                browser.driver.executeScript("return document.body.dataset.busy !== 'true'")));
        return browser.text("prediction");
    }

    @Test
    void aDrawnOneSevenAndZeroAreRecognised() {
        open("mnist");
        assertEquals("1", predictionAfterDrawing(line(146, 40, 134, 240), PointerInput.Kind.MOUSE));
        assertEquals("0", predictionAfterDrawing(ellipse(140, 142, 62, 92), PointerInput.Kind.TOUCH));
        assertEquals("7", predictionAfterDrawing(line(60, 48, 222, 48, 118, 244), PointerInput.Kind.MOUSE));
        List<WebElement> bars = browser.byTestId("probabilities").findElements(By.cssSelector(".bar-row"));
        assertEquals(10, bars.size());
        assertEquals("7", browser.byTestId("probabilities").findElement(By.cssSelector(".bar-row.top")).getAttribute("data-class"));
        String about = browser.driver.findElement(By.id("about")).getText();
        assertTrue(about.contains("784-128relu-10softmax") && about.contains("101,770 parameters"), about);
        assertTrue(about.contains("test accuracy"), about);
        List<String> errors = browser.consoleErrors();
        assertTrue(errors.isEmpty(), errors.toString());
        browser.screenshot("model-page");
    }

    @Test
    void thePagesPreprocessingGivesTheGoldenArrays() {
        open("mnist");
        for (String name : DigitGoldens.NAMES) {
            DigitGoldens.Source s = DigitGoldens.source(name);
            List<Integer> bytes = Arrays.stream(s.bytes()).boxed().toList();
            @SuppressWarnings("unchecked")
            List<Number> got = (List<Number>) browser.driver.executeScript("return Array.from(NeuriteDigits.mnistInput("
                    + "Float32Array.from(arguments[0], b => b / 255), arguments[1], arguments[2]))", bytes, s.width(), s.height());
            float[] golden = DigitGoldens.golden(name);
            assertEquals(784, got.size(), name);
            for (int i = 0; i < 784; i++) {
                assertEquals(golden[i], got.get(i).doubleValue(), 2e-6, name + " at " + i);
            }
        }
        browser.screenshot("model-page-goldens");
    }

    @Test
    void theFormOfATabularModelShowsItsPrediction() throws IOException {
        open("iris");
        assertFalse(browser.byTestId("canvas").isDisplayed(), "a tabular model has no canvas");
        float[] row = {6.7f, 3.1f, 5.5f, 2.1f};
        for (int i = 0; i < 4; i++) {
            WebElement input = browser.byTestId("feature-" + i);
            assertEquals(Models.IRIS_FEATURES.get(i), input.getAttribute("name"));
            input.clear();
            input.sendKeys(Float.toString(row[i]));
        }
        browser.byTestId("predict").click();
        browser.waitFor(Duration.ofSeconds(10), "a prediction", d -> !browser.text("tab-prediction").equals("–"));
        Classification c = Predictor.of(ModelFile.load(iris)).classify(row);
        assertEquals(Models.IRIS_CLASSES.get(c.index()), browser.text("tab-prediction"));
        assertEquals("virginica", browser.text("tab-prediction"));
        List<String> errors = browser.consoleErrors();
        assertTrue(errors.isEmpty(), errors.toString());
        browser.screenshot("model-page-tabular");
        assertTrue(Files.size(Path.of(System.getProperty("screenshots"), "model-page-tabular.png")) > 1000);
    }
}
