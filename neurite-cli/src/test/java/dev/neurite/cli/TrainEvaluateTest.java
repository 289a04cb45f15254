package dev.neurite.cli;

import static dev.neurite.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.data.Idx;
import dev.neurite.tensor.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainEvaluateTest {
    @TempDir
    Path dir;

    /** Three Gaussian blobs in 4-D with string labels, far enough apart to be learnable. */
    private Path blobs(String name, int n, long seed) throws IOException {
        Rng rng = new Rng(seed);
        String[] names = {"setosa", "versicolor", "virginica"};
        StringBuilder sb = new StringBuilder("f1,f2,species,f3,f4\n");
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            double[] f = new double[4];
            for (int j = 0; j < 4; j++) {
                f[j] = 10 * c * (j % 2 == 0 ? 1 : -1) + 100 + 3 * rng.nextGaussian();
            }
            sb.append(String.format(Locale.ROOT, "%.3f,%.3f,%s,%.3f,%.3f%n", f[0], f[1], names[c], f[2], f[3]));
        }
        Path f = dir.resolve(name);
        Files.writeString(f, sb);
        return f;
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":([-0-9.eE]+)").matcher(json);
        assertTrue(m.find(), key + " in " + json);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void trainsOnCsvSavesAndEvaluates() throws IOException {
        Path train = blobs("train.csv", 300, 1), test = blobs("test.csv", 90, 2), model = dir.resolve("iris.neurite");
        CliTest.Run r = run("train", "--train", train.toString(), "--test", test.toString(), "--label", "species",
                "--hidden", "16", "--epochs", "20", "--batch-size", "16", "--lr", "0.01", "--validation-split", "0.2",
                "--patience", "5", "--out", model.toString(), "--json");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("240 training examples, 60 held out for validation, 90 test examples"), r.out());
        String json = r.lastLine();
        assertTrue(number(json, "test_accuracy") >= 0.95, json);
        for (String key : new String[] {"test_loss", "epochs", "train_seconds"}) {
            number(json, key);
        }
        assertTrue(Files.isRegularFile(model));

        CliTest.Run ev = run("evaluate", "--model", model.toString(), "--test", test.toString(), "--label", "species", "--json");
        assertEquals(0, ev.status(), ev.err());
        assertTrue(ev.out().contains("versicolor"), ev.out());
        assertEquals(number(json, "test_accuracy"), number(ev.lastLine(), "accuracy"), 1e-9);
        assertTrue(ev.lastLine().contains("\"confusion\":[["), ev.lastLine());
    }

    @Test
    void trainsOnAFolderOfIdxFiles() throws IOException {
        Rng rng = new Rng(3);
        for (String set : new String[] {"train", "t10k"}) {
            int n = set.equals("train") ? 200 : 50;
            byte[] images = new byte[n * 16], labels = new byte[n];
            for (int i = 0; i < n; i++) {
                labels[i] = (byte) (i % 2);
                for (int p = 0; p < 16; p++) {
                    images[i * 16 + p] = (byte) ((p < 8) == (i % 2 == 0) ? 200 + rng.nextInt(50) : rng.nextInt(50));
                }
            }
            Idx.write(dir.resolve(set + "-images-idx3-ubyte.gz"), new int[] {n, 4, 4}, images);
            Idx.write(dir.resolve(set + "-labels-idx1-ubyte"), new int[] {n}, labels);
        }
        CliTest.Run r = run("train", "--data", dir.toString(), "--hidden", "8", "--epochs", "10", "--lr", "0.01", "--json");
        assertEquals(0, r.status(), r.err());
        assertTrue(number(r.lastLine(), "test_accuracy") >= 0.9, r.out());
    }

    @Test
    void trainsOnMnist() {
        CliTest.Run r = run("train", "--data", "mnist", "--hidden", "32", "--epochs", "1", "--json");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("mnist: 60000 training examples, 10000 test examples"), r.out());
        assertTrue(number(r.lastLine(), "test_accuracy") > 0.9, r.lastLine());
    }

    @Test
    void badInputExitsTwoNamingTheProblemAndWritesNothing() throws IOException {
        Path bad = dir.resolve("bad.csv"), model = dir.resolve("never.neurite");
        Files.writeString(bad, "a,b,y\n1,2,x\n1,oops,y\n");
        CliTest.Run r = run("train", "--train", bad.toString(), "--out", model.toString());
        assertEquals(2, r.status());
        assertEquals("neurite: " + bad + ": line 3, column 2 ('b'): 'oops' is not a number, but this column holds numbers"
                + " (line 2: '2'); fix the cell, or read the column as categories with --categorical b", r.err().strip());
        assertFalse(Files.exists(model));

        CliTest.Run missing = run("train", "--train", dir.resolve("none.csv").toString());
        assertEquals(2, missing.status());
        assertEquals("neurite: " + dir.resolve("none.csv") + ": no such file", missing.err().strip());

        CliTest.Run noIdx = run("train", "--data", dir.toString());
        assertEquals(2, noIdx.status());
        assertTrue(noIdx.err().contains("does not hold the four MNIST files"), noIdx.err());

        CliTest.Run both = run("train", "--data", "mnist", "--train", bad.toString());
        assertEquals(2, both.status());
        assertEquals("neurite: give either --data or --train/--test, not both", both.err().strip());

        assertEquals(2, run("train", "--epochs", "0").status());
        assertEquals(2, run("train", "--optimizer", "rmsprop", "--train", blobs("t.csv", 30, 1).toString()).status());
        assertEquals(2, run("train", "--dropout", "1.5", "--train", blobs("t.csv", 30, 1).toString()).status());
    }

    @Test
    void aModelIsRefusedForDataOfAnotherWidth() throws IOException {
        Path train = blobs("train.csv", 60, 1), model = dir.resolve("m.neurite");
        assertEquals(0, run("train", "--train", train.toString(), "--label", "species", "--epochs", "1", "--out", model.toString()).status());
        Path narrow = dir.resolve("narrow.csv");
        Files.writeString(narrow, "f1,species\n1,setosa\n");
        CliTest.Run r = run("evaluate", "--model", model.toString(), "--test", narrow.toString(), "--label", "species");
        assertEquals(2, r.status());
        assertEquals("neurite: " + narrow + ": line 1: the columns are not those the model was trained on: missing 'f2', 'f3', 'f4' (it"
                + " reads 'f1', 'f2', 'f3', 'f4', with the label 'species', by name, in any order)", r.err().strip());

        Path corrupt = dir.resolve("corrupt.neurite");
        Files.write(corrupt, new byte[] {1, 2, 3});
        CliTest.Run c = run("evaluate", "--model", corrupt.toString(), "--test", narrow.toString());
        assertEquals(2, c.status());
        assertTrue(c.err().startsWith("neurite: " + corrupt + ": is 3 bytes long"), c.err());
        assertFalse(c.err().contains("\tat "));
    }
}
