package dev.neurite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.model.Network;
import dev.neurite.tensor.Matrix;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Separators, headers, count lines, target files and bad cells, each message naming file, line, column and value. */
class TabularReadTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private String error(Tabular reader, Path f) {
        String m = assertThrows(DataFileException.class, () -> reader.fit(f)).getMessage();
        assertTrue(m.startsWith(f + ": "), m);
        return m.substring(f.toString().length() + 2);
    }

    @Test
    void theSeparatorIsDetectedFromTheFirstLine() throws IOException {
        for (String sep : new String[] {",", ";", "\t"}) {
            Dataset d = Tabular.reader().fit(file("s.csv", "a" + sep + "b" + sep + "y\n1" + sep + "2" + sep + "x\n3" + sep
                    + "4" + sep + "z\n")).data();
            assertEquals(2, d.inputSize(), sep);
            assertEquals(4f, d.x().get(1, 1));
        }
        Dataset quoted = Tabular.reader().fit(file("q.csv", "\"a;b\",c;y\n1,2;x\n")).data();   // ',' outside quotes wins
        assertEquals(1, quoted.inputSize());
        assertEquals(",", String.valueOf(CsvFormat.AUTO.separatorFor("a,b;c")));
        assertEquals(";", String.valueOf(CsvFormat.AUTO.separatorFor("a;b;c,d")));
    }

    @Test
    void whitespaceGzipAndNoHeader() throws IOException {
        Path gz = dir.resolve("w.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("  1  2.5\t3 \n4 5 6\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Tabular.Fitted f = Tabular.reader().format(CsvFormat.parse("whitespace").withoutHeader()).regression(true).fit(gz);
        assertEquals(List.of("x0", "x1"), f.schema().names());
        assertEquals(List.of("x2"), f.schema().labels());
        assertEquals(2.5f, f.data().x().get(0, 1));
        assertEquals(6f, f.data().y().get(1, 0));
    }

    @Test
    void scikitLearnsCountLineNamesTheColumnsAndClasses() throws IOException {
        Path iris = file("iris.csv", "3,2,setosa,versicolor\n5.1,3.5,1\n4.9,3.0,0\n6.0,2.2,1\n");
        Tabular.Fitted f = Tabular.reader().fit(iris);
        assertEquals(List.of("x0", "x1"), f.schema().names());
        assertEquals(List.of("setosa", "versicolor"), f.data().classNames());
        assertEquals(1, f.data().label(0));
        assertEquals("line 1: scikit-learn's count line says 4 examples, the file has 3 rows after it",
                error(Tabular.reader(), file("short.csv", "4,2,a,b\n1,2,0\n1,2,1\n1,2,0\n")));
        assertEquals("line 3, column 3 ('target'): the target '2' is not a class index 0 to 1 of the count line's names [a, b]",
                error(Tabular.reader(), file("bad.csv", "2,2,a,b\n1,2,0\n1,2,2\n")));
        assertTrue(error(Tabular.reader(), file("nums.csv", "1,2,3\n4,5,6\n")).startsWith("line 1: '1,2,3' has numbers where"
                + " column names belong (columns 1, 2, 3); add a header row naming the columns, or read the file with --no-header"));
    }

    @Test
    void targetsFromASecondFileRowByRow() throws IOException {
        Path x = file("x.txt", "a b\n1 2\n3 4\n5 6\n");
        Path y = file("y.txt", "1.5e+02\n7.5e+01\n2.0e+01\n");
        CsvFormat ws = CsvFormat.parse("whitespace");
        Tabular.Fitted f = Tabular.reader().format(ws).regression(true).targets(y).fit(x);
        assertEquals(List.of("target"), f.schema().labels());
        assertEquals(75f, f.data().y().get(1, 0));
        Path short_ = file("y2.txt", "1\n2\n");
        assertEquals("has 2 rows of targets, but " + x + " has 3 rows of features; the two files must have a row for each"
                + " example, in the same order", assertThrows(DataFileException.class,
                () -> Tabular.reader().format(ws).regression(true).targets(short_).fit(x)).getMessage().substring(short_.toString().length() + 2));
        Path several = file("y3.txt", "u v\n1 2\n3 4\n5 6\n");
        assertEquals(List.of("u", "v"), Tabular.reader().format(ws).regression(true).targets(several).fit(x).data().targetNames());
    }

    @Test
    void severalTargetsByName() throws IOException {
        Path f = file("t.csv", "p,a,q,b\n1,2,3,4\n5,6,7,8\n");
        Dataset d = Tabular.reader().labels(List.of("q", "p")).regression(true).fit(f).data();
        assertEquals(List.of("q", "p"), d.targetNames());
        assertEquals(7f, d.y().get(1, 0));
        assertEquals(List.of("a", "b"), Tabular.reader().labels(List.of("q", "p")).regression(true).fit(f).schema().names());
        assertTrue(error(Tabular.reader().labels(List.of("q", "p")), f).startsWith("2 label columns [q, p]: several target"
                + " columns are for a regression"));
    }

    @Test
    void badCellsAreNamed() throws IOException {
        Path inf = file("inf.csv", "a,y\n1,x\ninf,z\n");
        assertEquals("line 3, column 1 ('a'): 'inf' is not a finite number (or too large for float32)", error(Tabular.reader(), inf));
        Path big = file("big.csv", "a,y\n1e39,x\n");
        assertEquals("line 2, column 1 ('a'): '1e39' is not a finite number (or too large for float32)", error(Tabular.reader(), big));
        Path text = file("text.csv", "a,y\nred,x\n2,z\n");
        assertEquals("line 3, column 1 ('a'): the number '2' in a column of categories (line 2: 'red'); fix the cell, or read"
                + " every value as a category with --categorical a", error(Tabular.reader(), text));
        Path empty = file("empty.csv", "a,b,y\n1,,x\n2,NA,z\n");
        assertEquals("line 2, column 2 ('b'): the column has no value in any row (every cell is empty or a missing-value"
                + " marker); drop the column", error(Tabular.reader().impute(Imputation.MEAN), empty));
        Path target = file("target.csv", "a,y\n1,2.5\n2,NA\n");
        assertTrue(error(Tabular.reader().regression(true), target).startsWith("line 3, column 2 ('y'): the target is missing ('NA')"));
    }

    @Test
    void aFoldedTargetScalingPredictsInTheTargetsUnits() {
        Matrix y = Matrix.of(new double[][] {{100, -1}, {300, 1}, {200, 3}});
        TargetScaling s = TargetScaling.fit(y);
        assertEquals(200, s.mean()[0], 1e-9);
        assertEquals(Math.sqrt(20000.0 / 3), s.std()[0], 1e-9);
        Network net = Network.of("2-4tanh-2", 3);
        Matrix x = Matrix.of(new double[][] {{0.5, -1}, {2, 0.25}});
        Matrix before = net.predict(x).copy();
        s.foldInto(net);
        Matrix after = net.predict(x);
        for (int r = 0; r < 2; r++) {
            for (int k = 0; k < 2; k++) {
                assertEquals(before.get(r, k) * s.std()[k] + s.mean()[k], after.get(r, k), 1e-4 * s.std()[k]);
            }
        }
        Matrix constant = Matrix.of(new double[][] {{5}, {5}});
        assertEquals(1, TargetScaling.fit(constant).std()[0]);
        IllegalArgumentException noBias = assertThrows(IllegalArgumentException.class,
                () -> TargetScaling.fit(Matrix.of(new double[][] {{1}, {2}})).foldInto(
                        dev.neurite.model.Architecture.parse("2-1", false, null).build(1)));
        assertTrue(noBias.getMessage().contains("has no bias"), noBias.getMessage());
    }

    @Test
    void theInputsAreBounded() throws IOException {
        StringBuilder sb = new StringBuilder();
        int columns = FeatureSchema.MAX_INPUTS / FeatureSchema.MAX_CATEGORIES + 1;
        for (int c = 0; c < columns; c++) {
            sb.append("c").append(c).append(',');
        }
        sb.append("y\n");
        for (int r = 0; r < FeatureSchema.MAX_CATEGORIES; r++) {
            for (int c = 0; c < columns; c++) {
                sb.append('v').append(r).append(',');
            }
            sb.append(r % 2).append('\n');
        }
        Path wide = file("wide.csv", sb.toString());
        assertEquals("the 101 feature columns make 101000 inputs (one per category of a text column), more than the 100000 a"
                + " model may have; drop columns with many categories", error(Tabular.reader(), wide));
    }
}
