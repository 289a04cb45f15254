package dev.neurite.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/** The single-example product of inference, which skips zero inputs. */
final class VectorRow {
    private static final VectorSpecies<Float> S = VectorGemm.S;
    private static final int L = S.length();

    /** Per thread: one vector's worth of floats for a partial store that must not write past the row. */
    private static final ThreadLocal<float[]> ROW = ThreadLocal.withInitial(() -> new float[L]);

    private VectorRow() {}

    /**
     * One row {@code c = a·B} skipping the zero entries of a (most MNIST pixels; half a ReLU layer's
     * outputs): the indices of a's non-zero entries are gathered into {@code nonzero} first, so the FMA
     * loop has no branch and reads only the rows of B it needs. Each element is the same FMA chain as in
     * {@link VectorGemm#broadcast} (adding 0·w changes nothing), so the result equals the dense path's.
     * Columns come eight vectors at a time, then one (possibly partial) vector at a time.
     */
    static void sparseRow(float[] a, float[] b, float[] c, int k, int n, int[] nonzero) {
        int count = nonzero(a, k, nonzero);
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
        for (; j < n; j += L) {
            int w = Math.min(L, n - j);
            // a whole vector's load from B's row p is in the array while p·n + j + L ≤ b.length (B's slack, or
            // the next row); past that (a B without slack) the load is masked
            VectorMask<Float> m = S.indexInRange(j, n);
            FloatVector c0 = FloatVector.zero(S);
            for (int t = 0; t < count; t++) {
                int p = nonzero[t];
                int bo = p * n + j;
                FloatVector row = bo + L <= b.length ? FloatVector.fromArray(S, b, bo) : FloatVector.fromArray(S, b, bo, m);
                c0 = row.fma(FloatVector.broadcast(S, a[p]), c0);
            }
            if (w == L) {
                c0.intoArray(c, j);
            } else {
                float[] tail = ROW.get();
                c0.intoArray(tail, 0);
                System.arraycopy(tail, 0, c, j, w);
            }
        }
    }

    /**
     * The indices of a's entries that are not ±0 (NaN included, so it still reaches the output), in order,
     * into {@code nonzero}; returns how many. Without a branch: every index is written and the count moves
     * on by one for a non-zero entry (a branch on MNIST pixels is mispredicted at every stroke's edge).
     */
    static int nonzero(float[] a, int k, int[] nonzero) {
        int count = 0;
        for (int p = 0; p < k; p++) {
            nonzero[count] = p;
            count += nonzeroBit(a[p]);
        }
        return count;
    }

    /** 1 for a value that is not ±0 (NaN included), 0 for ±0, by arithmetic: a compare here compiles to a branch. */
    static int nonzeroBit(float v) {
        // |bits| + 0x7FFFFFFF has its sign bit set exactly when |bits| ≠ 0
        return ((Float.floatToRawIntBits(v) & 0x7FFFFFFF) + 0x7FFFFFFF) >>> 31;
    }
}
