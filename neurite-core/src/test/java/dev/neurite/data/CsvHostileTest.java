package dev.neurite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV files that used to be read wrongly without a word: numeric headers, Java-only numbers, other separators. */
class CsvHostileTest {
    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        Path f = dir.resolve("data.csv");
        Files.writeString(f, content);
        return f;
    }

    private String error(String content) throws IOException {
        Path f = file(content);
        String message = assertThrows(DataFileException.class, () -> Csv.reader().read(f)).getMessage();
        assertTrue(message.startsWith(f + ": "), message);
        return message.substring(f.toString().length() + 2);
    }

    @Test
    void scikitLearnsIrisFirstLineIsNotAHeader() throws IOException {
        assertEquals("line 1: '150,4,setosa,versicolor,virginica' has numbers where column names belong (columns 1, 2);"
                        + " the file needs a header row naming the columns, e.g. 'f1,f2,label'. Add one (or replace a line"
                        + " of counts, as scikit-learn's iris.csv has) and run again",
                error("150,4,setosa,versicolor,virginica\n5.1,3.5,1.4,0.2,0\n4.9,3.0,1.4,0.2,0\n"));
        assertTrue(error("1,2,3\n4,5,6\n").contains("(columns 1, 2, 3)"));
        Path f = file("1,2\n3,4\n");
        assertTrue(assertThrows(DataFileException.class, () -> Csv.readFeatures(f)).getMessage().contains("needs a header row"));
    }

    @Test
    void aLabelWithAControlCharacterIsRefusedNotMadeANewClass() throws IOException {
        String m = error("a,b,y\n1,2,0\n3,4,1\n5,6,1\u0000\n");
        assertTrue(m.startsWith("line 4, column 3 ('y'): the label"), m);
        assertTrue(m.contains("control character"), m);
    }

    @Test
    void fractionalNumericLabelsArePointedToRegression() throws IOException {
        String m = error("a,y\n1,0.5\n2,1.25\n3,2\n");
        assertTrue(m.startsWith("line 2, column 2 ('y'): the label '0.5' is a fractional number"), m);
        assertTrue(m.contains("--regression"), m);
        Path ints = file("a,y\n1,0\n2,1\n3,2\n");
        assertEquals(3, Csv.reader().read(ints).numClasses());                  // whole numbers stay classes
        Path mixed = file("a,y\n1,cat\n2,1.5\n");
        assertEquals(2, Csv.reader().read(mixed).numClasses());                 // text among them: names
    }

    @Test
    void onlyPlainDecimalNumbersAreNumbers() throws IOException {
        for (String cell : new String[] {"1f", "1.5d", "0x1p3", "1\u0000", "\u00001", "1_000", "1e", "."}) {
            assertEquals("line 2, column 1 ('a'): " + CsvSyntax.shorten(cell) + " is not a number",
                    error("a,y\n" + cell + ",x\n"), cell);
        }
        assertEquals("line 2, column 1 ('a'): '1\\u0000' is not a number",
                error("a,y\n1\u0000,x\n"));
        Dataset d = Csv.reader().read(file("a,b,c,d,y\n-1.5, +2 ,.5,3e-2,x\n1.,2E1,0,7,z\n"));
        assertEquals(-1.5f, d.x().get(0, 0));
        assertEquals(2f, d.x().get(0, 1));
        assertEquals(0.03f, d.x().get(0, 3));
        assertEquals(20f, d.x().get(1, 1));
    }

    @Test
    void aHugeCellIsNotEchoedWhole() throws IOException {
        String huge = "x".repeat(1_000_000);
        String message = error("a,y\n" + huge + ",x\n");
        assertEquals("line 2, column 1 ('a'): '" + "x".repeat(40) + "'… (1000000 characters) is not a number", message);
        assertTrue(error(huge + ",y\n1,2,x\n").length() < 200);
        Path f = file("a,y\n1,r\n");
        String unknown = assertThrows(DataFileException.class,
                () -> Csv.reader().classNames(java.util.List.of(huge, "q")).read(f)).getMessage();
        assertTrue(unknown.length() < 300, () -> unknown.substring(0, 300));
        Path g = file("a,y\n1,p\n");
        String noColumn = assertThrows(DataFileException.class, () -> Csv.reader().label(huge).read(g)).getMessage();
        assertTrue(noColumn.length() < 300, () -> noColumn.substring(0, 300));
    }

    @Test
    void aSemicolonSeparatedFileIsToldToUseCommas() throws IOException {
        assertEquals("line 1: 'a;b;y' is one column: cells must be separated by commas, this file seems to use ';'."
                + " Save it with ',' as the separator", error("a;b;y\n1;2;x\n"));
        assertTrue(error("a\tb\ty\n1\t2\tx\n").contains("this file seems to use '\\t'"));
        assertEquals("line 1: the header 'y' names one column, but a labelled file needs at least one feature column and"
                + " a label column, separated by commas", error("y\n1\n"));
    }
}
