package dev.neurite.cli;

import static dev.neurite.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.data.FeatureSchema;
import dev.neurite.io.ModelFile;
import dev.neurite.tensor.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text columns one-hot, missing values imputed, other separators: through train, predict and evaluate. */
class TabularCliTest {
    @TempDir
    Path dir;

    private static final String[] COLOURS = {"red", "green", "blue"};

    /** The class is 1 for red, or for a large size; every 7th size is missing (NA). */
    private Path shapes(String name, int n, long seed, String separator) throws IOException {
        Rng rng = new Rng(seed);
        StringBuilder sb = new StringBuilder(String.join(separator, "colour", "size", "weight", "y")).append('\n');
        for (int i = 0; i < n; i++) {
            String colour = COLOURS[i % 3];
            double size = 4 * rng.nextDouble(), weight = rng.nextGaussian();
            int y = colour.equals("red") || size > 3 ? 1 : 0;
            sb.append(colour).append(separator).append(i % 7 == 3 ? "NA" : String.format(Locale.ROOT, "%.3f", size))
                    .append(separator).append(String.format(Locale.ROOT, "%.3f", weight)).append(separator).append(y).append('\n');
        }
        return Files.writeString(dir.resolve(name), sb);
    }

    private Path model(String... extra) throws IOException {
        Path model = dir.resolve("shapes.neurite");
        List<String> args = new java.util.ArrayList<>(List.of("train", "--train", shapes("train.csv", 300, 1, ",").toString(),
                "--hidden", "8", "--epochs", "30", "--batch-size", "16", "--seed", "1", "--lr", "0.01", "--out", model.toString()));
        args.addAll(List.of(extra));
        CliTest.Run r = run(args.toArray(String[]::new));
        assertEquals(0, r.status(), r.err());
        return model;
    }

    @Test
    void textColumnsAreOneHotAndTheSchemaIsSaved() throws Exception {
        Path model = model("--impute", "median", "--missing-indicator");
        FeatureSchema schema = ModelFile.load(model).schema();
        assertEquals(List.of("colour", "size", "weight"), schema.names());
        assertEquals(List.of("colour=blue", "colour=green", "colour=red", "size", "weight", "size_missing"), schema.inputNames());
        assertEquals(List.of("y"), schema.labels());
        CliTest.Run ev = run("evaluate", "--model", model.toString(), "--test", shapes("test.csv", 150, 2, ",").toString(), "--json");
        assertEquals(0, ev.status(), ev.err());
        assertTrue(ev.lastLine().matches(".*\"accuracy\":0\\.9[0-9]*,.*"), ev.lastLine());
    }

    @Test
    void theFillValueIsAppliedAtPredictionTime() throws Exception {
        Path model = model("--impute", "median");
        double median = ModelFile.load(model).schema().column("size").fill();
        Path missing = Files.writeString(dir.resolve("missing.csv"), "colour,size,weight\ngreen,,0.5\nblue,NaN,-1\n");
        Path filled = Files.writeString(dir.resolve("filled.csv"), "colour,size,weight\ngreen," + (float) median + ",0.5\nblue,"
                + (float) median + ",-1\n");
        CliTest.Run a = run("predict", "--model", model.toString(), "--input", missing.toString(), "--json");
        CliTest.Run b = run("predict", "--model", model.toString(), "--input", filled.toString(), "--json");
        assertEquals(0, a.status(), a.err());
        assertEquals(b.out(), a.out());
    }

    @Test
    void anUnknownCategoryIsZerosWithAWarningOrRefused() throws Exception {
        Path model = model("--impute", "mean");
        Path purple = Files.writeString(dir.resolve("purple.csv"), "weight,size,colour\n0.1,1.0,red\n0.2,2.0,purple\n");
        CliTest.Run zeros = run("predict", "--model", model.toString(), "--input", purple.toString());
        assertEquals(0, zeros.status(), zeros.err());
        assertEquals("neurite: warning: " + purple + ": column 'colour': 1 row has a category not in the training data (first:"
                + " line 3, 'purple'), encoded as all zeros", zeros.err().strip());
        assertEquals(2, zeros.out().lines().count());
        CliTest.Run refused = run("predict", "--model", model.toString(), "--input", purple.toString(), "--unknown-category", "error");
        assertEquals(2, refused.status());
        assertEquals("neurite: " + purple + ": line 3, column 3 ('colour'): the category 'purple' was not in the training data"
                + " (its 3 categories: [blue, green, red]); fix the cell, or use --unknown-category zeros to encode it as all"
                + " zeros", refused.err().strip());
    }

    @Test
    void aMissingValueWithoutImputeIsNamed() throws Exception {
        Path train = shapes("train.csv", 30, 1, ",");
        CliTest.Run r = run("train", "--train", train.toString(), "--epochs", "1");
        assertEquals(2, r.status());
        assertEquals("neurite: " + train + ": line 5, column 2 ('size'): 'NA' marks a missing value; every feature needs a"
                + " value: fill it in, or train with --impute mean|median|most-frequent", r.err().strip());
        CliTest.Run indicator = run("train", "--train", train.toString(), "--missing-indicator");
        assertEquals(2, indicator.status());
        assertTrue(indicator.err().startsWith("neurite: --missing-indicator has no effect without --impute"), indicator.err());
        CliTest.Run targets = run("train", "--train", train.toString(), "--impute", "mean", "--test-targets", train.toString());
        assertEquals(2, targets.status());
        assertEquals("neurite: --test-targets has no effect without --test (there is no test file to take the labels of);"
                + " leave it out", targets.err().strip());
    }

    @Test
    void semicolonAndTabFilesAreReadAsTheyAre() throws Exception {
        for (String separator : new String[] {";", "\t"}) {
            Path train = shapes("train" + (int) separator.charAt(0) + ".csv", 120, 1, separator);
            CliTest.Run r = run("train", "--train", train.toString(), "--epochs", "2", "--impute", "mean", "--quiet");
            assertEquals(0, r.status(), r.err());
            CliTest.Run comma = run("train", "--train", train.toString(), "--epochs", "2", "--delimiter", ",");
            assertEquals(2, comma.status());
            assertTrue(comma.err().contains("has no feature column besides the label (cells separated by ','; see --delimiter)"),
                    comma.err());
        }
    }

    @Test
    void badCellsAreNamedWithTheirLineColumnAndValue() throws Exception {
        Path mixed = Files.writeString(dir.resolve("mixed.csv"), "a,b,y\n1,2,x\n3,oops,z\n");
        CliTest.Run r = run("train", "--train", mixed.toString());
        assertEquals(2, r.status());
        assertEquals("neurite: " + mixed + ": line 3, column 2 ('b'): 'oops' is not a number, but this column holds numbers"
                + " (line 2: '2'); fix the cell, or read the column as categories with --categorical b", r.err().strip());
        CliTest.Run forced = run("train", "--train", mixed.toString(), "--categorical", "b", "--epochs", "1", "--quiet");
        assertEquals(0, forced.status(), forced.err());
        StringBuilder ids = new StringBuilder("id,v,y\n");
        for (int i = 0; i <= FeatureSchema.MAX_CATEGORIES; i++) {
            ids.append("id").append(i).append(',').append(i % 5).append(',').append(i % 2).append('\n');
        }
        Path many = Files.writeString(dir.resolve("ids.csv"), ids);
        CliTest.Run tooMany = run("train", "--train", many.toString());
        assertEquals(2, tooMany.status());
        assertEquals("neurite: " + many + ": line 1002, column 1 ('id'): the category 'id1000' is the column's 1001th:"
                + " a categorical column has at most 1000 categories (is it an identifier? drop the column)", tooMany.err().strip());
        Path twice = Files.writeString(dir.resolve("twice.csv"), "a,a,y\n1,2,0\n2,1,1\n");
        CliTest.Run dup = run("train", "--train", twice.toString());
        assertEquals(2, dup.status());
        assertTrue(dup.err().contains("line 1: the column name 'a' appears twice"), dup.err());
        assertFalse(dup.err().contains("Exception"), dup.err());
    }
}
