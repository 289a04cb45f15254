package dev.neurite.kernel;

import dev.neurite.tensor.Matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.TestData;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The scalar fallback against the naive twin, and every path split over threads against itself on one. */
class ParallelGemmTest {
    @Test
    void theTestJvmRunsTheVectorKernels() {
        // surefire passes --add-modules jdk.incubator.vector, as the launcher does
        assertTrue(Gemm.vectorized(), Gemm.path());
        assertTrue(Gemm.path().startsWith("vector ("), Gemm.path());
    }

    @Test
    void scalarFallbackMatchesNaiveTwin() {
        for (int[] s : new int[][] {{1, 1, 1}, {3, 7, 5}, {17, 16, 15}, {50, 784, 30}, {9, 33, 70}}) {
            int m = s[0], k = s[1], n = s[2];
            Matrix A = TestData.uniform(m, k, -1, 1, 1), B = TestData.uniform(k, n, -1, 1, 2);
            Matrix At = TestData.uniform(k, m, -1, 1, 3), Bt = TestData.uniform(n, k, -1, 1, 4);
            Matrix e = Matrix.zeros(m, n), c = Matrix.zeros(m, n);
            NaiveGemm.mult(A, B, e);
            ScalarGemm.mult(A.data(), B.data(), c.data(), k, n, 0, m);
            assertArrayEquals(e.data(), c.data(), 1e-5f * k);
            NaiveGemm.multTransA(At, B, e);
            ScalarGemm.multTransA(At.data(), B.data(), c.data(), k, m, n, 0, m);
            assertArrayEquals(e.data(), c.data(), 1e-5f * k);
            NaiveGemm.multTransB(A, Bt, e);
            ScalarGemm.multTransB(A.data(), Bt.data(), c.data(), k, n, 0, m);
            assertArrayEquals(e.data(), c.data(), 1e-5f * k);
        }
    }

    @Test
    void resultsAreBitIdenticalForAnyThreadCount() {
        // the first, third and last go through PackedGemm in one form or more
        int[][] shapes = {{128, 784, 1024}, {130, 300, 97}, {1024, 128, 1024}, {301, 1024, 10}, {700, 300, 600}};
        try (Parallelism two = Parallelism.of(2); Parallelism three = Parallelism.of(3)) {
            for (int[] s : shapes) {
                int m = s[0], k = s[1], n = s[2];
                Matrix A = TestData.uniform(m, k, -1, 1, 5), B = TestData.uniform(k, n, -1, 1, 6);
                Matrix At = TestData.uniform(k, m, -1, 1, 7), Bt = TestData.uniform(n, k, -1, 1, 8);
                Matrix one = Matrix.zeros(m, n), other = Matrix.zeros(m, n);
                for (Parallelism p : new Parallelism[] {two, three}) {
                    Gemm.mult(A, B, one);
                    Gemm.mult(A, B, other, p);
                    assertTrue(one.contentEquals(other), "mult " + java.util.Arrays.toString(s) + " on " + p.threads());
                    Gemm.multTransA(At, B, one);
                    Gemm.multTransA(At, B, other, p);
                    assertTrue(one.contentEquals(other), "multTransA " + java.util.Arrays.toString(s));
                    Gemm.multTransB(A, Bt, one);
                    Gemm.multTransB(A, Bt, other, p);
                    assertTrue(one.contentEquals(other), "multTransB " + java.util.Arrays.toString(s));
                }
                Matrix naive = Matrix.zeros(m, n);
                NaiveGemm.mult(A, B, naive);
                Gemm.mult(A, B, other, two);
                assertArrayEquals(naive.data(), other.data(), 1e-5f * k);
            }
        }
    }

    @Test
    void aSingleSparseRowGivesTheDenseBits() {
        for (int n : new int[] {128, 130, 10, 1024, 256}) {
            int k = 784;
            Matrix x = TestData.uniform(1, k, 0, 1, n);
            for (int p = 0; p < k; p++) {
                if (p % 5 != 0) {
                    x.data()[p] = 0f;                       // MNIST-like: four in five inputs are zero
                }
            }
            Matrix W = TestData.uniform(k, n, -1, 1, 2), dense = Matrix.zeros(1, n), sparse = Matrix.zeros(1, n);
            VectorGemm.broadcast(x.data(), k, 1, W.data(), dense.data(), k, n, 0, 1, 1);
            Gemm.mult(x, W, sparse);                        // one row: the sparse path
            assertTrue(dense.contentEquals(sparse), "n = " + n);
            Matrix naive = Matrix.zeros(1, n);
            NaiveGemm.mult(x, W, naive);
            assertArrayEquals(naive.data(), sparse.data(), 1e-4f);
        }
    }

    @Test
    void poolRunsEveryChunkOnceAndReportsFailures() {
        try (Parallelism p = Parallelism.of(2)) {
            for (int round = 0; round < 200; round++) {
                AtomicIntegerArray seen = new AtomicIntegerArray(37);
                p.run(37, seen::incrementAndGet);
                for (int c = 0; c < 37; c++) {
                    assertEquals(1, seen.get(c), "round " + round + " chunk " + c);
                }
            }
            var e = assertThrows(IllegalStateException.class, () -> p.run(4, c -> {
                if (c == 2) {
                    throw new IllegalStateException("chunk 2 failed");
                }
            }));
            assertEquals("chunk 2 failed", e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Parallelism.of(0));
        assertEquals(1, Parallelism.of(1).threads());
    }
}
