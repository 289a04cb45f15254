package dev.neurite.tensor;

import java.util.Arrays;

/**
 * The three matrix products of a dense layer, each overwriting its output {@code C}.
 *
 * <pre>
 *   mult:        C = A·B     A: (m,k)  B: (k,n)  → C: (m,n)    forward      z = x·W
 *   multTransA:  C = Aᵀ·B    A: (k,m)  B: (k,n)  → C: (m,n)    weight grad  dW = xᵀ·dZ
 *   multTransB:  C = A·Bᵀ    A: (m,k)  B: (n,k)  → C: (m,n)    input grad   dX = dZ·Wᵀ
 * </pre>
 *
 * <p>Loops are ordered so that the innermost one walks contiguous memory in both its operands, and
 * every output element is accumulated over {@code k} in increasing order, so results do not depend
 * on how the work is later split. {@link NaiveGemm} is the textbook twin the tests compare against.
 */
public final class Gemm {
    private Gemm() {}

    /** {@code C = A·B}. */
    public static void mult(Matrix A, Matrix B, Matrix C) {
        int m = A.rows(), k = A.cols(), n = B.cols();
        checkShapes("mult", B.rows() == k && C.rows() == m && C.cols() == n, A, B, C);
        float[] a = A.data(), b = B.data(), c = C.data();
        Arrays.fill(c, 0, m * n, 0f);
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            int ai = i * k;
            for (int p = 0; p < k; p++) {
                float aip = a[ai + p];
                if (aip == 0f) {
                    continue; // inputs such as MNIST pixels and ReLU outputs are mostly zero
                }
                int bp = p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }

    /** {@code C = Aᵀ·B}. */
    public static void multTransA(Matrix A, Matrix B, Matrix C) {
        int k = A.rows(), m = A.cols(), n = B.cols();
        checkShapes("multTransA", B.rows() == k && C.rows() == m && C.cols() == n, A, B, C);
        float[] a = A.data(), b = B.data(), c = C.data();
        Arrays.fill(c, 0, m * n, 0f);
        for (int p = 0; p < k; p++) {
            int ap = p * m;
            int bp = p * n;
            for (int i = 0; i < m; i++) {
                float api = a[ap + i];
                if (api == 0f) {
                    continue;
                }
                int ci = i * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += api * b[bp + j];
                }
            }
        }
    }

    /** {@code C = A·Bᵀ}. */
    public static void multTransB(Matrix A, Matrix B, Matrix C) {
        int m = A.rows(), k = A.cols(), n = B.rows();
        checkShapes("multTransB", B.cols() == k && C.rows() == m && C.cols() == n, A, B, C);
        float[] a = A.data(), b = B.data(), c = C.data();
        for (int i = 0; i < m; i++) {
            int ai = i * k;
            int ci = i * n;
            for (int j = 0; j < n; j++) {
                int bj = j * k;
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    sum += a[ai + p] * b[bj + p];
                }
                c[ci + j] = sum;
            }
        }
    }

    static void checkShapes(String op, boolean ok, Matrix A, Matrix B, Matrix C) {
        if (!ok) {
            throw new IllegalArgumentException(op + ": shapes do not fit: A " + A.shape() + ", B " + B.shape()
                    + ", C " + C.shape());
        }
    }
}
