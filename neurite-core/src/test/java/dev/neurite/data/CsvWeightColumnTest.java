package dev.neurite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Csv.weightColumn}: a column of example weights, read as weights and left out of the features. */
class CsvWeightColumnTest {
    @TempDir
    Path dir;

    private Path csv(String text) throws IOException {
        Path f = dir.resolve("data" + Math.abs(text.hashCode()) + ".csv");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void theWeightColumnBecomesExampleWeightsNotAFeature() throws IOException {
        Path f = csv("a,w,b,label\n1,2.5,3,x\n4,0,6,y\n7,1,9,x\n");
        Dataset d = Csv.reader().label("label").weightColumn("w").read(f);
        assertEquals(2, d.inputSize());
        assertArrayEquals(new float[] {1, 3, 4, 6, 7, 9}, java.util.Arrays.copyOf(d.x().data(), 6));
        assertArrayEquals(new float[] {2.5f, 0f, 1f}, d.exampleWeights());
        Dataset sub = d.subset(new int[] {2, 0});
        assertArrayEquals(new float[] {1f, 2.5f}, sub.exampleWeights(), "subsets keep their weights");
        assertFalse(Csv.reader().label("label").read(f).hasExampleWeights());
        assertEquals(3, Csv.reader().label("label").read(f).inputSize(), "without the option it is a feature");
    }

    @Test
    void standardisedTargetsKeepTheExampleWeights() throws IOException {
        Path f = csv("a,w,t\n1,2.5,10\n4,0,20\n7,1,60\n");
        Dataset d = Csv.reader().label("t").regression(true).weightColumn("w").read(f);
        Dataset scaled = TargetScaling.fit(d.y()).standardize(d);
        assertArrayEquals(new float[] {2.5f, 0f, 1f}, scaled.exampleWeights(), "a weighted regression stays weighted");
        assertFalse(TargetScaling.fit(d.y()).standardize(Csv.reader().label("t").regression(true).read(f)).hasExampleWeights());
    }

    @Test
    void aFileToPredictMayCarryTheWeightColumnNamedOnly() throws IOException {
        Path train = csv("a,w,b,label\n1,2.5,3,x\n4,0,6,y\n7,1,9,x\n"), later = csv("w,b,a\n5,30,10\n");
        FeatureSchema schema = Tabular.reader().labels(java.util.List.of("label")).weightColumn("w").fit(train).schema();
        assertArrayEquals(new float[] {10, 30}, java.util.Arrays.copyOf(Tabular.reader().schema(schema).weightColumn("w").features(later)
                .data(), 2));
        DataFileException extra = assertThrows(DataFileException.class, () -> Tabular.reader().schema(schema).features(later));
        assertTrue(extra.getMessage().contains("extra 'w'"), extra.getMessage());
    }

    @Test
    void badWeightsAndColumnsAreRefusedNamingLineAndColumn() throws IOException {
        Path f = csv("a,w,label\n1,2,x\n4,-1,y\n");
        var negative = assertThrows(DataFileException.class, () -> Csv.reader().weightColumn("w").read(f));
        assertTrue(negative.getMessage().contains("line 3, column 2 ('w'): the example weight '-1' is negative"), negative.getMessage());
        var missing = assertThrows(DataFileException.class, () -> Csv.reader().weightColumn("weight").read(f));
        assertTrue(missing.getMessage().contains("line 1: no column named 'weight' (--weight-column)"), missing.getMessage());
        var label = assertThrows(DataFileException.class, () -> Csv.reader().label("w").weightColumn("w").read(f));
        assertTrue(label.getMessage().contains("is the label column"), label.getMessage());
        Path nan = csv("a,w,label\n1,NaN,x\n");
        var notANumber = assertThrows(DataFileException.class, () -> Csv.reader().weightColumn("w").read(nan));
        assertTrue(notANumber.getMessage().contains("line 2, column 2 ('w')"), notANumber.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Csv.reader().read(f).withExampleWeights(new float[] {1}));
    }
}
