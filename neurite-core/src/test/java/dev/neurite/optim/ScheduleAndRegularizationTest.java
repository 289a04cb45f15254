package dev.neurite.optim;

import static dev.neurite.check.GradientCheckTest.assertGradientsMatch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.TestData;
import dev.neurite.layer.Param;
import dev.neurite.loss.Loss;
import dev.neurite.model.Network;
import dev.neurite.tensor.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleAndRegularizationTest {
    @Test
    void seedDecayCompoundsAsTheSeedsLoop() {
        double[] expected = {0.1, 0.09900990099009901, 0.09706853038245002, 0.09424129163344662, 0.09061662657062175,
            0.08630154911487785}; // golden.py
        LearningRateSchedule s = LearningRateSchedule.seedDecay(0.01);
        for (int e = 0; e < expected.length; e++) {
            assertEquals(expected[e], s.rate(0.1, e), 1e-15);
        }
    }

    @Test
    void otherSchedules() {
        double[] cosine = {0.1, 0.09757729755661011, 0.0905463412215599, 0.07959536998847742, 0.0657963412215599, 0.0505};
        for (int e = 0; e < cosine.length; e++) {
            assertEquals(cosine[e], LearningRateSchedule.cosine(10, 0.001).rate(0.1, e), 1e-15);
        }
        assertEquals(0.001, LearningRateSchedule.cosine(10, 0.001).rate(0.1, 25), 1e-15);
        assertEquals(0.1 / 1.5, LearningRateSchedule.inverseTime(0.1).rate(0.1, 5), 1e-15);
        assertEquals(0.1, LearningRateSchedule.step(3, 0.5).rate(0.1, 2), 1e-15);
        assertEquals(0.05, LearningRateSchedule.step(3, 0.5).rate(0.1, 3), 1e-15);
        assertEquals(0.025, LearningRateSchedule.step(3, 0.5).rate(0.1, 7), 1e-15);
        assertEquals(0.1 * Math.pow(0.9, 4), LearningRateSchedule.exponential(0.9).rate(0.1, 4), 1e-15);
        assertEquals(0.1, LearningRateSchedule.constant().rate(0.1, 99));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.seedDecay(-1));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.step(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant().rate(0.1, -1));
    }

    @Test
    void penaltiesTouchWeightsNotBiases() {
        Param w = new Param("w", Matrix.of(new double[][] {{1, -2}, {0.5, 0}}), Matrix.zeros(2, 2), true);
        Param b = new Param("b", Matrix.of(new double[][] {{10, -10}}), Matrix.zeros(1, 2), false);
        Regularization r = new Regularization(0.1, 0.2, 0);
        assertEquals(0.1 * 3.5 + 0.1 * 5.25, r.penalty(List.of(w, b)), 1e-12);
        r.addGradients(List.of(w, b));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {0.3f, -0.5f, 0.2f, 0f}, java.util.Arrays.copyOf(w.grad().data(), 4), 1e-7f);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {0f, 0f}, java.util.Arrays.copyOf(b.grad().data(), 2));
    }

    @Test
    void l1AndL2GradientsMatchNumeric() {
        Matrix x = TestData.uniform(5, 4, -1, 1, 1), y = TestData.uniform(5, 2, -1, 1, 2);
        assertGradientsMatch(Network.of("4-5tanh-2", 3), Loss.meanSquaredError(), new Regularization(0, 0.3, 0), x, y);
        assertGradientsMatch(Network.of("4-5tanh-2", 3), Loss.meanSquaredError(), new Regularization(0.05, 0, 0), x, y);
    }

    @Test
    void maxNormRescalesEachUnitsIncomingWeights() {
        Param w = new Param("w", Matrix.of(new double[][] {{3, 0.1}, {4, 0.2}}), Matrix.zeros(2, 2), true);
        new Regularization(0, 0, 2).applyConstraints(List.of(w));
        assertEquals(1.2f, w.value().get(0, 0), 1e-6);   // column (3,4) had norm 5 → norm 2
        assertEquals(1.6f, w.value().get(1, 0), 1e-6);
        assertEquals(0.1f, w.value().get(0, 1));         // under the bound: untouched
        assertEquals("maxNorm must be >= 0 and finite, was -1.0",
                assertThrows(IllegalArgumentException.class, () -> new Regularization(0, 0, -1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Regularization(Double.NaN, 0, 0));
    }

    @Test
    void maxNormGivesTheBitsOfTheColumnByColumnDefinition() {
        Matrix m = TestData.uniform(300, 200, -0.3, 0.3, 9);     // column norms around 3: some over the bound
        float[] expected = java.util.Arrays.copyOf(m.data(), 300 * 200);
        int rows = 300, cols = 200, rescaled = 0;
        for (int c = 0; c < cols; c++) {
            double sq = 0;
            for (int r = 0; r < rows; r++) {
                sq += (double) expected[r * cols + c] * expected[r * cols + c];
            }
            double norm = Math.sqrt(sq);
            if (norm > 3.0) {
                rescaled++;
                float scale = (float) (3.0 / norm);
                for (int r = 0; r < rows; r++) {
                    expected[r * cols + c] *= scale;
                }
            }
        }
        Param w = new Param("w", m, Matrix.zeros(rows, cols), true);
        new Regularization(0, 0, 3).applyConstraints(List.of(w));
        assertTrue(rescaled > 20 && rescaled < 180, rescaled + " columns over the bound");
        assertArrayEquals(expected, java.util.Arrays.copyOf(w.value().data(), rows * cols));
    }
}
