package dev.neurite.kernel;

import dev.neurite.tensor.Matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.TestData;
import dev.neurite.kernel.Gemm.Form;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The packed kernels on shapes that reach each of their branches: partial row panels and column panels,
 * several blocks of p with a short last one, several column blocks, A packed (Aᵀ·B) or read in place,
 * and A·Bᵀ stored directly or transposed.
 */
class PackedGemmTest {
    private static void assertClose(Matrix expected, Matrix actual, int k, String what) {
        for (int i = 0; i < expected.size(); i++) {
            float e = expected.data()[i], a = actual.data()[i];
            assertEquals(e, a, 1e-6 * k + 1e-6 * Math.abs(e), what + ": element " + i);
        }
    }

    private static Matrix exact(Matrix m) {
        return Matrix.wrap(Arrays.copyOf(m.data(), m.size()), m.rows(), m.cols());
    }

    @Test
    void multMatchesTheNaiveTwinAndTheUnpackedKernelBitForBit() {
        // partial row panels and a 44-column edge; 3 blocks of p; two column blocks (n > 1024); 257 steps
        for (int[] s : new int[][] {{100, 600, 300}, {300, 256, 1100}, {32, 257, 256}}) {
            int m = s[0], k = s[1], n = s[2];
            String what = "mult " + Arrays.toString(s);
            assertTrue(Gemm.packed(Form.MULT, m, k, n), what + " takes the packed path");
            Matrix A = TestData.uniform(m, k, -1, 1, 11), B = TestData.uniform(k, n, -1, 1, 12);
            Matrix naive = Matrix.zeros(m, n), packed = Matrix.zeros(m, n).fill(Float.NaN), unpacked = Matrix.zeros(m, n);
            NaiveGemm.mult(A, B, naive);
            Gemm.mult(A, B, packed);
            assertClose(naive, packed, k, what);
            VectorGemm.broadcast(A.data(), k, 1, B.data(), unpacked.data(), k, n, 0, m, m);
            assertTrue(unpacked.contentEquals(packed), what + ": same bits as the unpacked kernel");
            Matrix tight = exact(Matrix.zeros(m, n));
            Gemm.mult(exact(A), exact(B), tight);
            assertTrue(Arrays.equals(packed.data(), 0, m * n, tight.data(), 0, m * n), what + " without slack");
        }
    }

    @Test
    void multTransAMatchesTheNaiveTwinAndTheUnpackedKernelBitForBit() {
        for (int[] s : new int[][] {{530, 70, 515}, {512, 300, 700}}) {
            int m = s[0], k = s[1], n = s[2];
            String what = "multTransA " + Arrays.toString(s);
            assertTrue(Gemm.packed(Form.TRANS_A, m, k, n), what + " takes the packed path");
            Matrix At = TestData.uniform(k, m, -1, 1, 13), B = TestData.uniform(k, n, -1, 1, 14);
            Matrix naive = Matrix.zeros(m, n), packed = Matrix.zeros(m, n).fill(Float.NaN), unpacked = Matrix.zeros(m, n);
            NaiveGemm.multTransA(At, B, naive);
            Gemm.multTransA(At, B, packed);
            assertClose(naive, packed, k, what);
            VectorGemm.broadcast(At.data(), 1, m, B.data(), unpacked.data(), k, n, 0, m, m);
            assertTrue(unpacked.contentEquals(packed), what + ": same bits as the unpacked kernel");
            Matrix tight = exact(Matrix.zeros(m, n));
            Gemm.multTransA(exact(At), exact(B), tight);
            assertTrue(Arrays.equals(packed.data(), 0, m * n, tight.data(), 0, m * n), what + " without slack");
        }
    }

    @Test
    void multTransBMatchesTheNaiveTwinStoredDirectlyOrTransposed() {
        // m < n: C is computed transposed (k = 1100: two blocks of p; 300 columns of Cᵀ: two column blocks);
        // m ≥ n: B is transposed into panels; 50×30 with 784 outputs: the first layer's dX of the seed network
        for (int[] s : new int[][] {{60, 1100, 200}, {300, 100, 700}, {300, 500, 200}, {50, 30, 784}}) {
            int m = s[0], k = s[1], n = s[2];
            String what = "multTransB " + Arrays.toString(s);
            assertTrue(Gemm.packed(Form.TRANS_B, m, k, n), what + " takes the packed path");
            Matrix A = TestData.uniform(m, k, -1, 1, 15), Bt = TestData.uniform(n, k, -1, 1, 16);
            Matrix naive = Matrix.zeros(m, n), packed = Matrix.zeros(m, n).fill(Float.NaN);
            NaiveGemm.multTransB(A, Bt, naive);
            Gemm.multTransB(A, Bt, packed);
            assertClose(naive, packed, k, what);
            Matrix tight = exact(Matrix.zeros(m, n));
            Gemm.multTransB(exact(A), exact(Bt), tight);
            assertTrue(Arrays.equals(packed.data(), 0, m * n, tight.data(), 0, m * n), what + " without slack");
        }
    }

    @Test
    void smallAndNarrowProductsStayUnpacked() {
        assertTrue(!Gemm.packed(Form.MULT, 50, 784, 30), "the seed network's first layer");
        assertTrue(!Gemm.packed(Form.MULT, 1, 784, 1024), "a single example");
        assertTrue(!Gemm.packed(Form.TRANS_A, 784, 50, 30), "the seed network's weight gradient");
        assertTrue(!Gemm.packed(Form.TRANS_A, 600, 0, 600), "no steps: the unpacked kernels write the zeros");
    }

    @Test
    void randomShapesPastTheThresholdsMatchTheNaiveTwinOnAnyThreadCount() {
        java.util.Random r = new java.util.Random(42);
        try (Parallelism two = Parallelism.of(2)) {
            for (int t = 0; t < 6; t++) {
                int m = 48 + r.nextInt(500), k = 1 + r.nextInt(600), n = 128 + r.nextInt(500);
                String what = "shape " + m + "x" + k + "x" + n;
                Matrix A = TestData.uniform(m, k, -1, 1, t), B = TestData.uniform(k, n, -1, 1, t + 100);
                Matrix At = TestData.uniform(k, m, -1, 1, t + 200), Bt = TestData.uniform(n, k, -1, 1, t + 300);
                Matrix naive = Matrix.zeros(m, n), one = Matrix.zeros(m, n), other = Matrix.zeros(m, n);
                NaiveGemm.mult(A, B, naive);
                Gemm.mult(A, B, one);
                Gemm.mult(A, B, other, two);
                assertClose(naive, one, k, "mult " + what);
                assertTrue(one.contentEquals(other), "mult " + what + " on two threads");
                NaiveGemm.multTransA(At, B, naive);
                Gemm.multTransA(At, B, one);
                Gemm.multTransA(At, B, other, two);
                assertClose(naive, one, k, "multTransA " + what);
                assertTrue(one.contentEquals(other), "multTransA " + what + " on two threads");
                NaiveGemm.multTransB(A, Bt, naive);
                Gemm.multTransB(A, Bt, one);
                Gemm.multTransB(A, Bt, other, two);
                assertClose(naive, one, k, "multTransB " + what);
                assertTrue(one.contentEquals(other), "multTransB " + what + " on two threads");
            }
        }
    }
}
