package dev.neurite.cli;

import static dev.neurite.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scikit-learn's bundled data files, copied unchanged into the test resources (see their LICENSE.txt),
 * read as they are: iris, wine and breast cancer with their count line, diabetes (gzipped, whitespace,
 * no header, targets in a second file) and linnerud (three targets in a second file).
 */
class SklearnDataTest {
    @TempDir
    Path dir;

    static Path data(String name) throws URISyntaxException {
        return Path.of(SklearnDataTest.class.getResource("/sklearn/" + name).toURI());
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":([-0-9.eE]+)").matcher(json);
        assertTrue(m.find(), key + " in " + json);
        return Double.parseDouble(m.group(1));
    }

    private Path train(String file, String... extra) throws Exception {
        Path model = dir.resolve(file + ".neurite");
        List<String> args = new ArrayList<>(List.of("train", "--train", data(file).toString(), "--hidden", "16",
                "--epochs", "40", "--batch-size", "16", "--lr", "0.01", "--seed", "1", "--out", model.toString(), "--quiet"));
        args.addAll(List.of(extra));
        CliTest.Run r = run(args.toArray(String[]::new));
        assertEquals(0, r.status(), r.err());
        return model;
    }

    private double accuracyOn(Path model, String file) throws Exception {
        CliTest.Run ev = run("evaluate", "--model", model.toString(), "--test", data(file).toString(), "--json");
        assertEquals(0, ev.status(), ev.err());
        return number(ev.lastLine(), "accuracy");
    }

    @Test
    void irisIsReadAsItIsWithItsClassNames() throws Exception {
        Path model = train("iris.csv");
        assertTrue(accuracyOn(model, "iris.csv") >= 0.95);
        CliTest.Run ev = run("evaluate", "--model", model.toString(), "--test", data("iris.csv").toString());
        assertTrue(ev.out().contains("    setosa     1.0000"), ev.out());
        CliTest.Run p = run("predict", "--model", model.toString(), "--input", data("iris.csv").toString());
        assertEquals(0, p.status(), p.err());                              // the target column is dropped
        assertTrue(p.out().startsWith("0\tsetosa\t"), p.out());
        assertTrue(p.out().lines().anyMatch(l -> l.startsWith("149\tvirginica\t")), p.out());
    }

    @Test
    void wineAndBreastCancerLearn() throws Exception {
        assertTrue(accuracyOn(train("wine_data.csv"), "wine_data.csv") >= 0.97);
        Path cancer = train("breast_cancer.csv");
        assertTrue(accuracyOn(cancer, "breast_cancer.csv") >= 0.97);
        CliTest.Run info = run("evaluate", "--model", cancer.toString(), "--test", data("breast_cancer.csv").toString());
        assertTrue(info.out().indexOf("malignant") < info.out().indexOf("benign"), info.out());   // the count line's order
    }

    private CliTest.Run diabetes(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("train", "--train", data("diabetes_data_raw.csv.gz").toString(),
                "--train-targets", data("diabetes_target.csv.gz").toString(), "--test", data("diabetes_data_raw.csv.gz").toString(),
                "--test-targets", data("diabetes_target.csv.gz").toString(), "--no-header", "--delimiter", "whitespace",
                "--regression", "--hidden", "16", "--epochs", "30", "--batch-size", "32", "--seed", "1", "--json", "--quiet"));
        args.addAll(List.of(extra));
        CliTest.Run r = run(args.toArray(String[]::new));
        assertEquals(0, r.status(), r.err());
        return r;
    }

    @Test
    void diabetesLearnsWithStandardisedTargetsAndBarelyWithout() throws Exception {
        double scaled = number(diabetes().lastLine(), "test_r2");
        double raw = number(diabetes("--target-scaling", "none").lastLine(), "test_r2");
        assertTrue(scaled > 0.45, "R² with standardised targets " + scaled);
        assertTrue(raw < 0.1, "R² without " + raw);
        Path model = dir.resolve("diabetes.neurite");
        diabetes("--out", model.toString());
        CliTest.Run ev = run("evaluate", "--model", model.toString(), "--test", data("diabetes_data_raw.csv.gz").toString(),
                "--test-targets", data("diabetes_target.csv.gz").toString(), "--no-header", "--delimiter", "whitespace", "--json");
        assertEquals(0, ev.status(), ev.err());
        assertEquals(scaled, number(ev.lastLine(), "r2"), 1e-9);           // the saved model predicts in the targets' units
        CliTest.Run p = run("predict", "--model", model.toString(), "--input", data("diabetes_data_raw.csv.gz").toString(),
                "--no-header", "--delimiter", "whitespace");
        assertEquals(0, p.status(), p.err());
        double first = Double.parseDouble(p.out().lines().findFirst().orElseThrow().split("\t")[1]);
        assertTrue(first > 80 && first < 300, "a prediction in the targets' units, was " + first);
    }

    @Test
    void linnerudHasThreeTargetsEachMeasured() throws Exception {
        Path model = dir.resolve("linnerud.neurite");
        CliTest.Run r = run("train", "--train", data("linnerud_exercise.csv").toString(), "--train-targets",
                data("linnerud_physiological.csv").toString(), "--test", data("linnerud_exercise.csv").toString(), "--test-targets",
                data("linnerud_physiological.csv").toString(), "--delimiter", "whitespace", "--regression", "--hidden", "0",
                "--epochs", "200", "--batch-size", "4", "--seed", "1", "--out", model.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        for (String target : new String[] {"Weight", "Waist", "Pulse"}) {
            assertTrue(r.out().contains("  target " + target + ": rmse "), r.out());
        }
        CliTest.Run ev = run("evaluate", "--model", model.toString(), "--test", data("linnerud_exercise.csv").toString(),
                "--test-targets", data("linnerud_physiological.csv").toString(), "--delimiter", "whitespace", "--json");
        assertEquals(0, ev.status(), ev.err());
        String json = ev.lastLine();
        assertTrue(json.contains("\"targets\":[{\"target\":\"Weight\",\"rmse\":"), json);
        // a linear model of the three exercises explains some of the weight and waist on its training data
        assertTrue(ev.out().matches("(?s).*target Waist: rmse [0-9.]+, mae [0-9.]+, r2 0\\.[2-9].*"), ev.out());
    }
}
