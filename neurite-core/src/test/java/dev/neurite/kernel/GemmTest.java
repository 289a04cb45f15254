package dev.neurite.kernel;

import dev.neurite.tensor.Matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.TestData;
import org.junit.jupiter.api.Test;

class GemmTest {
    private static void assertClose(Matrix expected, Matrix actual, int k) {
        assertEquals(expected.shape(), actual.shape());
        for (int i = 0; i < expected.size(); i++) {
            float e = expected.data()[i], a = actual.data()[i];
            // float accumulation over k terms of magnitude ≤ 1: error grows like k·ulp
            assertEquals(e, a, 1e-6 * k + 1e-6 * Math.abs(e), "element " + i + " with k=" + k);
        }
    }

    private static void checkAllForms(int m, int k, int n, long seed) {
        Matrix A = TestData.uniform(m, k, -1, 1, seed);
        Matrix B = TestData.uniform(k, n, -1, 1, seed + 1);
        Matrix expected = Matrix.zeros(m, n), actual = Matrix.zeros(m, n).fill(Float.NaN);
        NaiveGemm.mult(A, B, expected);
        Gemm.mult(A, B, actual);
        assertClose(expected, actual, k);

        Matrix At = TestData.uniform(k, m, -1, 1, seed + 2);       // (k,m): C = Aᵀ·B
        NaiveGemm.multTransA(At, B, expected);
        actual.fill(Float.NaN);
        Gemm.multTransA(At, B, actual);
        assertClose(expected, actual, k);

        Matrix Bt = TestData.uniform(n, k, -1, 1, seed + 3);       // (n,k): C = A·Bᵀ
        NaiveGemm.multTransB(A, Bt, expected);
        actual.fill(Float.NaN);
        Gemm.multTransB(A, Bt, actual);
        assertClose(expected, actual, k);
    }

    @Test
    void allFormsMatchNaiveTwinOnEverySmallShape() {
        for (int m = 1; m <= 17; m++) {
            for (int k = 1; k <= 17; k++) {
                for (int n = 1; n <= 17; n++) {
                    checkAllForms(m, k, n, m * 10_000L + k * 100L + n);
                }
            }
        }
    }

    @Test
    void allFormsMatchNaiveTwinOnTheSeedNetworkShapes() {
        checkAllForms(50, 784, 30, 1);   // forward and dW of the first layer
        checkAllForms(50, 30, 10, 2);    // the output layer
        checkAllForms(128, 300, 97, 3);  // odd sizes
    }

    /** The same values in arrays of exactly rows·cols floats: no slack for the kernels to read or write past. */
    private static Matrix exact(Matrix m) {
        return Matrix.wrap(java.util.Arrays.copyOf(m.data(), m.size()), m.rows(), m.cols());
    }

    @Test
    void matricesWithoutSlackGiveTheSameResult() {
        for (int[] s : new int[][] {{1, 1, 1}, {9, 13, 30}, {17, 5, 17}, {50, 784, 30}, {8, 3, 40}, {33, 20, 97}}) {
            int m = s[0], k = s[1], n = s[2];
            Matrix A = TestData.uniform(m, k, -1, 1, 1), B = TestData.uniform(k, n, -1, 1, 2);
            Matrix expected = Matrix.zeros(m, n), actual = exact(Matrix.zeros(m, n));
            NaiveGemm.mult(A, B, expected);
            Gemm.mult(exact(A), exact(B), actual);
            assertClose(expected, actual, k);
            Matrix At = TestData.uniform(k, m, -1, 1, 3);
            NaiveGemm.multTransA(At, B, expected);
            Gemm.multTransA(exact(At), exact(B), actual);
            assertClose(expected, actual, k);
        }
    }

    @Test
    void sparseInputsGiveTheSameResult() {
        Matrix A = TestData.uniform(9, 13, -1, 1, 7);
        for (int i = 0; i < A.size(); i += 2) {
            A.data()[i] = 0f; // zeros take the skip path
        }
        Matrix B = TestData.uniform(13, 5, -1, 1, 8);
        Matrix e = Matrix.zeros(9, 5), a = Matrix.zeros(9, 5);
        NaiveGemm.mult(A, B, e);
        Gemm.mult(A, B, a);
        assertClose(e, a, 13);
    }

    @Test
    void zeroSizedInnerDimensionGivesZeros() {
        Matrix A = Matrix.zeros(3, 0), B = Matrix.zeros(0, 4), C = Matrix.zeros(3, 4).fill(5f);
        Gemm.mult(A, B, C);
        for (int i = 0; i < C.size(); i++) {
            assertEquals(0f, C.data()[i]);
        }
        Matrix empty = Matrix.zeros(0, 4);
        Gemm.mult(Matrix.zeros(0, 2), Matrix.zeros(2, 4), empty); // no rows: nothing to do, no error
    }

    /** One of the three forms, with or without a pool. */
    @FunctionalInterface
    private interface Form {
        void run(Matrix A, Matrix B, Matrix C);
    }

    private static final String[] FORM_NAMES = {"mult", "multTransA", "multTransB"};

    private static Form[] forms(Parallelism par) {
        return new Form[] {(A, B, C) -> Gemm.mult(A, B, C, par), (A, B, C) -> Gemm.multTransA(A, B, C, par),
                (A, B, C) -> Gemm.multTransB(A, B, C, par)};
    }

    @Test
    void zeroSizedShapesWorkInEveryForm() {
        int[] sizes = {0, 1, 3, 40, 300};
        try (Parallelism two = Parallelism.of(2)) {
            for (int m : sizes) {
                for (int k : sizes) {
                    for (int n : sizes) {
                        if (m != 0 && k != 0 && n != 0) {
                            continue;
                        }
                        // A and B in each form's layout: mult (m,k)·(k,n), multTransA (k,m)ᵀ·(k,n), multTransB (m,k)·(n,k)ᵀ
                        Matrix[][] operands = {{Matrix.zeros(m, k), Matrix.zeros(k, n)},
                                {Matrix.zeros(k, m), Matrix.zeros(k, n)}, {Matrix.zeros(m, k), Matrix.zeros(n, k)}};
                        for (Parallelism par : new Parallelism[] {Parallelism.SERIAL, two}) {
                            Form[] forms = forms(par);
                            for (int f = 0; f < 3; f++) {
                                Matrix C = Matrix.zeros(m, n).fill(Float.NaN);
                                forms[f].run(operands[f][0], operands[f][1], C);
                                for (int i = 0; i < C.size(); i++) {
                                    assertEquals(0f, C.data()[i], FORM_NAMES[f] + " " + m + "x" + k + "x" + n
                                            + ": a sum of no terms is 0, element " + i);
                                }
                            }
                        }
                        Matrix C = Matrix.zeros(m, n).fill(Float.NaN);
                        NaiveGemm.multTransB(operands[2][0], operands[2][1], C);
                        assertEquals(-1, java.util.stream.IntStream.range(0, C.size()).filter(i -> C.data()[i] != 0f)
                                .findFirst().orElse(-1), "the naive twin on " + m + "x" + k + "x" + n);
                    }
                }
            }
        }
    }

    @Test
    void everyFormRejectsAnOutputThatSharesAnInputsArray() {
        Matrix A = TestData.uniform(4, 4, -1, 1, 1), B = TestData.uniform(4, 4, -1, 1, 2);
        Matrix sameArrayAsA = Matrix.wrap(A.data(), 4, 4);
        try (Parallelism two = Parallelism.of(2)) {
            for (Parallelism par : new Parallelism[] {Parallelism.SERIAL, two}) {
                Form[] forms = forms(par);
                for (int f = 0; f < 3; f++) {
                    Form form = forms[f];
                    String op = FORM_NAMES[f];
                    Matrix before = A.copy();
                    var e = assertThrows(IllegalArgumentException.class, () -> form.run(A, B, A));
                    assertEquals(op + ": C (4, 4) shares its array with A (the same matrix); the product would"
                            + " overwrite its own input; pass a separate output matrix", e.getMessage());
                    e = assertThrows(IllegalArgumentException.class, () -> form.run(A, B, B));
                    assertTrue(e.getMessage().startsWith(op + ": C (4, 4) shares its array with B (the same matrix)"), e.getMessage());
                    e = assertThrows(IllegalArgumentException.class, () -> form.run(A, B, sameArrayAsA));
                    assertTrue(e.getMessage().startsWith(op + ": C (4, 4) shares its array with A;"), e.getMessage());
                    e = assertThrows(IllegalArgumentException.class, () -> form.run(A, A, A));
                    assertTrue(e.getMessage().startsWith(op + ": C (4, 4) shares its array with A and B"), e.getMessage());
                    assertTrue(A.contentEquals(before), op + " left A as it was");
                }
            }
        }
        Form[] naive = {NaiveGemm::mult, NaiveGemm::multTransA, NaiveGemm::multTransB};
        for (int f = 0; f < 3; f++) {
            Form form = naive[f];
            assertThrows(IllegalArgumentException.class, () -> form.run(A, B, A), "the naive " + FORM_NAMES[f]);
        }
    }

    @Test
    void oneMatrixMayBeBothInputs() {
        Matrix A = TestData.uniform(5, 5, -1, 1, 3);
        Form[] naive = {NaiveGemm::mult, NaiveGemm::multTransA, NaiveGemm::multTransB};
        Form[] fast = forms(Parallelism.SERIAL);
        for (int f = 0; f < 3; f++) {
            Matrix expected = Matrix.zeros(5, 5), actual = Matrix.zeros(5, 5);
            naive[f].run(A, A, expected);
            fast[f].run(A, A, actual);
            assertClose(expected, actual, 5);
        }
    }

    @Test
    void badShapesAreRejectedNamingThem() {
        Matrix A = Matrix.zeros(2, 3), B = Matrix.zeros(4, 5), C = Matrix.zeros(2, 5);
        var e = assertThrows(IllegalArgumentException.class, () -> Gemm.mult(A, B, C));
        assertEquals("mult: shapes do not fit: A (2, 3), B (4, 5), C (2, 5)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Gemm.multTransA(A, B, C));
        assertThrows(IllegalArgumentException.class, () -> Gemm.multTransB(A, B, C));
    }

    @Test
    void goldenProduct() {
        Matrix A = Matrix.of(new double[][] {{1, 2}, {3, 4}});
        Matrix B = Matrix.of(new double[][] {{5, 6, 7}, {8, 9, 10}});
        Matrix C = Matrix.zeros(2, 3);
        Gemm.mult(A, B, C);
        assertEquals("Matrix(2, 3)[[21.0, 24.0, 27.0], [47.0, 54.0, 61.0]]", C.toString());
    }
}
