package dev.neurite.kernel;

import java.util.Arrays;

/**
 * The three products in plain Java, for when the Vector API is not loaded. Each computes rows
 * {@code [i0, i1)} of C; every element is one sum over p in increasing order, whatever the split.
 */
final class ScalarGemm {
    private ScalarGemm() {}

    /** Rows [i0, i1) of C = A·B, A: (m,k), B: (k,n). */
    static void mult(float[] a, float[] b, float[] c, int k, int n, int i0, int i1) {
        Arrays.fill(c, i0 * n, i1 * n, 0f);
        for (int i = i0; i < i1; i++) {
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

    /** Rows [i0, i1) of C = Aᵀ·B, A: (k,m), B: (k,n). */
    static void multTransA(float[] a, float[] b, float[] c, int k, int m, int n, int i0, int i1) {
        Arrays.fill(c, i0 * n, i1 * n, 0f);
        for (int p = 0; p < k; p++) {
            int ap = p * m;
            int bp = p * n;
            for (int i = i0; i < i1; i++) {
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

    /** Rows [i0, i1) of C = A·Bᵀ, A: (m,k), B: (n,k). */
    static void multTransB(float[] a, float[] b, float[] c, int k, int n, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
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
}
