package dev.neurite.kernel;

import dev.neurite.tensor.Rng;

import dev.neurite.tensor.Matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.TestData;
import org.junit.jupiter.api.Test;

class KernelsTest {
    @Test
    void softmaxSplitOverThreadsGivesTheSameBits() {
        Matrix z = dev.neurite.TestData.uniform(1000, 10, -30, 30, 3), serial = Matrix.zeros(1000, 10);
        Kernels.softmaxRows(z, serial);
        for (int threads = 2; threads <= 3; threads++) {
            try (Parallelism par = Parallelism.of(threads)) {
                Matrix split = Matrix.zeros(1000, 10);
                Kernels.softmaxRows(z, split, par);
                org.junit.jupiter.api.Assertions.assertArrayEquals(serial.data(), split.data(), threads + " threads");
            }
        }
    }

    @Test
    void reluBackwardPassesGradientsWhereTheOutputIsPositiveOnEverySplit() {
        int n = 1000;
        float[] g = TestData.uniform(1, n, -1, 1, 5).data(), y = TestData.uniform(1, n, -1, 1, 6).data();
        y[3] = 0f;
        y[4] = -0f;
        y[5] = Float.NaN;
        y[6] = Float.MIN_VALUE;
        float[] d = new float[n], leaky = new float[n];
        for (int from = 0, step = 1; from < n; from += step, step = step % 37 + 5) {
            Kernels.reluBackward(g, y, d, from, Math.min(n, from + step));
            Kernels.leakyReluBackward(g, y, leaky, 0.01f, from, Math.min(n, from + step));
        }
        for (int i = 0; i < n; i++) {
            assertEquals(y[i] > 0f ? g[i] : 0f, d[i], "relu " + i);
            assertEquals(y[i] > 0f ? g[i] : 0.01f * g[i], leaky[i], "leaky relu " + i);
        }
        assertEquals(g[6], d[6]);
        assertEquals(0f, d[5]);
    }

    @Test
    void dropoutMaskIsRngUniformAtLaneForLaneOnEverySplit() {
        int n = 5000;
        float[] x = TestData.uniform(1, n, -1, 1, 3).data();
        long key = 0x1234_5678_9ABCL;
        for (float rate : new float[] {0.2f, 0.5f, 0.9f}) {
            float keep = 1f / (1f - rate);
            float[] mask = new float[n], out = new float[n];
            // uneven pieces: vector bodies starting anywhere, scalar tails of every length
            for (int from = 0, step = 1; from < n; from += step, step = step % 37 + 5) {
                Kernels.dropout(x, mask, out, key, rate, keep, from, Math.min(n, from + step));
            }
            int dropped = 0;
            for (int i = 0; i < n; i++) {
                float expected = Rng.uniformAt(key, i) >= rate ? keep : 0f;
                assertEquals(expected, mask[i], "mask " + i + " at rate " + rate);
                assertEquals(x[i] * expected, out[i], "output " + i);
                dropped += mask[i] == 0f ? 1 : 0;
            }
            assertEquals(rate, dropped / (double) n, 0.03, "share dropped at rate " + rate);
        }
    }

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
