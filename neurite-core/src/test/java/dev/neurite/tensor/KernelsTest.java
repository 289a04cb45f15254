package dev.neurite.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.TestData;
import org.junit.jupiter.api.Test;

class KernelsTest {
    @Test
    void softmaxRowsSumToOneEvenForHugeLogits() {
        Matrix z = TestData.uniform(7, 10, -50, 50, 1);
        z.set(0, 3, 1e4f);
        z.set(1, 0, -1e4f);
        z.set(2, 2, Float.MAX_VALUE);
        Matrix a = Matrix.zeros(7, 10);
        Kernels.softmaxRows(z, a);
        for (int r = 0; r < 7; r++) {
            double sum = 0;
            for (int c = 0; c < 10; c++) {
                assertTrue(Float.isFinite(a.get(r, c)) && a.get(r, c) >= 0);
                sum += a.get(r, c);
            }
            assertEquals(1.0, sum, 1e-6, "row " + r);
        }
        assertEquals(1f, a.get(0, 3));
    }

    @Test
    void softmaxGolden() {
        Matrix z = Matrix.of(new double[][] {{2.0, -1.0, 0.5}, {0.1, 0.2, 0.3}});
        Matrix a = Matrix.zeros(2, 3);
        Kernels.softmaxRows(z, a);
        float[] expected = {0.7855970345892759f, 0.039112573270687456f, 0.1752903921400367f,
            0.3006096053557273f, 0.3322249935333473f, 0.3671654011109255f}; // golden.py
        for (int i = 0; i < 6; i++) {
            assertEquals(expected[i], a.data()[i], 1e-7);
        }
    }

    @Test
    void sigmoidIsFiniteAndExactAtTheExtremes() {
        assertEquals(1f, Kernels.sigmoid(1e4f));
        assertEquals(0f, Kernels.sigmoid(-1e4f));
        assertEquals(0.5f, Kernels.sigmoid(0f));
        assertEquals(0.7310585786f, Kernels.sigmoid(1f), 1e-7);
        assertEquals(1.0 - 0.7310585786, Kernels.sigmoid(-1f), 1e-7);
    }

    @Test
    void biasAndColumnSums() {
        Matrix z = Matrix.of(new double[][] {{1, 2}, {3, 4}, {5, 6}});
        Kernels.addRowVector(z, new float[] {10, 20});
        assertArrayEquals(new float[] {11, 22, 13, 24, 15, 26}, java.util.Arrays.copyOf(z.data(), 6));
        float[] sums = {99, 99};
        Kernels.columnSums(z, sums);
        assertArrayEquals(new float[] {39, 72}, sums);
        assertEquals(1, Kernels.argmaxRow(Matrix.of(new double[][] {{0, 3, 3, 1}}), 0)); // first on ties
    }
}
