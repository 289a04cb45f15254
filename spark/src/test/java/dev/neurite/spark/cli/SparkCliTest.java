package dev.neurite.spark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.infer.Classification;
import dev.neurite.infer.Predictor;
import dev.neurite.data.NormalizationKind;
import dev.neurite.io.ModelFile;
import dev.neurite.io.SavedModel;
import dev.neurite.tensor.Matrix;
import dev.neurite.tensor.Rng;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The neurite-spark command: train on a CSV, predict into Parquet, and one-line errors with status 2. */
class SparkCliTest {
    @TempDir
    Path dir;

    private record Ran(int status, String out, String err) {}

    private static Ran run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = SparkCli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Ran(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Two classes around (1, 1, …) and (−1, −1, …), columns a, b, c and a label. */
    private Path csv(int rows) throws IOException {
        Rng rng = new Rng(3);
        List<String> lines = new ArrayList<>(List.of("a,b,c,label"));
        for (int i = 0; i < rows; i++) {
            int label = i % 2;
            double s = label == 0 ? 1 : -1;
            lines.add(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%d", s + 0.5 * rng.nextGaussian(), s + 0.5 * rng.nextGaussian(),
                    s + 0.5 * rng.nextGaussian(), label));
        }
        Path file = dir.resolve("blobs.csv");
        Files.write(file, lines);
        return file;
    }

    @Test
    void trainsOnACsvAndPredictsIntoParquetWithThePredictorsNumbers() throws IOException {
        Path data = csv(200), model = dir.resolve("m.neurite"), output = dir.resolve("scored.parquet");
        Ran train = run("train", "--master", "local[2]", "--data", data.toString(), "--hidden", "8", "--epochs", "3",
                "--lr", "0.01", "--workers", "2", "--input-dropout", "0.1", "--no-bias", "--l1", "1e-5", "--max-norm", "3",
                "--schedule", "cosine", "--out", model.toString());
        assertEquals(0, train.status(), train.err());
        assertTrue(train.out().contains("round 3: training loss"), train.out());
        SavedModel saved = ModelFile.load(model);
        assertEquals(NormalizationKind.STANDARD, saved.normalization().kind());     // neurite train's default for a CSV
        assertEquals("3-d0.1-8relu-2softmax", saved.network().architecture().toSpec());
        assertFalse(saved.network().architecture().bias());
        Predictor predictor = Predictor.of(saved);
        assertEquals(3, predictor.inputSize());

        Ran predict = run("predict", "--master", "local[2]", "--model", model.toString(), "--input", data.toString(),
                "--output", output.toString());
        assertEquals(0, predict.status(), predict.err());
        SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
        try {
            List<Row> rows = spark.read().parquet(output.toString()).collectAsList();
            assertEquals(200, rows.size());
            for (Row r : rows) {
                double[] v = ((Vector) r.getAs("features")).toArray();
                float[] f = {(float) v[0], (float) v[1], (float) v[2]};
                Classification c = predictor.classify(Matrix.wrap(f, 1, 3))[0];
                assertEquals(c.index(), (double) r.getAs("prediction"));
                assertArrayEquals(c.probabilities(), ((Vector) r.getAs("probability")).toArray());
            }
        } finally {
            spark.stop();
        }
        Ran again = run("predict", "--master", "local[2]", "--model", model.toString(), "--input", data.toString(),
                "--output", output.toString());
        assertEquals(2, again.status());
        assertTrue(again.err().contains("exists already"), again.err());
    }

    @Test
    void badArgumentsExitWithStatusTwoAndOneLine() throws IOException {
        Path data = csv(10);
        String[][] cases = {
            {"fit"},
            {"train", "--master", "local[1]", "--data", data.toString(), "--out", "x", "--hiden", "8"},
            {"train", "--master", "local[1]", "--data", dir.resolve("none.csv").toString(), "--out", "x"},
            {"train", "--master", "local[1]", "--data", data.toString(), "--out", "x", "--epochs", "many"},
            {"train", "--master", "local[1]", "--data", data.toString(), "--out", "x", "--optimizer", "rmsprop"},
            {"train", "--master", "local[1]", "--data", data.toString(), "--out", "x", "--checkpoint-every", "2"},
            {"train", "--master", "local[1]", "--data", data.toString(), "--out", "x", "--normalize", "zscore"},
            {"train", "--master", "local[1]", "--data", data.toString(), "--out", "x", "--schedule", "seed-decay"},
            {"train", "--master", "local[1]", "--data", data.toString(), "--out", "x", "--schedule", "cosine", "--decay", "0.1"},
            {"train", "--master", "local[1]", "--data", data.toString(), "--out", "x", "--l1", "-1"},
            {"train", "--master", "local[1]", "--data", data.toString(), "--out", "x", "--input-dropout", "1"},
            {"predict", "--master", "local[1]", "--model", "m", "--input", "rows.txt", "--output", "o"},
        };
        String[] expected = {"unknown command 'fit'", "unknown option '--hiden'", "none.csv: no such file",
            "--epochs must be a whole number, was 'many'", "optimizer must be one of", "--checkpoint-every needs --checkpoint-dir",
            "normalize must be one of none, min-max, standard, was 'zscore'", "schedule seed-decay needs decay > 0",
            "decay 0.1 is not used by schedule cosine", "--l1 must be >= 0 and finite, was -1",
            "--input-dropout must be in [0, 1) (the probability of dropping an input), was 1",
            "rows.txt: not a .parquet or .csv file"};
        for (int i = 0; i < cases.length; i++) {
            Ran r = run(cases[i]);
            assertEquals(2, r.status(), String.join(" ", cases[i]));
            assertTrue(r.err().startsWith("neurite-spark: ") && r.err().contains(expected[i]), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        }
        assertFalse(Files.exists(Path.of("x")));
    }
}
