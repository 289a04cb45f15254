package dev.neurite.cli;

import static dev.neurite.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.data.Normalization;
import dev.neurite.io.ModelFile;
import dev.neurite.io.SavedModel;
import dev.neurite.layer.Dense;
import dev.neurite.loss.Loss;
import dev.neurite.model.Network;
import dev.neurite.tensor.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A regression model through every command: y = 2·x1 − x2 + noise, and figures computed here independently. */
class RegressionCliTest {
    @TempDir
    Path dir;
    private Path train, test, features, model;
    private final List<double[]> testRows = new ArrayList<>();   // x1, x2, y

    @BeforeEach
    void data() throws IOException {
        train = write("train.csv", 400, 1, null);
        test = write("test.csv", 120, 2, testRows);
        StringBuilder sb = new StringBuilder("x1,x2\n");
        for (double[] r : testRows) {
            sb.append(String.format(Locale.ROOT, "%.4f,%.4f%n", r[0], r[1]));
        }
        features = Files.writeString(dir.resolve("features.csv"), sb);
        model = dir.resolve("line.neurite");
    }

    private Path write(String name, int n, long seed, List<double[]> keep) throws IOException {
        Rng rng = new Rng(seed);
        StringBuilder sb = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < n; i++) {
            double x1 = 4 * rng.nextDouble() - 2, x2 = 6 * rng.nextDouble() - 3;
            double y = 2 * x1 - x2 + 0.05 * rng.nextGaussian();
            String line = String.format(Locale.ROOT, "%.4f,%.4f,%.4f", x1, x2, y);
            sb.append(line).append('\n');
            if (keep != null) {
                String[] cells = line.split(",");
                keep.add(new double[] {Double.parseDouble(cells[0]), Double.parseDouble(cells[1]), Double.parseDouble(cells[2])});
            }
        }
        return Files.writeString(dir.resolve(name), sb);
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":([-0-9.eE]+)").matcher(json);
        assertTrue(m.find(), key + " in " + json);
        return Double.parseDouble(m.group(1));
    }

    private CliTest.Run trainLine(String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--train", train.toString(), "--test", test.toString(),
                "--regression", "--hidden", "0", "--epochs", "25", "--batch-size", "16", "--lr", "0.05", "--seed", "3",
                "--out", model.toString()));
        args.addAll(List.of(extra));
        CliTest.Run r = run(args.toArray(String[]::new));
        assertEquals(0, r.status(), r.err());
        return r;
    }

    /** ŷ for each test row from the saved weights, in double: the linear model on standardised features. */
    private double[] independentPredictions() throws IOException {
        SavedModel m = ModelFile.load(model);
        Dense d = (Dense) m.network().layers().get(0);
        float[] w = d.weight().value().data(), b = d.bias().value().data();
        Normalization norm = m.normalization();
        float[] shift = norm.shift(), scale = norm.scale();
        double[] out = new double[testRows.size()];
        for (int i = 0; i < out.length; i++) {
            double[] r = testRows.get(i);
            out[i] = b[0];
            for (int j = 0; j < 2; j++) {
                out[i] += ((float) r[j] - shift[j]) * (double) scale[j] * w[j];
            }
        }
        return out;
    }

    @Test
    void trainReportsRmseMaeAndR2PerEpochAndAtTheEndAndNoAccuracy() throws IOException {
        Path report = dir.resolve("report");
        CliTest.Run r = trainLine("--report", report.toString());
        String out = r.out().toLowerCase(Locale.ROOT);
        assertFalse(out.contains("acc"), r.out());
        assertFalse(out.contains("nan"), r.out());
        List<String> epochLines = r.out().lines().filter(l -> l.startsWith("epoch")).toList();
        assertEquals(25, epochLines.size());
        assertTrue(epochLines.stream().allMatch(l -> l.contains("test_rmse") && l.contains("test_mae") && l.contains("test_r2")),
                epochLines.get(0));
        Matcher end = Pattern.compile("test rmse ([0-9.]+), mae ([0-9.]+), r2 ([0-9.]+), test loss ([0-9.]+)").matcher(r.out());
        assertTrue(end.find(), r.out());
        // the figures against ones computed here from the saved weights
        double[] predicted = independentPredictions();
        double[] expected = metrics(predicted);
        assertEquals(expected[0], Double.parseDouble(end.group(1)), 1e-4);
        assertEquals(expected[1], Double.parseDouble(end.group(2)), 1e-4);
        assertEquals(expected[2], Double.parseDouble(end.group(3)), 1e-4);
        assertEquals(expected[0] * expected[0], Double.parseDouble(end.group(4)), 1e-4);
        assertTrue(expected[2] > 0.99 && expected[0] < 0.1, "a line is learned: rmse " + expected[0] + ", r2 " + expected[2]);
        String html = Files.readString(report.resolve("index.html"));
        assertTrue(html.contains("test RMSE") && html.contains("test R\u00b2") && html.contains("rmse.png"), html);
        assertFalse(html.toLowerCase(Locale.ROOT).contains("accuracy"), html);
        assertTrue(Files.isRegularFile(report.resolve("r2.svg")));
    }

    /** RMSE, MAE and R² of {@code predicted} against the test rows' y, from their definitions. */
    private double[] metrics(double[] predicted) {
        double sq = 0, abs = 0, mean = 0, tot = 0;
        for (double[] r : testRows) {
            mean += r[2] / testRows.size();
        }
        for (int i = 0; i < predicted.length; i++) {
            double y = (float) testRows.get(i)[2], e = predicted[i] - y;
            sq += e * e;
            abs += Math.abs(e);
            tot += (y - mean) * (y - mean);
        }
        return new double[] {Math.sqrt(sq / predicted.length), abs / predicted.length, 1 - sq / tot};
    }

    @Test
    void trainJsonHasRegressionFiguresPerEpochAndNoAccuracy() {
        String json = trainLine("--json", "--validation-split", "0.2").lastLine();
        assertFalse(json.contains("accuracy"), json);
        for (String key : new String[] {"test_rmse", "test_mae", "test_r2", "test_loss", "val_rmse", "val_r2"}) {
            number(json, key);
        }
        assertTrue(number(json, "test_r2") > 0.99, json);
    }

    @Test
    void predictPrintsValuesAndWritesAColumnNamedAfterTheTarget() throws IOException {
        trainLine();
        double[] expected = independentPredictions();
        CliTest.Run r = run("predict", "--model", model.toString(), "--input", features.toString(), "--json");
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(testRows.size(), lines.size());
        for (int i = 0; i < lines.size(); i++) {
            assertFalse(lines.get(i).contains("class") || lines.get(i).contains("probabilities"), lines.get(i));
            assertEquals(expected[i], number(lines.get(i), "value"), 1e-5, lines.get(i));
        }
        Path csv = dir.resolve("out.csv");
        r = run("predict", "--model", model.toString(), "--input", features.toString(), "--output", csv.toString());
        assertEquals(0, r.status(), r.err());
        List<String> rows = Files.readAllLines(csv);
        assertEquals("index,y", rows.get(0));
        assertEquals(expected[5], Double.parseDouble(rows.get(6).split(",")[1]), 1e-5);
        assertFalse(r.out().contains("class"), r.out());
        assertEquals(expected[0], Double.parseDouble(r.out().lines().findFirst().orElseThrow().split("\t")[1]), 1e-5);
    }

    @Test
    void evaluateKnowsARegressionModelByItsFile() throws IOException {
        trainLine();
        double[] expected = metrics(independentPredictions());
        CliTest.Run r = run("evaluate", "--model", model.toString(), "--test", test.toString(), "--json");   // no --regression
        assertEquals(0, r.status(), r.err());
        String json = r.lastLine();
        assertEquals(expected[0], number(json, "rmse"), 1e-5);
        assertEquals(expected[1], number(json, "mae"), 1e-5);
        assertEquals(expected[2], number(json, "r2"), 1e-5);
        assertFalse(r.out().contains("accuracy"), r.out());
        assertTrue(r.out().contains("rmse "), r.out());
        CliTest.Run info = run("info", "--model", model.toString());
        assertTrue(info.out().contains("task            regression, 1 target: y"), info.out());
        assertFalse(info.out().contains("classes"), info.out());
    }

    @Test
    void severalTargetsArePrintedAsValues() throws IOException {
        Network net = Network.of("2-2", 4);
        Path two = dir.resolve("two.neurite");
        ModelFile.save(new SavedModel(net, Loss.meanSquaredError(), Normalization.none(2), null, Map.of()), two);
        CliTest.Run r = run("predict", "--model", two.toString(), "--input", features.toString(), "--json");
        assertEquals(0, r.status(), r.err());
        String first = r.out().lines().findFirst().orElseThrow();
        float[] x = {(float) testRows.get(0)[0], (float) testRows.get(0)[1]};
        float[] y = net.predict(dev.neurite.tensor.Matrix.wrap(x, 1, 2)).row(0);
        Matcher values = Pattern.compile("^\\{\"index\":0,\"values\":\\[([^,]+),([^,]+)\\]\\}$").matcher(first);
        assertTrue(values.find(), first);
        assertEquals(y[0], Float.parseFloat(values.group(1)));
        assertEquals(y[1], Float.parseFloat(values.group(2)));
        Path csv = dir.resolve("two.csv");
        assertEquals(0, run("predict", "--model", two.toString(), "--input", features.toString(), "--output", csv.toString()).status());
        assertEquals("index,value0,value1", Files.readAllLines(csv).get(0));
    }

    @Test
    void regressionOnAClassifierIsRefusedInOneLine() throws IOException {
        Path clf = dir.resolve("clf.neurite");
        ModelFile.save(Network.of("2-3softmax", 1), clf);
        CliTest.Run r = run("evaluate", "--model", clf.toString(), "--test", test.toString(), "--regression");
        assertEquals(2, r.status(), r.out());
        assertTrue(r.err().contains("--regression") && r.err().contains("classifier"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }
}
