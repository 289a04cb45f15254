package dev.neurite.cli;

import static dev.neurite.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.tensor.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * predict and evaluate match CSV columns by name, as the model's schema names them: reordered columns give
 * the same answers (they used to be read by position, silently changing the predictions), a file that still
 * carries the label column is accepted, and a file with other columns is refused, naming them.
 */
class ColumnOrderTest {
    @TempDir
    Path dir;
    private Path model;
    private final List<double[]> rows = new ArrayList<>();

    @BeforeEach
    void trainModel() throws IOException {
        Rng rng = new Rng(5);
        StringBuilder sb = new StringBuilder("a,b,c,y\n");
        for (int i = 0; i < 300; i++) {
            double a = rng.nextGaussian(), b = 3 * rng.nextGaussian(), c = rng.nextGaussian() + 10;
            int y = a + 0.2 * b > 0 ? 1 : 0;
            rows.add(new double[] {a, b, c, y});
            sb.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%d%n", a, b, c, y));
        }
        Path train = Files.writeString(dir.resolve("train.csv"), sb);
        model = dir.resolve("m.neurite");
        CliTest.Run r = run("train", "--train", train.toString(), "--hidden", "8", "--epochs", "5", "--seed", "2",
                "--out", model.toString());
        assertEquals(0, r.status(), r.err());
    }

    /** The rows (the first 40) with the columns in {@code order}, each of a, b, c, y by its index. */
    private Path file(String name, String header, int... order) throws IOException {
        StringBuilder sb = new StringBuilder(header).append('\n');
        for (double[] row : rows.subList(0, 40)) {
            for (int k = 0; k < order.length; k++) {
                sb.append(k == 0 ? "" : ",").append(order[k] == 3 ? Integer.toString((int) row[3])
                        : String.format(Locale.ROOT, "%.4f", row[order[k]]));
            }
            sb.append('\n');
        }
        return Files.writeString(dir.resolve(name), sb);
    }

    private CliTest.Run predict(Path input) {
        return run("predict", "--model", model.toString(), "--input", input.toString(), "--json");
    }

    @Test
    void reorderedColumnsGiveTheSamePredictions() throws IOException {
        CliTest.Run inOrder = predict(file("abc.csv", "a,b,c", 0, 1, 2));
        assertEquals(0, inOrder.status(), inOrder.err());
        CliTest.Run reordered = predict(file("cab.csv", "c,a,b", 2, 0, 1));
        assertEquals(0, reordered.status(), reordered.err());
        assertEquals(inOrder.out(), reordered.out());
        CliTest.Run withLabel = predict(file("ybca.csv", "y,b,c,a", 3, 1, 2, 0));
        assertEquals(0, withLabel.status(), withLabel.err());
        assertEquals(inOrder.out(), withLabel.out());
    }

    @Test
    void evaluateReadsReorderedColumnsByName() throws IOException {
        CliTest.Run inOrder = run("evaluate", "--model", model.toString(), "--test", file("t1.csv", "a,b,c,y", 0, 1, 2, 3).toString());
        CliTest.Run reordered = run("evaluate", "--model", model.toString(), "--test", file("t2.csv", "y,c,b,a", 3, 2, 1, 0).toString());
        assertEquals(0, inOrder.status(), inOrder.err());
        assertEquals(0, reordered.status(), reordered.err());
        assertEquals(inOrder.out().replace("t1.csv", ""), reordered.out().replace("t2.csv", ""));
    }

    @Test
    void otherColumnsAreRefusedByName() throws IOException {
        Path renamed = file("abd.csv", "a,b,d", 0, 1, 2);
        CliTest.Run r = predict(renamed);
        assertEquals(2, r.status());
        assertEquals("neurite: " + renamed + ": line 1: the columns are not those the model was trained on: missing 'c'; extra 'd' (it"
                + " reads 'a', 'b', 'c'; the label 'y' may be there too, by name, in any order)", r.err().strip());
        Path fewer = file("ab.csv", "a,b", 0, 1);
        assertTrue(predict(fewer).err().contains("missing 'c' (it reads"), predict(fewer).err());
        Path noLabel = file("abc.csv", "a,b,c", 0, 1, 2);
        CliTest.Run ev = run("evaluate", "--model", model.toString(), "--test", noLabel.toString());
        assertEquals(2, ev.status());
        assertTrue(ev.err().contains("missing 'y' (it reads 'a', 'b', 'c', with the label 'y', by name"), ev.err());
    }
}
