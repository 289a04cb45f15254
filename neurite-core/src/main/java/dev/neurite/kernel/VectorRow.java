package dev.neurite.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** The single-example product of inference, which skips zero inputs. */
final class VectorRow {
    private static final VectorSpecies<Float> S = VectorGemm.S;
    private static final int L = S.length();

    private VectorRow() {}

    /**
     * One row {@code c = a·B} skipping the zero entries of a (most MNIST pixels): the indices of a's
     * non-zero entries are gathered into {@code nonzero} first, so the FMA loop has no branch and reads
     * only the rows of B it needs. Each element is the same FMA chain as in {@link VectorGemm#broadcast} (adding
     * 0·w changes nothing), so the result equals the dense path's.
     */
    static void sparseRow(float[] a, float[] b, float[] c, int k, int n, int[] nonzero) {
        int count = 0;
        for (int p = 0; p < k; p++) {
            if (a[p] != 0f) {
                nonzero[count++] = p;
            }
        }
        int j = 0;
        for (; j + 8 * L <= n; j += 8 * L) {
            FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
            for (int t = 0; t < count; t++) {
                int p = nonzero[t];
                int bo = p * n + j;
                FloatVector v = FloatVector.broadcast(S, a[p]);
                c0 = FloatVector.fromArray(S, b, bo).fma(v, c0);
                c1 = FloatVector.fromArray(S, b, bo + L).fma(v, c1);
                c2 = FloatVector.fromArray(S, b, bo + 2 * L).fma(v, c2);
                c3 = FloatVector.fromArray(S, b, bo + 3 * L).fma(v, c3);
                c4 = FloatVector.fromArray(S, b, bo + 4 * L).fma(v, c4);
                c5 = FloatVector.fromArray(S, b, bo + 5 * L).fma(v, c5);
                c6 = FloatVector.fromArray(S, b, bo + 6 * L).fma(v, c6);
                c7 = FloatVector.fromArray(S, b, bo + 7 * L).fma(v, c7);
            }
            c0.intoArray(c, j); c1.intoArray(c, j + L); c2.intoArray(c, j + 2 * L); c3.intoArray(c, j + 3 * L);
            c4.intoArray(c, j + 4 * L); c5.intoArray(c, j + 5 * L); c6.intoArray(c, j + 6 * L); c7.intoArray(c, j + 7 * L);
        }
        if (j < n) {
            VectorGemm.broadcast(a, k, 1, b, c, k, n, 0, 1, 1, j);
        }
    }
}
