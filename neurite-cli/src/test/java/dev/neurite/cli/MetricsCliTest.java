package dev.neurite.cli;

import static dev.neurite.cli.CliTest.run;
import static dev.neurite.cli.CvCommandTest.sklearn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.data.Csv;
import dev.neurite.data.Dataset;
import dev.neurite.data.Idx;
import dev.neurite.infer.Predictor;
import dev.neurite.io.Json;
import dev.neurite.io.ModelFile;
import dev.neurite.metrics.Ranking;
import dev.neurite.tensor.Matrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metrics as evaluate, train, cv and tune print them, on iris (binary: versicolor against virginica) and an MNIST subset. */
class MetricsCliTest {
    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void evaluateReportsTheBinaryRocAucOfTheSecondClassProbability() throws IOException {
        Path binary = dir.resolve("versicolor-virginica.csv");
        List<String> lines = Files.readAllLines(sklearn("iris.csv"));
        Files.write(binary, lines.stream().filter(l -> !l.endsWith(",0")).toList());   // the header and classes 1 and 2
        Path model = dir.resolve("m.neurite");
        CliTest.Run t = run("train", "--train", binary.toString(), "--test", binary.toString(), "--hidden", "8",
                "--epochs", "30", "--batch-size", "8", "--lr", "0.01", "--out", model.toString(), "--json");
        assertEquals(0, t.status(), t.err());
        assertTrue(t.out().contains("test f1_macro "), t.out());
        CliTest.Run ev = run("evaluate", "--model", model.toString(), "--test", binary.toString(), "--json");
        assertEquals(0, ev.status(), ev.err());
        Map<String, Object> metrics = (Map<String, Object>) ((Map<String, Object>) Json.parse(ev.lastLine())).get("metrics");
        assertEquals(List.of("accuracy", "precision_macro", "recall_macro", "f1_macro", "precision_weighted", "recall_weighted",
                "f1_weighted", "log_loss", "roc_auc", "average_precision"), List.copyOf(metrics.keySet()));
        Predictor p = Predictor.of(ModelFile.load(model));
        assertEquals(2, p.outputSize());
        Dataset data = Csv.reader().classNames(List.of("1", "2")).read(binary);
        Matrix probability = p.predict(data.x());
        double[] scores = new double[data.size()];
        boolean[] positive = new boolean[data.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = probability.get(i, 1);
            positive[i] = data.label(i) == 1;
        }
        double auc = ((Number) metrics.get("roc_auc")).doubleValue();
        assertEquals(Ranking.rocAuc(scores, positive), auc, 1e-9);
        assertTrue(auc > 0.9, "versicolor/virginica ROC AUC " + auc);
        Map<String, Object> trainMetrics = (Map<String, Object>) ((Map<String, Object>) Json.parse(t.lastLine())).get("test_metrics");
        assertEquals(metrics, trainMetrics);
        assertTrue(ev.out().contains("roc_auc " + String.format(java.util.Locale.ROOT, "%.4f", auc)), ev.out());
    }

    /** The first {@code n} images and labels of a cached MNIST file pair, copied into {@code dir} (the cache is only read). */
    static void mnistSubset(Path dir, String set, int n) throws IOException {
        Path cache = Path.of(System.getenv("NEURITE_DATA"));   // the MNIST cache, as the build's surefire sets it
        Idx.Array images = Idx.read(cache.resolve(set + "-images-idx3-ubyte"));
        Idx.Array labels = Idx.read(cache.resolve(set + "-labels-idx1-ubyte"));
        Idx.write(dir.resolve(set + "-images-idx3-ubyte"), new int[] {n, 28, 28}, Arrays.copyOf(images.data(), n * 784));
        Idx.write(dir.resolve(set + "-labels-idx1-ubyte"), new int[] {n}, Arrays.copyOf(labels.data(), n));
    }

    @Test
    void anMnistSubsetIsCrossValidatedAndTunedWithTopKAndOneVsRestAuc() throws IOException {
        Path data = Files.createDirectory(dir.resolve("mnist"));
        mnistSubset(data, "train", 600);
        mnistSubset(data, "t10k", 200);
        CliTest.Run cv = run("cv", "--folds", "3", "--data", data.toString(), "--hidden", "32", "--epochs", "5", "--batch-size", "32", "--lr", "0.003", "--json");
        assertEquals(0, cv.status(), cv.err());
        assertTrue(cv.out().contains("600 examples in 3 stratified folds"), cv.out());
        String summary = cv.lastLine();
        double accuracy = ((Number) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) Json.parse(summary)).get("summary")).get("accuracy"))
                .get("mean")).doubleValue();
        assertTrue(accuracy > 0.7, "MNIST 600-example 3-fold accuracy " + accuracy);
        assertTrue(cv.out().contains("top_5_accuracy") && cv.out().contains("roc_auc_ovr"), cv.out());

        Path space = dir.resolve("space.json"), model = dir.resolve("best.neurite");
        Files.writeString(space, "{\"lr\": [0.001, 0.003], \"hidden\": [[16], [32]]}");
        CliTest.Run tune = run("tune", "--grid", "--trials", "2", "--space", space.toString(), "--output", dir.resolve("t.json").toString(),
                "--data", data.toString(), "--epochs", "3", "--metric", "f1_macro", "--out", model.toString());
        assertEquals(0, tune.status(), tune.err());
        assertTrue(tune.out().contains("trial 2/2"), tune.out());
        assertTrue(tune.out().contains("best model on the test data of " + data + ": accuracy "), tune.out());
        assertTrue(Files.isRegularFile(model));
    }
}
