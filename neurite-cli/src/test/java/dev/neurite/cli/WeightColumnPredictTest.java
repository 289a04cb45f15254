package dev.neurite.cli;

import static dev.neurite.cli.CliTest.run;
import static dev.neurite.cli.CvCommandTest.sklearn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.io.ModelFile;
import dev.neurite.io.SavedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * predict and evaluate on a file that still holds the weight column a model was trained with (train's
 * --weight-column): dropped, by the name the model records, or by --weight-column for a model that records none.
 */
class WeightColumnPredictTest {
    @TempDir
    static Path dir;
    static Path weighted, plain, model, old;

    @BeforeAll
    static void train() throws IOException {
        List<String> lines = Files.readAllLines(sklearn("iris.csv"));
        StringBuilder w = new StringBuilder("w," + lines.get(0) + "\n"), p = new StringBuilder(lines.get(0) + "\n");
        for (int i = 1; i < lines.size(); i++) {
            w.append(1 + i % 3).append(',').append(lines.get(i)).append('\n');       // the weights first: a column by name
            p.append(lines.get(i)).append('\n');
        }
        weighted = Files.writeString(dir.resolve("weighted.csv"), w);
        plain = Files.writeString(dir.resolve("plain.csv"), p);
        model = dir.resolve("weighted.neurite");
        CliTest.Run r = run("train", "--train", weighted.toString(), "--weight-column", "w", "--hidden", "8", "--epochs", "5",
                "--quiet", "--out", model.toString());
        assertEquals(0, r.status(), r.err());
        SavedModel m = ModelFile.load(model);
        Map<String, String> meta = new HashMap<>(m.metadata());
        meta.remove(SavedModel.WEIGHT_COLUMN);                   // as models were saved before they recorded it
        old = dir.resolve("old.neurite");
        ModelFile.save(new SavedModel(m.network(), m.loss(), m.normalization(), m.classNames(), meta), old);
    }

    private static CliTest.Run predict(Path model, Path input, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("predict", "--model", model.toString(), "--input", input.toString(), "--json"));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    @Test
    void theModelRecordsItsWeightColumnAndPredictAndEvaluateDropIt() throws IOException {
        assertEquals("w", ModelFile.load(model).weightColumn());
        CliTest.Run withWeights = predict(model, weighted), without = predict(model, plain);
        assertEquals(0, withWeights.status(), withWeights.err());
        assertEquals(0, without.status(), without.err());
        assertEquals(150, withWeights.out().lines().count());
        assertEquals(without.out(), withWeights.out(), "the weight column is no input: the same predictions");
        assertEquals(without.out(), predict(model, weighted, "--weight-column", "w").out(), "naming the recorded column is no error");
        CliTest.Run ev = run("evaluate", "--model", model.toString(), "--test", weighted.toString(), "--json");
        assertEquals(0, ev.status(), ev.err());
        assertEquals(run("evaluate", "--model", model.toString(), "--test", plain.toString(), "--json").lastLine(), ev.lastLine());
    }

    @Test
    void aModelThatDoesNotRecordItTakesWeightColumnByName() {
        CliTest.Run refused = predict(old, weighted);
        assertEquals(2, refused.status());
        assertTrue(refused.err().contains("the columns are not those the model was trained on: extra 'w'"), refused.err());
        CliTest.Run named = predict(old, weighted, "--weight-column", "w");
        assertEquals(0, named.status(), named.err());
        assertEquals(predict(model, plain).out(), named.out());
        CliTest.Run ev = run("evaluate", "--model", old.toString(), "--test", weighted.toString(), "--weight-column", "w");
        assertEquals(0, ev.status(), ev.err());
    }

    @Test
    void aWeightColumnThatIsNotTheModelsIsRefusedNamingIt() {
        CliTest.Run other = predict(model, weighted, "--weight-column", "v");
        assertEquals(2, other.status());
        assertEquals("neurite: --weight-column v: the model " + model + " was trained with the weight column 'w', which is dropped;"
                + " leave --weight-column out", other.err().strip());
        CliTest.Run feature = predict(old, weighted, "--weight-column", "sepal_width");
        assertEquals("neurite: --weight-column sepal_width: the model " + old + " reads 'sepal_width' as a feature; name the column"
                + " of example weights", feature.err().strip());
        CliTest.Run label = run("evaluate", "--model", old.toString(), "--test", weighted.toString(), "--weight-column", "species");
        assertEquals(2, label.status());
        assertTrue(label.err().contains("reads 'species' as a label"), label.err());
        CliTest.Run image = predict(model, dir.resolve("digit.png"), "--weight-column", "w");
        assertEquals("neurite: --weight-column w is for a CSV input, not " + dir.resolve("digit.png"), image.err().strip());
        for (CliTest.Run r : List.of(other, feature, label, image)) {
            assertEquals(2, r.status());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }
}
