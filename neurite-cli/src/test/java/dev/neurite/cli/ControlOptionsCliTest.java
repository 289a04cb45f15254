package dev.neurite.cli;

import static dev.neurite.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.data.Dataset;
import dev.neurite.data.Mnist;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training-control and imbalanced-data options from the command line, on real data: the first 1,500
 * MNIST training digits with the fives kept at 5%, as CSV (pixels scaled to [0, 1], a weight column {@code w}
 * giving each five 20), and 200 test digits.
 */
class ControlOptionsCliTest {
    @TempDir
    static Path dir;
    static Path train;
    static Path test;

    @BeforeAll
    static void data() throws IOException {
        Mnist mnist = Mnist.load();
        train = write(dir.resolve("train.csv"), mnist.train().head(800), true);
        test = write(dir.resolve("test.csv"), mnist.test().head(200), false);
    }

    private static Path write(Path file, Dataset d, boolean imbalanced) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int p = 0; p < d.inputSize(); p++) {
            sb.append('p').append(p).append(',');
        }
        sb.append("w,digit\n");
        for (int i = 0; i < d.size(); i++) {
            if (imbalanced && d.label(i) == 5 && i % 20 != 0) {
                continue;
            }
            for (int p = 0; p < d.inputSize(); p++) {
                float v = d.x().get(i, p);
                sb.append(v == 0 ? "0" : String.format(Locale.ROOT, "%.3f", v)).append(',');
            }
            sb.append(d.label(i) == 5 ? "20" : "1").append(',').append(d.label(i)).append('\n');
        }
        Files.writeString(file, sb);
        return file;
    }

    private static String[] args(String... extra) {
        List<String> a = new ArrayList<>(List.of("train", "--train", train.toString(), "--test", test.toString(), "--label",
                "digit", "--weight-column", "w", "--normalize", "none", "--hidden", "16", "--epochs", "3", "--batch-size", "32",
                "--seed", "3", "--threads", "1", "--quiet"));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void everyControlTogetherTrainsAndWritesItsHistory() throws IOException {
        Path history = dir.resolve("history.csv"), json = dir.resolve("history.json");
        CliTest.Run r = run(args("--class-weights", "balanced", "--label-smoothing", "0.05", "--clip-norm", "1",
                "--clip-value", "0.5", "--warmup", "0.5e", "--schedule", "one-cycle", "--lr", "0.01", "--validation-split", "0.2",
                "--reduce-lr-on-plateau", "0.5", "--plateau-patience", "1", "--history", history.toString()));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("test accuracy "), r.out());
        double accuracy = Double.parseDouble(r.out().substring("test accuracy ".length(), r.out().indexOf(',')));
        assertTrue(accuracy > 0.5, r.out());
        List<String> lines = Files.readAllLines(history);
        assertEquals("epoch,loss,accuracy,val_loss,val_accuracy,lr,seconds,test_acc", lines.get(0));
        assertEquals(4, lines.size(), lines.toString());
        CliTest.Run j = run(args("--schedule", "cosine-per-step", "--warmup", "20", "--history", json.toString()));
        assertEquals(0, j.status(), j.err());
        assertTrue(Files.readString(json).startsWith("[{\"epoch\":1,"), Files.readString(json));
    }

    @Test
    void theWeightColumnIsNotAFeatureAndChangesTheRun() throws IOException {
        Path weighted = dir.resolve("weighted.neurite"), plain = dir.resolve("plain.neurite");
        Path noWeights = dir.resolve("train-no-w.csv");
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(train)) {
            String[] cells = line.split(",");
            List<String> c = new ArrayList<>(List.of(cells));
            c.remove(784);
            kept.add(String.join(",", c));
        }
        Files.write(noWeights, kept);
        CliTest.Run a = run(args("--out", weighted.toString()));
        assertEquals(0, a.status(), a.err());
        List<String> b = new ArrayList<>(List.of(args("--out", plain.toString())));
        b.set(b.indexOf(train.toString()), noWeights.toString());
        b.remove(b.indexOf("--weight-column") + 1);
        b.remove("--weight-column");
        b.set(b.indexOf(test.toString()), noWeights.toString());
        CliTest.Run p = run(b.toArray(String[]::new));
        assertEquals(0, p.status(), p.err());
        CliTest.Run info = run("info", "--model", weighted.toString(), "--json");
        assertTrue(info.out().contains("784-16"), "784 inputs: the weight column is no feature: " + info.out());
        assertFalse(a.out().equals(p.out()), "the weights changed the run: " + a.out() + " / " + p.out());
    }

    private static void assertRefused(String expected, String... extra) {
        CliTest.Run r = run(args(extra));
        assertEquals(2, r.status(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
    }

    @Test
    void badValuesAreRefusedNamingTheOption() {
        assertRefused("--clip-norm must be > 0 and finite, was 0.0", "--clip-norm", "0");
        assertRefused("--clip-value must be > 0 and finite, was -1.0", "--clip-value", "-1");
        assertRefused("--warmup must be a number of steps > 0 ('500') or of epochs > 0 ('2e', '0.5e'), was '2x'", "--warmup", "2x");
        assertRefused("--warmup must be", "--warmup", "0");
        assertRefused("--reduce-lr-on-plateau must be in (0, 1)", "--reduce-lr-on-plateau", "1.5");
        assertRefused("--plateau-patience has no effect without --reduce-lr-on-plateau", "--plateau-patience", "3");
        assertRefused("--class-weights has 2 weights, the training data has 10 classes", "--class-weights", "1,2");
        assertRefused("--class-weights must be 'balanced' or numbers separated by commas, was 'lots'", "--class-weights", "lots");
        assertRefused("--label-smoothing must be in [0, 1)", "--label-smoothing", "1");
        assertRefused("--label-smoothing is for --loss cross-entropy and binary-cross-entropy, the loss is mse",
                "--label-smoothing", "0.1", "--loss", "mse");
        assertRefused("--history h.txt must end in .csv or .json", "--history", "h.txt");
        CliTest.Run missing = run("train", "--train", test.toString(), "--label", "digit", "--weight-column", "weight", "--quiet");
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains(test + ": line 1: no column named 'weight' (--weight-column)"), missing.err());
        CliTest.Run mnist = run("train", "--data", "mnist", "--weight-column", "w");
        assertEquals(2, mnist.status());
        assertTrue(mnist.err().contains("--weight-column are for CSV files"), mnist.err());
    }

    @Test
    void helpListsEveryControlOption() {
        CliTest.Run r = run("train", "--help");
        for (String option : new String[] {"--clip-norm", "--clip-value", "--warmup", "--reduce-lr-on-plateau", "--plateau-patience",
            "--history", "--class-weights", "--weight-column", "--label-smoothing", "one-cycle", "cosine-per-step"}) {
            assertTrue(r.out().contains(option), option);
        }
    }
}
