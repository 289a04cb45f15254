package dev.neurite.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.tensor.Matrix;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ClassMetrics and Ranking against scikit-learn's values on the same predictions
 * (sklearn-metrics.txt, written by tools/metrics_golden.py), and small cases checked by hand.
 */
class ClassMetricsTest {
    private record Case(String name, int classes, int[] truth, int[] predicted, Matrix p, Map<String, Double> expected) {}

    @Test
    void everyFigureMatchesScikitLearnOnTheGoldenCases() throws IOException {
        List<Case> cases = golden();
        assertEquals(6, cases.size());
        for (Case c : cases) {
            Map<String, Double> got = ClassMetrics.of(c.truth, c.predicted, c.p, c.classes).all();
            assertEquals(c.expected.keySet(), got.keySet(), c.name);
            for (Map.Entry<String, Double> e : c.expected.entrySet()) {
                double want = e.getValue(), have = got.get(e.getKey());
                if (Double.isNaN(want)) {
                    assertTrue(Double.isNaN(have), c.name + " " + e.getKey() + " should be undefined, was " + have);
                } else {
                    assertEquals(want, have, 1e-12 * Math.max(1, Math.abs(want)), c.name + " " + e.getKey());
                }
            }
        }
    }

    @Test
    void tiesBetweenAPositiveAndANegativeCountHalf() {
        boolean[] pos = {true, false, true, false};
        assertEquals(0.5, Ranking.rocAuc(new double[] {0.5, 0.5, 0.5, 0.5}, pos), 0);
        // 0.9+ ; 0.4+ tied with 0.4-; 0.1- : pairs (0.9+,0.4-)=1 (0.9+,0.1-)=1 (0.4+,0.4-)=½ (0.4+,0.1-)=1 → 3.5/4
        assertEquals(0.875, Ranking.rocAuc(new double[] {0.9, 0.4, 0.4, 0.1}, pos), 1e-15);
        // AP: threshold 0.9: R ½, P 1; threshold 0.4: R 1, P 2/3 → ½·1 + ½·⅔
        assertEquals(0.5 + 1.0 / 3, Ranking.averagePrecision(new double[] {0.9, 0.4, 0.4, 0.1}, pos), 1e-15);
        assertTrue(Double.isNaN(Ranking.rocAuc(new double[] {0.1, 0.2}, new boolean[] {true, true})));
        assertTrue(Double.isNaN(Ranking.averagePrecision(new double[] {0.1, 0.2}, new boolean[] {false, false})));
    }

    @Test
    void aClassNeverPredictedHasPrecisionZeroInTheMacroMean() {
        // truth 0 0 1 2, predicted 0 0 1 1: P = (1, ½, 0), R = (1, 1, 0), F1 = (1, ⅔, 0)
        Matrix p = Matrix.of(new double[][] {{0.8, 0.1, 0.1}, {0.7, 0.2, 0.1}, {0.1, 0.8, 0.1}, {0.2, 0.5, 0.3}});
        ClassMetrics m = ClassMetrics.of(new int[] {0, 0, 1, 2}, new int[] {0, 0, 1, 1}, p, 3);
        assertEquals(0.5, m.precisionMacro(), 1e-15);
        assertEquals(2.0 / 3, m.recallMacro(), 1e-15);
        assertEquals((1 + 2.0 / 3) / 3, m.f1Macro(), 1e-15);
        assertEquals((2 * 1 + 0.5 + 0) / 4, m.precisionWeighted(), 1e-15);
        assertEquals(0.75, m.recallWeighted(), 1e-15);
        assertEquals(1.0, m.topK(2), 0);   // class 2's 0.3 is second in its row
        assertTrue(m.all().containsKey("top_2_accuracy"));
        assertFalse(m.all().containsKey("top_5_accuracy"), "top-5 is shown only with more than five classes");
    }

    @Test
    void topKBreaksTiesTowardsTheHigherClassAsScikitLearnDoes() {
        Matrix p = Matrix.of(new double[][] {{0.25, 0.25, 0.25, 0.25}});
        assertEquals(0.0, ClassMetrics.of(new int[] {0}, new int[] {0}, p, 4).topK(3), 0);
        assertEquals(1.0, ClassMetrics.of(new int[] {1}, new int[] {0}, p, 4).topK(3), 0);
    }

    @Test
    void badInputsAreRefusedNamingTheValue() {
        Matrix p = Matrix.of(new double[][] {{0.5, 0.5}});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClassMetrics.of(new int[] {2}, new int[] {0}, p, 2))
                .getMessage().contains("was 2"));
        Matrix nan = Matrix.of(new double[][] {{Double.NaN, 0.5}});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClassMetrics.of(new int[] {0}, new int[] {0}, nan, 2))
                .getMessage().contains("NaN"));
        assertThrows(IllegalArgumentException.class, () -> ClassMetrics.of(new int[] {0}, new int[] {0}, p, 3));
    }

    private static List<Case> golden() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                ClassMetricsTest.class.getResourceAsStream("sklearn-metrics.txt"), StandardCharsets.UTF_8))) {
            String name = null;
            int classes = 0;
            int[] truth = null, predicted = null;
            List<double[]> rows = new ArrayList<>();
            Map<String, Double> expected = new LinkedHashMap<>();
            for (String line = r.readLine(); ; line = r.readLine()) {
                if (line == null || line.startsWith("case ")) {
                    if (name != null) {
                        cases.add(new Case(name, classes, truth, predicted, Matrix.of(rows.toArray(new double[0][])), expected));
                    }
                    if (line == null) {
                        return cases;
                    }
                    String[] f = line.split(" ");
                    name = f[1];
                    classes = Integer.parseInt(f[2]);
                    rows = new ArrayList<>();
                    expected = new LinkedHashMap<>();
                    continue;
                }
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "truth" -> truth = ints(f);
                    case "predicted" -> predicted = ints(f);
                    case "p" -> {
                        double[] row = new double[f.length - 1];
                        for (int i = 1; i < f.length; i++) {
                            row[i - 1] = Float.parseFloat(f[i]);
                        }
                        rows.add(row);
                    }
                    case "expect" -> expected.put(f[1], f[2].equals("nan") ? Double.NaN : Double.parseDouble(f[2]));
                    default -> { }
                }
            }
        }
    }

    private static int[] ints(String[] f) {
        int[] v = new int[f.length - 1];
        for (int i = 1; i < f.length; i++) {
            v[i - 1] = Integer.parseInt(f[i]);
        }
        return v;
    }
}
