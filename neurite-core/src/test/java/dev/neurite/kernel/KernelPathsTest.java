package dev.neurite.kernel;

import dev.neurite.tensor.Matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.TestData;
import java.util.Arrays;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every kernel path called directly, whatever {@link Gemm} would choose for the shape, against the naive
 * twin: the broadcast kernel (its wide tiles and its narrow right-edge tiles), the packed panels (stored
 * directly and transposed), the dot-product kernel, the transposed-B path of a narrow {@code A·Bᵀ}, the
 * single sparse row, and the scalar loops; over every shape 1..17 each way and the seed network's real
 * ones. Paths that promise the broadcast kernel's bits are also compared bit for bit. The small shapes
 * run first: they get the vector kernels compiled before the large products run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KernelPathsTest {
    private static final int[] BATCHES = {1, 50, 64, 128};
    private static final int[][] LAYERS = {{784, 30}, {30, 10}, {784, 1024}};

    private static void assertClose(Matrix expected, float[] actual, int k, String what) {
        for (int i = 0; i < expected.size(); i++) {
            float e = expected.data()[i], a = actual[i];
            // float accumulation over k terms of magnitude ≤ 1: error grows like k·ulp
            if (!(Math.abs(e - a) <= 1e-6 * k + 1e-6 * Math.abs(e))) {
                assertEquals(e, a, 1e-6 * k + 1e-6 * Math.abs(e), what + ": element " + i + " with k=" + k);
            }
        }
    }

    private static void assertSameBits(float[] expected, float[] actual, int size, String what) {
        assertTrue(Arrays.equals(expected, 0, size, actual, 0, size), what);
    }

    /** A transposed copy: (r, c) → (c, r). */
    private static Matrix transpose(Matrix M) {
        Matrix T = Matrix.zeros(M.cols(), M.rows());
        for (int r = 0; r < M.rows(); r++) {
            for (int c = 0; c < M.cols(); c++) {
                T.data()[c * M.rows() + r] = M.data()[r * M.cols() + c];
            }
        }
        return T;
    }

    /**
     * The naive twin of every form as {@code X·Yᵀ}, X: (m,k), Y: (n,k), so that its loops read both operands
     * in memory order (the textbook {@code A·B} walks B's columns, one cache miss per step on 784×1024):
     * the same double sums over p in the same order as {@link NaiveGemm#mult} and {@link NaiveGemm#multTransA}.
     */
    private static Matrix naive(Matrix X, Matrix Y) {
        Matrix C = Matrix.zeros(X.rows(), Y.rows());
        NaiveGemm.multTransB(X, Y, C);
        return C;
    }

    private static float[] nan(int m, int n) {
        return Matrix.zeros(m, n).fill(Float.NaN).data();
    }

    private static void checkMult(int m, int k, int n, long seed) {
        String what = "mult " + m + "x" + k + "x" + n;
        Matrix A = TestData.uniform(m, k, -1, 1, seed), B = TestData.uniform(k, n, -1, 1, seed + 1);
        Matrix naive = naive(A, transpose(B));
        float[] a = A.data(), b = B.data();
        float[] broadcast = nan(m, n);
        VectorGemm.broadcast(a, k, 1, b, broadcast, k, n, 0, m, m);
        assertClose(naive, broadcast, k, what + " broadcast");
        float[] packed = nan(m, n);
        PackedGemm.product(Parallelism.SERIAL, a, k, 1, b, n, 1, packed, n, false, m, k, n, Epilogue.NONE);
        assertClose(naive, packed, k, what + " packed");
        assertSameBits(broadcast, packed, m * n, what + ": packed gives the broadcast kernel's bits");
        float[] scalar = nan(m, n);
        ScalarGemm.mult(a, b, scalar, k, n, 0, m);
        assertClose(naive, scalar, k, what + " scalar");
        Matrix gemm = Matrix.zeros(m, n).fill(Float.NaN);
        Gemm.mult(A, B, gemm);
        assertClose(naive, gemm.data(), k, what + " Gemm");
    }

    private static void checkMultTransA(int m, int k, int n, long seed) {
        String what = "multTransA " + m + "x" + k + "x" + n;
        Matrix At = TestData.uniform(k, m, -1, 1, seed), B = TestData.uniform(k, n, -1, 1, seed + 1);
        Matrix naive = naive(transpose(At), transpose(B));
        float[] a = At.data(), b = B.data();
        float[] broadcast = nan(m, n);
        VectorGemm.broadcast(a, 1, m, b, broadcast, k, n, 0, m, m);
        assertClose(naive, broadcast, k, what + " broadcast");
        float[] packed = nan(m, n);
        PackedGemm.product(Parallelism.SERIAL, a, 1, m, b, n, 1, packed, n, false, m, k, n, Epilogue.NONE);
        assertClose(naive, packed, k, what + " packed");
        assertSameBits(broadcast, packed, m * n, what + ": packed gives the broadcast kernel's bits");
        float[] scalar = nan(m, n);
        ScalarGemm.multTransA(a, b, scalar, k, m, n, 0, m);
        assertClose(naive, scalar, k, what + " scalar");
        Matrix gemm = Matrix.zeros(m, n).fill(Float.NaN);
        Gemm.multTransA(At, B, gemm);
        assertClose(naive, gemm.data(), k, what + " Gemm");
    }

    private static void checkMultTransB(int m, int k, int n, long seed) {
        String what = "multTransB " + m + "x" + k + "x" + n;
        Matrix A = TestData.uniform(m, k, -1, 1, seed), Bt = TestData.uniform(n, k, -1, 1, seed + 1);
        Matrix naive = naive(A, Bt);
        float[] a = A.data(), b = Bt.data();
        float[] dot = nan(m, n);
        VectorDot.dot(a, b, dot, k, n, 0, m);
        assertClose(naive, dot, k, what + " dot");
        float[] transposed = nan(m, n), broadcast = nan(m, n);
        Gemm.transposedTransB(Parallelism.SERIAL, a, b, transposed, m, k, n);
        assertClose(naive, transposed, k, what + " transposed B (workspace)");
        float[] bt = Matrix.zeros(k, n).data();
        for (int j = 0; j < n; j++) {
            for (int p = 0; p < k; p++) {
                bt[p * n + j] = b[j * k + p];
            }
        }
        VectorGemm.broadcast(a, k, 1, bt, broadcast, k, n, 0, m, m);
        assertSameBits(broadcast, transposed, m * n, what + ": the transposed-B path is the broadcast kernel on Bᵀ");
        float[] packed = nan(m, n), packedT = nan(m, n);
        PackedGemm.product(Parallelism.SERIAL, a, k, 1, b, 1, k, packed, n, false, m, k, n, Epilogue.NONE);
        assertClose(naive, packed, k, what + " packed");
        PackedGemm.product(Parallelism.SERIAL, b, k, 1, a, 1, k, packedT, n, true, n, k, m, Epilogue.NONE);
        assertClose(naive, packedT, k, what + " packed, stored transposed");
        float[] scalar = nan(m, n);
        ScalarGemm.multTransB(a, b, scalar, k, n, 0, m);
        assertClose(naive, scalar, k, what + " scalar");
        Matrix gemm = Matrix.zeros(m, n).fill(Float.NaN);
        Gemm.multTransB(A, Bt, gemm);
        assertClose(naive, gemm.data(), k, what + " Gemm");
    }

    /** One row with every other input zero (or all of them, or none): the sparse path gives the dense bits. */
    private static void checkSparseRow(int k, int n, long seed) {
        for (int zeroEvery : new int[] {1, 2, 5, Integer.MAX_VALUE}) {
            String what = "sparse row 1x" + k + "x" + n + ", zero every " + zeroEvery;
            Matrix x = TestData.uniform(1, k, -1, 1, seed);
            for (int p = 0; p < k; p++) {
                if (p % zeroEvery == 0 && zeroEvery != Integer.MAX_VALUE) {
                    x.data()[p] = 0f;
                }
            }
            Matrix W = TestData.uniform(k, n, -1, 1, seed + 1), naive = Matrix.zeros(1, n);
            NaiveGemm.mult(x, W, naive);
            float[] sparse = nan(1, n), dense = nan(1, n);
            VectorRow.sparseRow(x.data(), W.data(), sparse, k, n, new int[k]);
            assertClose(naive, sparse, k, what);
            VectorGemm.broadcast(x.data(), k, 1, W.data(), dense, k, n, 0, 1, 1);
            assertSameBits(dense, sparse, n, what + ": the dense kernel's bits");
        }
    }

    /** A with about {@code zeros} of its entries zero, and some whole rows and columns of zeros (as in MNIST). */
    private static Matrix sparse(int rows, int cols, double zeros, long seed) {
        Matrix A = TestData.uniform(rows, cols, -1, 1, seed);
        java.util.Random r = new java.util.Random(seed);
        for (int i = 0; i < A.size(); i++) {
            if (r.nextDouble() < zeros || (i / cols) % 7 == 3 || (i % cols) % 5 == 1) {
                A.data()[i] = r.nextBoolean() ? 0f : -0f;
            }
        }
        return A;
    }

    /** The sparse-tile kernel gives the broadcast kernel's bits, on one thread and split over two and three. */
    private static void checkSparseTiles(int m, int k, int n, long seed) {
        String what = "sparse tiles " + m + "x" + k + "x" + n;
        Matrix A = sparse(m, k, 0.8, seed), B = TestData.uniform(k, n, -1, 1, seed + 1);
        float[] dense = nan(m, n), tiles = nan(m, n), chunks = nan(m, n);
        VectorGemm.broadcast(A.data(), k, 1, B.data(), dense, k, n, 0, m, m);
        SparseTiles.mult(Parallelism.SERIAL, A.data(), B.data(), tiles, m, k, n, Epilogue.NONE);
        assertSameBits(dense, tiles, m * n, what);
        for (int threads : new int[] {2, 3}) {
            try (Parallelism par = Parallelism.of(threads)) {
                java.util.Arrays.fill(chunks, Float.NaN);
                SparseTiles.mult(par, A.data(), B.data(), chunks, m, k, n, Epilogue.NONE);
                assertSameBits(dense, chunks, m * n, what + " on " + threads + " threads");
            }
        }
        Matrix gemm = Matrix.zeros(m, n).fill(Float.NaN);
        Gemm.mult(A, B, gemm);
        assertSameBits(dense, gemm.data(), m * n, what + " through Gemm.mult");
    }

    /** The sparse weight-gradient kernel ({@code Aᵀ·B}) gives the broadcast kernel's bits, on one thread and two and three. */
    private static void checkSparseTransA(int m, int k, int n, long seed) {
        String what = "sparse tiles Aᵀ·B " + m + "x" + k + "x" + n;
        Matrix At = sparse(k, m, 0.8, seed), B = TestData.uniform(k, n, -1, 1, seed + 1);
        if (m * k > 40) {
            At.data()[(k / 2) * m + m / 3] = Float.NaN;               // a NaN is not skipped
        }
        float[] dense = nan(m, n), chunks = nan(m, n);
        VectorGemm.broadcast(At.data(), 1, m, B.data(), dense, k, n, 0, m, m);
        for (int threads = 1; threads <= 3; threads++) {
            try (Parallelism par = Parallelism.of(threads)) {
                Arrays.fill(chunks, Float.NaN);
                SparseGradient.multTransA(par, At.data(), B.data(), chunks, m, k, n);
                assertSameBits(dense, chunks, m * n, what + " on " + threads + " threads");
            }
        }
        Matrix gemm = Matrix.zeros(m, n).fill(Float.NaN);
        Gemm.multTransA(At, B, gemm);
        assertSameBits(dense, gemm.data(), m * n, what + " through Gemm.multTransA");
    }

    @Test
    @Order(3)
    void theSparseWeightGradientKernelGivesTheDenseBits() {
        int block = SparseTiles.BLOCK;
        for (int m : new int[] {1, 5, 6, 7, 12, 13, 50}) {
            for (int k : new int[] {1, 7, 30, 128}) {
                for (int n : new int[] {block / 2, block, block + 3, 2 * block + block / 2}) {
                    checkSparseTransA(m, k, n, m * 1000L + k * 10L + n);
                }
            }
        }
        checkSparseTransA(784, 128, 1024, 8);       // the wide net's first weight gradient
        checkSparseTransA(1027, 100, 1024 + 5, 9);  // rows and columns left over
    }

    @Test
    @Order(3)
    void theSparseTileKernelGivesTheDenseBits() {
        int block = SparseTiles.BLOCK;
        for (int m : new int[] {2, 5, 6, 7, 12, 13, 17, 50, 64, 128}) {
            for (int k : new int[] {1, 7, 30, 128}) {
                for (int n : new int[] {block, block + 3, 2 * block + block / 2}) {
                    checkSparseTiles(m, k, n, m * 1000L + k * 10L + n);
                }
            }
        }
        checkSparseTiles(128, 784, 1024, 5);        // the wide net's first layer
        checkSparseTiles(1000, 784, 128, 6);        // batch-1000 inference of 784-128-10
        checkSparseTiles(130, 784, 1024 + 3, 7);    // panels split by columns, with rows and columns left over
        assertTrue(SparseTiles.worthIt(sparse(64, 784, 0.8, 1).data(), 64 * 784, 128), "MNIST-like input takes the sparse path");
        assertTrue(!SparseTiles.worthIt(sparse(64, 784, 0.3, 1).data(), 64 * 784, 128), "a dense input does not");
        assertTrue(!SparseTiles.worthIt(sparse(64, 784, 0.8, 1).data(), 64 * 784, 30), "nor a layer narrower than a tile");
    }

    @Test
    @Order(1)
    void everyPathMatchesTheNaiveTwinOnEverySmallShape() {
        for (int m = 1; m <= 17; m++) {
            for (int k = 1; k <= 17; k++) {
                for (int n = 1; n <= 17; n++) {
                    long seed = m * 10_000L + k * 100L + n;
                    checkMult(m, k, n, seed);
                    checkMultTransA(m, k, n, seed + 2);
                    checkMultTransB(m, k, n, seed + 4);
                }
            }
        }
        for (int k = 1; k <= 17; k++) {
            for (int n = 1; n <= 17; n++) {
                checkSparseRow(k, n, k * 100L + n);
            }
        }
        for (int n : new int[] {127, 128, 129, 143, 144, 145, 256, 300}) {   // eight vectors at a time, then one
            checkSparseRow(37, n, 1000L + n);
        }
    }

    @Test
    @Order(2)
    void everyPathMatchesTheNaiveTwinOnTheSeedNetworkShapes() {
        for (int[] layer : LAYERS) {
            int in = layer[0], out = layer[1];
            for (int batch : BATCHES) {
                checkMult(batch, in, out, batch + in);               // forward       z = x·W
                checkMultTransA(in, batch, out, batch + out);        // weight grad   dW = xᵀ·dZ
                checkMultTransB(batch, out, in, batch + in + out);   // input grad    dX = dZ·Wᵀ
            }
            checkSparseRow(in, out, in + out);                       // one example at inference
        }
    }

    @Test
    void theNarrowOutputLayerTakesTheTransposedPathAndWideLayersDoNot() {
        assertTrue(Gemm.narrowTransB(10), "dX = dZ·Wᵀ of a 10-class output layer");
        assertTrue(Gemm.narrowTransB(1));
        assertTrue(!Gemm.narrowTransB(1024), "dX of a 1024-unit layer uses vectors along k");
    }
}
