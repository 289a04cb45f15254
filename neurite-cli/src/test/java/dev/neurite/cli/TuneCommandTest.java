package dev.neurite.cli;

import static dev.neurite.cli.CliTest.run;
import static dev.neurite.cli.CvCommandTest.json;
import static dev.neurite.cli.CvCommandTest.sklearn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** neurite tune on scikit-learn's wine and iris data. */
class TuneCommandTest {
    @TempDir
    Path dir;

    private Path space(String json) throws IOException {
        Path f = dir.resolve("space" + json.hashCode() + ".json");
        Files.writeString(f, json);
        return f;
    }

    private CliTest.Run tune(Path space, Path output, String... more) {
        List<String> args = new ArrayList<>(List.of("tune", "--space", space.toString(), "--output", output.toString(),
                "--train", sklearn("wine.csv").toString(), "--epochs", "25", "--batch-size", "16"));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    private static final String SPACE = "{\"lr\": {\"log_uniform\": [1e-3, 0.1]}, \"hidden\": [[8], [16], [16, 8]], \"dropout\": [0.0, 0.2]}";

    @Test
    @SuppressWarnings("unchecked")
    void randomSearchPrintsALeaderboardAndSavesTheBestModel() throws IOException {
        Path out = dir.resolve("trials.json"), model = dir.resolve("best.neurite");
        CliTest.Run r = tune(space(SPACE), out, "--trials", "4", "--metric", "accuracy", "--out", model.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("leaderboard (accuracy, higher is better)"), r.out());
        Map<String, Object> file = json(out);
        List<Map<String, Object>> trials = (List<Map<String, Object>>) file.get("trials");
        assertEquals(4, trials.size());
        double bestScore = -1;
        for (Map<String, Object> t : trials) {
            Map<String, Object> p = (Map<String, Object>) t.get("params");
            double lr = ((Number) p.get("lr")).doubleValue();
            assertTrue(lr >= 1e-3 && lr < 0.1, "lr " + lr);
            assertTrue(List.of(List.of(8L), List.of(16L), List.of(16L, 8L)).contains(p.get("hidden")), p.toString());
            assertTrue(((List<String>) t.get("options")).containsAll(List.of("--patience", "5", "--validation-split", "0.2")));
            bestScore = Math.max(bestScore, ((Number) t.get("score")).doubleValue());
        }
        Map<String, Object> best = (Map<String, Object>) file.get("best");
        assertEquals(bestScore, ((Number) best.get("score")).doubleValue(), 0);
        assertTrue(bestScore >= 0.9, "best validation accuracy " + bestScore);
        CliTest.Run info = run("info", "--model", model.toString());
        assertTrue(info.out().contains("user.tune_trial " + best.get("trial")), info.out());
        CliTest.Run ev = run("evaluate", "--model", model.toString(), "--test", sklearn("wine.csv").toString(), "--json");
        assertEquals(0, ev.status(), ev.err());
        assertTrue(ev.out().contains("macro") && ev.lastLine().contains("\"roc_auc_ovr\":"), ev.out());
    }

    @Test
    void aResumedSearchSkipsTheTrialsWrittenAndEndsWithTheSameBytes() throws IOException {
        Path space = space(SPACE), resumed = dir.resolve("resumed.json"), whole = dir.resolve("whole.json");
        assertEquals(0, tune(space, resumed, "--trials", "2").status());
        CliTest.Run more = tune(space, resumed, "--trials", "4");
        assertEquals(0, more.status(), more.err());
        assertTrue(more.out().contains("trial 2/4 (from " + resumed + ")"), more.out());
        assertFalse(more.out().contains("trial 3/4 (from"), more.out());
        assertEquals(0, tune(space, whole, "--trials", "4", "--quiet").status());
        assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(resumed));

        CliTest.Run other = tune(space, resumed, "--trials", "4", "--seed", "9");
        assertEquals(2, other.status());
        assertTrue(other.err().contains("holds the trials of another search (its seed was 1, now 9)"), other.err());
    }

    @Test
    @SuppressWarnings("unchecked")
    void gridSearchTriesEveryCombinationInOrderAndKFoldScoresEachTrial() throws IOException {
        Path out = dir.resolve("grid.json");
        CliTest.Run r = tune(space("{\"hidden\": [[4], [8]], \"l2\": [0, 0.001]}"), out, "--grid", "--folds", "3", "--lr", "0.01");
        assertEquals(0, r.status(), r.err());
        List<Map<String, Object>> trials = (List<Map<String, Object>>) json(out).get("trials");
        assertEquals(List.of(Map.of("hidden", List.of(4L), "l2", 0L), Map.of("hidden", List.of(4L), "l2", 0.001),
                Map.of("hidden", List.of(8L), "l2", 0L), Map.of("hidden", List.of(8L), "l2", 0.001)),
                trials.stream().map(t -> t.get("params")).toList());
        for (Map<String, Object> t : trials) {
            assertEquals(3, ((List<?>) t.get("fold_scores")).size());
            assertEquals(3, ((List<?>) t.get("epochs")).size());
        }
        assertEquals("3 folds", json(out).get("validation"));
    }

    @Test
    void badSpacesAndOptionsExitTwoWithOneLineBeforeAnyTrial() throws IOException {
        Path out = dir.resolve("never.json");
        Path syntax = space("{\"lr\": [0.1,\n  0.2,]}");
        assertError("neurite: " + syntax + ": line 2, column 7: ", tune(syntax, out, "--trials", "2"));
        assertError("'hiden' is not a train option that can be tuned (did you mean 'hidden'?)",
                tune(space("{\"hiden\": [[8]]}"), out, "--trials", "2"));
        assertError("unknown distribution 'loguniform' (did you mean 'log_uniform'?)",
                tune(space("{\"lr\": {\"loguniform\": [1e-4, 0.1]}}"), out, "--trials", "2"));
        assertError("log_uniform [0, 0.1]: needs 0 < low < high", tune(space("{\"lr\": {\"log_uniform\": [0, 0.1]}}"), out, "--trials", "2"));
        assertError("neurite: --l2 must be >= 0 and finite, was -0.5", tune(space("{\"l2\": [0, -0.5]}"), out, "--trials", "2"));
        assertError("--lr is both a train option and a key of", tune(space(SPACE), out, "--trials", "2", "--lr", "0.1"));
        assertError("--grid: 'lr' is a log_uniform distribution", tune(space(SPACE), out, "--grid"));
        assertError("--trials must be in [1, 10,000], was 0", tune(space(SPACE), out, "--trials", "0"));
        assertError("--metric must be one of", tune(space(SPACE), out, "--trials", "2", "--metric", "acuracy"));
        assertError("is not a train option that can be tuned; give --train as a train option instead",
                tune(space("{\"train\": [\"x.csv\"]}"), out, "--trials", "2"));
        assertError("a choice needs 1 to 100 values, had 101",
                tune(space("{\"l2\": [" + "0.1, ".repeat(100) + "0.1]}"), out, "--trials", "2"));
        Path big = dir.resolve("big.json");
        Files.writeString(big, "{\"lr\": [" + "0.1, ".repeat(300_000) + "0.1]}");
        assertError("bytes is over the limit of 1048576 bytes", tune(big, out, "--trials", "2"));
        assertFalse(Files.exists(out));
    }

    @Test
    void aReusedCheckerStartsEachParseFromTrainsDefaults() {
        picocli.CommandLine checker = new picocli.CommandLine(new TrainCommand());
        Map<String, String> none = Map.of();
        TrainCommand first = TrainRun.parse(checker, "tune", List.of("--lr", "0.5", "--no-bias", "--hidden", "3,2"), none);
        assertEquals(0.5, first.net.lr);
        TrainCommand second = TrainRun.parse(checker, "tune", List.of("--epochs", "3"), none);
        assertEquals(null, second.net.lr);
        assertFalse(second.net.noBias);
        assertEquals(List.of(128), second.net.hidden);
        assertEquals(3, second.epochs);
    }

    private static void assertError(String part, CliTest.Run r) {
        assertEquals(2, r.status(), r.out());
        assertTrue(r.err().contains(part), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
