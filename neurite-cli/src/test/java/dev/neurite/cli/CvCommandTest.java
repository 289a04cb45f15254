package dev.neurite.cli;

import static dev.neurite.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.io.Json;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** neurite cv on scikit-learn's iris and wine data. */
class CvCommandTest {
    @TempDir
    Path dir;

    static Path sklearn(String name) {
        try {
            return Path.of(CvCommandTest.class.getResource("sklearn/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Path file) throws IOException {
        return (Map<String, Object>) Json.parse(Files.readString(file));
    }

    private CliTest.Run cv(Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("cv", "--folds", "5", "--train", sklearn("iris.csv").toString(),
                "--hidden", "8", "--epochs", "30", "--batch-size", "16", "--lr", "0.02", "--output", out.toString()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    @Test
    @SuppressWarnings("unchecked")
    void irisFoldsAreStratifiedAndSummarisedByMeanAndPopulationStd() throws IOException {
        Path out = dir.resolve("cv.json");
        CliTest.Run r = cv(out);
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("150 examples in 5 stratified folds, seed 1"), r.out());
        assertTrue(r.out().contains("fold 5/5: 120 training examples, 30 held out"), r.out());
        Map<String, Object> cv = json(out);
        List<Map<String, Object>> folds = (List<Map<String, Object>>) cv.get("fold_results");
        assertEquals(5, folds.size());
        double sum = 0, squares = 0;
        for (Map<String, Object> f : folds) {
            assertEquals(30L, f.get("held_out"));
            sum += ((Number) ((Map<String, Object>) f.get("scores")).get("accuracy")).doubleValue();
        }
        double mean = sum / 5;
        for (Map<String, Object> f : folds) {
            double a = ((Number) ((Map<String, Object>) f.get("scores")).get("accuracy")).doubleValue();
            squares += (a - mean) * (a - mean);
        }
        Map<String, Object> accuracy = (Map<String, Object>) ((Map<String, Object>) cv.get("summary")).get("accuracy");
        assertEquals(mean, ((Number) accuracy.get("mean")).doubleValue(), 1e-9);
        assertEquals(Math.sqrt(squares / 5), ((Number) accuracy.get("std")).doubleValue(), 1e-9);
        assertTrue(mean >= 0.85, "iris 5-fold accuracy " + mean);
        Map<String, Object> summary = (Map<String, Object>) cv.get("summary");
        for (String key : TrainRun.figureNames(dev.neurite.data.Dataset.classification(
                dev.neurite.tensor.Matrix.zeros(3, 1), new int[] {0, 1, 2}, 3))) {
            assertTrue(summary.containsKey(key), key + " in " + summary.keySet());
        }
        assertTrue(r.out().matches("(?s).*roc_auc_ovr\\s+0\\.\\d{4} \u00b1 0\\.\\d{4}.*"), r.out());
    }

    @Test
    void theSameSeedGivesTheSameFoldsAndResultsAndAnotherSeedDiffers() throws IOException {
        Path a = dir.resolve("a.json"), b = dir.resolve("b.json"), c = dir.resolve("c.json");
        assertEquals(0, cv(a, "--threads", "1").status());
        assertEquals(0, cv(b, "--threads", "2").status());
        assertEquals(Files.readString(a).replace("\"--threads\",\"1\"", ""), Files.readString(b).replace("\"--threads\",\"2\"", ""));
        assertEquals(0, cv(c, "--seed", "2").status());
        assertNotEquals(json(a).get("fold_results"), json(c).get("fold_results"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRegressionIsCrossValidatedByPlainKFold() throws IOException {
        Path out = dir.resolve("reg.json");
        CliTest.Run r = run("cv", "--folds", "3", "--train", sklearn("wine.csv").toString(), "--label", "flavanoids", "--regression",
                "--hidden", "16", "--epochs", "40", "--batch-size", "16", "--lr", "0.01", "--output", out.toString(), "--json");
        assertEquals(0, r.status(), r.err());
        Map<String, Object> cv = json(out);
        assertEquals(Boolean.FALSE, cv.get("stratified"));
        Map<String, Object> summary = (Map<String, Object>) cv.get("summary");
        assertEquals(List.of("rmse", "mae", "r2", "loss"), List.copyOf(summary.keySet()));
        assertTrue(((Number) ((Map<String, Object>) summary.get("r2")).get("mean")).doubleValue() > 0.5, summary.toString());
        assertEquals(Json.parse(Files.readString(out)), Json.parse(r.lastLine()));
    }

    @Test
    void badInputExitsTwoWithOneLineAndWritesNothing() {
        Path out = dir.resolve("never.json");
        String iris = sklearn("iris.csv").toString();
        CliTest.Run tooMany = run("cv", "--folds", "51", "--train", iris, "--output", out.toString());
        assertEquals(2, tooMany.status());
        assertEquals("neurite: --folds 51: " + iris + ": 51 folds, but class '0' has only 50 examples: every fold needs one"
                + " of each class; use fewer folds", tooMany.err().strip());
        CliTest.Run one = run("cv", "--folds", "1", "--train", iris);
        assertEquals("neurite: --folds must be in [2, 1000], was 1", one.err().strip());
        CliTest.Run typo = run("cv", "--folds", "3", "--train", iris, "--hiden", "4");
        assertEquals(2, typo.status());
        assertTrue(typo.err().strip().startsWith("neurite: Unknown options: '--hiden', '4' (did you mean '--hidden'?)"), typo.err());
        CliTest.Run test = run("cv", "--folds", "3", "--train", iris, "--test", iris);
        assertEquals(2, test.status());
        assertTrue(test.err().startsWith("neurite: --test is not an option of neurite cv"), test.err());
        CliTest.Run bad = run("cv", "--folds", "3", "--train", iris, "--batch-size", "0");
        assertEquals("neurite: --batch-size must be > 0 (examples per gradient step), was 0", bad.err().strip());
        for (CliTest.Run r : List.of(tooMany, one, typo, test, bad)) {
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertEquals(2, r.status());
        }
        assertFalse(Files.exists(out));
    }
}
