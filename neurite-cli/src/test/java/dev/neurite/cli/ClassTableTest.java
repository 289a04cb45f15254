package dev.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The per-class table against scikit-learn 1.2.1's classification_report (tools/sklearn/classification_report_golden.py). */
class ClassTableTest {
    private static final int[] Y_TRUE = {0, 2, 1, 2, 0, 3, 0, 0, 0, 1, 0, 0, 0, 2, 2, 2, 3, 2, 1, 2, 3, 1, 0, 1, 2, 2, 0, 1, 0, 1, 3, 2, 2,
        0, 2, 0, 0, 0, 2, 1, 0, 0, 2, 3, 0, 2, 3, 3, 2, 2, 2, 0, 2, 2, 0, 1, 3, 3, 0, 0};
    private static final int[] Y_PRED = {2, 0, 1, 2, 0, 4, 0, 0, 0, 1, 0, 0, 0, 2, 1, 2, 4, 2, 1, 2, 4, 1, 0, 2, 0, 2, 0, 1, 4, 1, 0, 1, 1,
        0, 1, 0, 0, 0, 2, 1, 4, 0, 1, 4, 0, 4, 4, 4, 2, 2, 1, 4, 2, 1, 0, 1, 4, 4, 0, 0};
    /** precision, recall, f1-score, support per class, as scikit-learn printed them. */
    private static final double[][] PER_CLASS = {
        {0.8571428571428571, 0.8181818181818182, 0.8372093023255814, 22},
        {0.5333333333333333, 0.8888888888888888, 0.6666666666666667, 9},
        {0.8333333333333334, 0.5, 0.625, 20},
        {0.0, 0.0, 0.0, 9},
        {0.0, 0.0, 0.0, 0}};
    private static final double ACCURACY = 0.6;
    private static final double[] MACRO = {0.4447619047619048, 0.4414141414141414, 0.42577519379844964};
    private static final double[] WEIGHTED = {0.6720634920634921, 0.6, 0.6153100775193799};

    private static long[][] confusion() {
        long[][] c = new long[5][5];
        for (int i = 0; i < Y_TRUE.length; i++) {
            c[Y_TRUE[i]][Y_PRED[i]]++;
        }
        return c;
    }

    @Test
    void matchesScikitLearnsClassificationReport() {
        ClassTable t = new ClassTable(confusion());
        for (int c = 0; c < 5; c++) {
            assertEquals(PER_CLASS[c][0], t.precision[c], 1e-15, "precision of " + c);
            assertEquals(PER_CLASS[c][1], t.recall[c], 1e-15, "recall of " + c);
            assertEquals(PER_CLASS[c][2], t.f1[c], 1e-15, "f1 of " + c);
            assertEquals((long) PER_CLASS[c][3], t.support[c], "support of " + c);
        }
        assertEquals(ACCURACY, t.accuracy, 1e-15);
        assertEquals(MACRO[0], ClassTable.macro(t.precision), 1e-15);
        assertEquals(MACRO[1], ClassTable.macro(t.recall), 1e-15);
        assertEquals(MACRO[2], ClassTable.macro(t.f1), 1e-15);
        assertEquals(WEIGHTED[0], t.weighted(t.precision), 1e-15);
        assertEquals(WEIGHTED[1], t.weighted(t.recall), 1e-15);
        assertEquals(WEIGHTED[2], t.weighted(t.f1), 1e-15);
    }

    @Test
    void theHtmlTablePrintsTheSameFiguresRowByRow() {
        String html = new ClassTable(confusion()).html(List.of("a", "b", "c", "d", "e"), "test");
        double[][] expected = {PER_CLASS[0], PER_CLASS[1], PER_CLASS[2], PER_CLASS[3], PER_CLASS[4],
            {MACRO[0], MACRO[1], MACRO[2], 60}, {WEIGHTED[0], WEIGHTED[1], WEIGHTED[2], 60}};
        String[] rows = {"a", "b", "c", "d", "e", "macro avg", "weighted avg"};
        for (int i = 0; i < rows.length; i++) {
            Matcher m = Pattern.compile("<tr data-class=\"" + rows[i] + "\"[^>]*><th>[^<]*</th><td>([0-9.]+)</td><td>([0-9.]+)</td>"
                    + "<td>([0-9.]+)</td><td>(\\d+)</td></tr>").matcher(html);
            assertTrue(m.find(), rows[i] + " in " + html);
            for (int j = 0; j < 3; j++) {
                assertEquals(expected[i][j], Double.parseDouble(m.group(j + 1)), 5e-5, rows[i] + " column " + j);
            }
            assertEquals((long) expected[i][3], Long.parseLong(m.group(4)));
        }
        assertTrue(html.contains("<tr data-class=\"accuracy\"><th>accuracy</th><td></td><td></td><td>0.6000</td><td>60</td></tr>"), html);
        assertTrue(html.contains("<tr data-class=\"d\" class=\"worst\">"), "the first class with the lowest F1 is marked: " + html);
    }
}
