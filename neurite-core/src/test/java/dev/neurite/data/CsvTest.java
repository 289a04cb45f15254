package dev.neurite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        Path f = dir.resolve("data.csv");
        Files.writeString(f, content);
        return f;
    }

    @Test
    void readsFeaturesAndMapsStringLabels() throws IOException {
        Path f = file("sepal,species,petal\n1.5,virginica,2\n-3,setosa,4e-1\n\"7\",\"versi,color\",8\n\n");
        Dataset d = Csv.reader().label("species").read(f);
        assertEquals(List.of("setosa", "versi,color", "virginica"), d.classNames());
        assertArrayEquals(new int[] {2, 0, 1}, d.labels());
        assertEquals(2, d.inputSize());
        assertArrayEquals(new float[] {1.5f, 2f, -3f, 0.4f, 7f, 8f}, java.util.Arrays.copyOf(d.x().data(), 6));
        assertEquals(d.labels()[0], Csv.reader().label("1").read(f).labels()[0], "index 1 is the species column");
    }

    @Test
    void integerLabelsKeepNumericOrderAndTestSetsUseTheTrainingMapping() throws IOException {
        Path f = file("a,y\n1,10\n2,9\n3,2\n");
        Dataset d = Csv.reader().read(f);
        assertEquals(List.of("2", "9", "10"), d.classNames());
        Path test = dir.resolve("test.csv");
        Files.writeString(test, "a,y\n1,9\n5,7\n");
        var e = assertThrows(DataFileException.class, () -> Csv.reader().classNames(d.classNames()).read(test));
        assertEquals(test + ": line 3, column 2 ('y'): label '7' is not one of the known classes [2, 9, 10]", e.getMessage());
    }

    @Test
    void regressionTargets() throws IOException {
        Dataset d = Csv.reader().regression(true).read(file("x,y\n1,0.5\n2,1.5\n"));
        assertEquals(Dataset.Kind.REGRESSION, d.kind());
        assertEquals(1.5f, d.y().get(1, 0));
    }

    private String error(String content) throws IOException {
        Path f = file(content);
        return assertThrows(DataFileException.class, () -> Csv.reader().read(f)).getMessage()
                .substring(f.toString().length() + 2);
    }

    @Test
    void everyBadCellIsNamedByLineAndColumn() throws IOException {
        assertEquals("line 3, column 1 ('a'): the cell is empty; every feature needs a number", error("a,b,y\n1,2,x\n,2,x\n"));
        assertEquals("line 2, column 2 ('b'): 'two' is not a number", error("a,b,y\n1,two,x\n"));
        assertEquals("line 2, column 1 ('a'): 'NaN' is not a finite number (or too large for float32)", error("a,b,y\n NaN ,2,x\n"));
        assertEquals("line 2, column 2 ('b'): '1e50' is not a finite number (or too large for float32)", error("a,b,y\n1,1e50,x\n"));
        assertEquals("line 3 has 2 cells, the header has 3", error("a,b,y\n1,2,x\n1,2\n"));
        assertEquals("line 3 is empty but data follows on line 4; remove the empty line", error("a,b,y\n1,2,x\n\n1,2,x\n"));
        assertEquals("line 2, column 3 ('y'): the label is missing", error("a,b,y\n1,2,\n"));
        assertEquals("line 1: expected a header row naming the columns, found an empty file", error(""));
        assertEquals("has a header but no data rows", error("a,b,y\n"));
        assertEquals("line 2: a quoted cell is not closed", error("a,b,y\n1,2,\"x\n"));
        Path f = file("a,y\n1,2\n");
        assertEquals(f + ": line 1: no column named 'label' in the header [a, y]",
                assertThrows(DataFileException.class, () -> Csv.reader().label("label").read(f)).getMessage());
        assertEquals(f + ": label column index 5 is outside the 2 columns (0 to 1)",
                assertThrows(DataFileException.class, () -> Csv.reader().label("5").read(f)).getMessage());
    }

    @Test
    void featureOnlyFiles() throws IOException {
        assertEquals(2, Csv.readFeatures(file("a,b\n1,2\n3,4\n")).rows());
    }
}
