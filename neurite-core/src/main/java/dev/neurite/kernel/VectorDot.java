package dev.neurite.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code C = A·Bᵀ} on the Vector API: 4×4 tiles of dot products with vectors along k, lanes reduced at
 * the end and the k tail added in scalar FMAs. Every element is computed the same way in a tile or at an
 * edge, so any split of rows between threads gives the same bits.
 */
final class VectorDot {
    private static final VectorSpecies<Float> S = VectorGemm.S;
    private static final int L = S.length();
    private static final int MR = 4;

    private VectorDot() {}

    /** Rows {@code [i0, i1)} of {@code C = A·Bᵀ}, A: (m,k), B: (n,k), C: (m,n), overwritten. */
    static void dot(float[] a, float[] b, float[] c, int k, int n, int i0, int i1) {
        int kv = k - k % L;
        for (int j = 0; j < n; j += 4) {
            int i = i0;
            if (j + 4 <= n) {
                for (; i + MR <= i1; i += MR) {
                    dot4x4(a, b, c, k, kv, n, i, j);
                }
            }
            for (; i < i1; i++) {
                for (int jj = j; jj < Math.min(j + 4, n); jj++) {
                    c[i * n + jj] = dot1(a, i * k, b, jj * k, k, kv);
                }
            }
        }
    }

    private static float dot1(float[] a, int ao, float[] b, int bo, int k, int kv) {
        FloatVector acc = FloatVector.zero(S);
        for (int p = 0; p < kv; p += L) {
            acc = FloatVector.fromArray(S, a, ao + p).fma(FloatVector.fromArray(S, b, bo + p), acc);
        }
        return tail(acc.reduceLanes(VectorOperators.ADD), a, ao, b, bo, k, kv);
    }

    private static float tail(float sum, float[] a, int ao, float[] b, int bo, int k, int kv) {
        for (int p = kv; p < k; p++) {
            sum = Math.fma(a[ao + p], b[bo + p], sum);
        }
        return sum;
    }

    private static void dot4x4(float[] a, float[] b, float[] c, int k, int kv, int n, int i, int j) {
        FloatVector s00 = FloatVector.zero(S), s01 = s00, s02 = s00, s03 = s00;
        FloatVector s10 = s00, s11 = s00, s12 = s00, s13 = s00;
        FloatVector s20 = s00, s21 = s00, s22 = s00, s23 = s00;
        FloatVector s30 = s00, s31 = s00, s32 = s00, s33 = s00;
        int a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
        int b0 = j * k, b1 = b0 + k, b2 = b1 + k, b3 = b2 + k;
        for (int p = 0; p < kv; p += L) {
            FloatVector x0 = FloatVector.fromArray(S, a, a0 + p), x1 = FloatVector.fromArray(S, a, a1 + p);
            FloatVector x2 = FloatVector.fromArray(S, a, a2 + p), x3 = FloatVector.fromArray(S, a, a3 + p);
            FloatVector y = FloatVector.fromArray(S, b, b0 + p);
            s00 = x0.fma(y, s00); s10 = x1.fma(y, s10); s20 = x2.fma(y, s20); s30 = x3.fma(y, s30);
            y = FloatVector.fromArray(S, b, b1 + p);
            s01 = x0.fma(y, s01); s11 = x1.fma(y, s11); s21 = x2.fma(y, s21); s31 = x3.fma(y, s31);
            y = FloatVector.fromArray(S, b, b2 + p);
            s02 = x0.fma(y, s02); s12 = x1.fma(y, s12); s22 = x2.fma(y, s22); s32 = x3.fma(y, s32);
            y = FloatVector.fromArray(S, b, b3 + p);
            s03 = x0.fma(y, s03); s13 = x1.fma(y, s13); s23 = x2.fma(y, s23); s33 = x3.fma(y, s33);
        }
        int o = i * n + j;
        c[o] = tail(s00.reduceLanes(VectorOperators.ADD), a, a0, b, b0, k, kv);
        c[o + 1] = tail(s01.reduceLanes(VectorOperators.ADD), a, a0, b, b1, k, kv);
        c[o + 2] = tail(s02.reduceLanes(VectorOperators.ADD), a, a0, b, b2, k, kv);
        c[o + 3] = tail(s03.reduceLanes(VectorOperators.ADD), a, a0, b, b3, k, kv);
        o += n;
        c[o] = tail(s10.reduceLanes(VectorOperators.ADD), a, a1, b, b0, k, kv);
        c[o + 1] = tail(s11.reduceLanes(VectorOperators.ADD), a, a1, b, b1, k, kv);
        c[o + 2] = tail(s12.reduceLanes(VectorOperators.ADD), a, a1, b, b2, k, kv);
        c[o + 3] = tail(s13.reduceLanes(VectorOperators.ADD), a, a1, b, b3, k, kv);
        o += n;
        c[o] = tail(s20.reduceLanes(VectorOperators.ADD), a, a2, b, b0, k, kv);
        c[o + 1] = tail(s21.reduceLanes(VectorOperators.ADD), a, a2, b, b1, k, kv);
        c[o + 2] = tail(s22.reduceLanes(VectorOperators.ADD), a, a2, b, b2, k, kv);
        c[o + 3] = tail(s23.reduceLanes(VectorOperators.ADD), a, a2, b, b3, k, kv);
        o += n;
        c[o] = tail(s30.reduceLanes(VectorOperators.ADD), a, a3, b, b0, k, kv);
        c[o + 1] = tail(s31.reduceLanes(VectorOperators.ADD), a, a3, b, b1, k, kv);
        c[o + 2] = tail(s32.reduceLanes(VectorOperators.ADD), a, a3, b, b2, k, kv);
        c[o + 3] = tail(s33.reduceLanes(VectorOperators.ADD), a, a3, b, b3, k, kv);
    }
}
