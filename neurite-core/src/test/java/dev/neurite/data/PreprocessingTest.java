package dev.neurite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.neurite.TestData;
import dev.neurite.tensor.Matrix;
import org.junit.jupiter.api.Test;

class PreprocessingTest {
    @Test
    void minMaxIsFittedOnTrainingDataAndAppliedAlike() {
        Matrix train = Matrix.of(new double[][] {{0, 10, 5}, {2, 20, 5}, {4, 30, 5}});
        Normalization n = Normalization.fitMinMax(train);
        Matrix test = Matrix.of(new double[][] {{6, 15, 7}});
        n.applyInPlace(train);
        n.applyInPlace(test);
        assertEquals(1f, train.get(2, 0));
        assertEquals(0.5f, train.get(1, 1));
        assertEquals(0f, train.get(0, 2), "a constant feature maps to 0, not NaN");
        assertEquals(1.5f, test.get(0, 0), "test data is scaled with the training min and max");
        assertEquals(0.25f, test.get(0, 1));
        assertEquals(2f, test.get(0, 2));
    }

    @Test
    void standardisationGivesZeroMeanUnitVariance() {
        Matrix x = TestData.uniform(1000, 3, 5, 9, 1);
        Normalization.fitStandard(x).applyInPlace(x);
        for (int c = 0; c < 3; c++) {
            double sum = 0, sq = 0;
            for (int r = 0; r < 1000; r++) {
                sum += x.get(r, c);
                sq += x.get(r, c) * x.get(r, c);
            }
            assertEquals(0, sum / 1000, 1e-5);
            assertEquals(1, sq / 1000, 1e-4);
        }
        assertEquals("normalization must be one of none, min-max, standard, was 'log'",
                assertThrows(IllegalArgumentException.class, () -> NormalizationKind.parse("log")).getMessage());
        assertEquals(NormalizationKind.MIN_MAX, NormalizationKind.parse("min-max"));
        assertThrows(IllegalArgumentException.class, () -> Normalization.none(2).applyInPlace(Matrix.zeros(1, 3)));
    }

    @Test
    void stratifiedSplitKeepsClassProportions() {
        int[] labels = new int[1000];
        for (int i = 0; i < 1000; i++) {
            labels[i] = i < 900 ? 0 : 1;
        }
        Dataset d = Dataset.classification(TestData.uniform(1000, 2, 0, 1, 1), labels, 2);
        Split s = Split.of(d, 0.2, 7, true);
        assertEquals(800, s.train().size());
        assertEquals(200, s.validation().size());
        int ones = 0;
        for (int l : s.validation().labels()) {
            ones += l;
        }
        assertEquals(20, ones);
        assertTrue(s.validation().x().contentEquals(Split.of(d, 0.2, 7, true).validation().x()), "same seed, same split");
        assertFalse(s.validation().x().contentEquals(Split.of(d, 0.2, 8, true).validation().x()), "another seed, another split");
        assertEquals(200, Split.of(d, 0.2, 7, false).validation().size());
        assertThrows(IllegalArgumentException.class, () -> Split.of(d, 1.0, 7, true));
        assertThrows(IllegalArgumentException.class, () -> Split.of(d, 0.0001, 7, false));
    }
}
