package dev.neurite.kernel;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.TestData;
import dev.neurite.tensor.Matrix;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A product with a fused bias and ReLU gives the bits of the product followed by the separate passes
 * ({@link Kernels#addRowVector}, {@link Kernels#relu}), on every path {@link Gemm#mult} can take (one row,
 * the unpacked and packed dense kernels, sparse tiles in place and through panels) and on 1–3 threads.
 */
class EpilogueTest {

    /** A with zero rows, −0s, some NaN, and, when asked, mostly zeros (to take the sparse-tile path). */
    private static Matrix input(int m, int k, boolean sparse, long seed) {
        Matrix A = TestData.uniform(m, k, -1, 1, seed);
        java.util.Random r = new java.util.Random(seed);
        float[] a = A.data();
        for (int i = 0; i < a.length; i++) {
            if ((sparse && r.nextDouble() < 0.8) || (i / k) % 9 == 4) {
                a[i] = r.nextBoolean() ? 0f : -0f;
            }
        }
        if (m > 2 && k > 2) {
            a[2 * k + 1] = Float.NaN;               // a NaN input stays NaN through the bias and the ReLU
        }
        return A;
    }

    /** Biases with −0, +0 and values that cancel a row of zeros to an exact zero. */
    private static float[] bias(int n, long seed) {
        float[] b = TestData.uniform(1, n + 3, -1, 1, seed).data();
        b[0] = -0f;
        if (n > 1) {
            b[1] = 0f;
        }
        return b;                                   // longer than n: only the first n values are read
    }

    private static float[] reference(Matrix A, Matrix B, float[] bias, boolean relu) {
        Matrix C = Matrix.zeros(A.rows(), B.cols());
        Gemm.mult(A, B, C);
        if (bias != null) {
            Kernels.addRowVector(C, bias);
        }
        if (relu) {
            Kernels.relu(C.data(), C.data(), C.size());
        }
        return C.data();
    }

    private static void check(int m, int k, int n, boolean sparse, long seed) {
        Matrix A = input(m, k, sparse, seed), B = TestData.uniform(k, n, -1, 1, seed + 1);
        for (float[] bias : new float[][] {null, bias(n, seed + 2)}) {
            for (boolean relu : new boolean[] {false, true}) {
                float[] expected = reference(A, B, bias, relu);
                for (int threads = 1; threads <= 3; threads++) {
                    try (Parallelism par = Parallelism.of(threads)) {
                        Matrix C = Matrix.zeros(m, n).fill(Float.NaN);
                        Gemm.mult(A, B, C, par, Epilogue.of(bias, relu));
                        String what = m + "x" + k + "x" + n + (sparse ? " sparse" : "") + (bias != null ? " +bias" : "")
                                + (relu ? " relu" : "") + " on " + threads + " threads";
                        assertTrue(Arrays.equals(expected, C.data()), what + ": fused bits differ from the separate passes");
                    }
                }
            }
        }
    }

    @Test
    void everyPathGivesTheSeparatePassesBits() {
        for (int m : new int[] {1, 2, 7, 13}) {
            for (int n : new int[] {1, 10, 17, 64, 131}) {
                check(m, 30, n, false, m * 100L + n);          // one row, and the unpacked kernel
                check(m, 100, n, true, m * 100L + n + 7);
            }
        }
        check(50, 300, 300, false, 1);          // packed, with partial tiles on both edges
        check(64, 784, 1024 + 5, false, 2);     // packed over several blocks of p, split by columns
        check(130, 784, 1024 + 3, true, 3);     // sparse tiles through panels, rows and columns left over
        check(100, 784, 128 + 9, true, 4);      // sparse tiles in place
    }

    @Test
    void aShortBiasIsRefused() {
        Matrix A = Matrix.zeros(3, 4), B = Matrix.zeros(4, 5), C = Matrix.zeros(3, 5);
        var e = assertThrows(IllegalArgumentException.class, () -> Gemm.mult(A, B, C, Parallelism.SERIAL, Epilogue.of(new float[4], false)));
        assertTrue(e.getMessage().contains("bias has 4 values, C has 5 columns"), e.getMessage());
    }
}
