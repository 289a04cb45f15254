package dev.neurite.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code C = A·B} for an A that is mostly zeros (a batch of MNIST images: 82% of the pixels), on the
 * broadcast kernel's 6-row × 4-vector tiles, walking only the steps p where one of the tile's six rows of A
 * is non-zero (43% of the pixels, for six MNIST images). The positions are gathered once per six rows, with
 * no branch, and the tile kernel reads them from a list.
 *
 * <p>A gather per row instead (each row's own non-zeros) was measured at 0.72× the dense kernel: it costs
 * a pass over the row per row, and a single row cannot reuse a loaded vector of B. Six rows share both.
 *
 * <p>Every element of C is the dense kernel's FMA chain over p in increasing order, less the steps at which
 * all six of its tile's A values are zero: such a step adds {@code 0·w}, which leaves the accumulator as it
 * was (a chain that starts at +0 can only hold −0 after a product that underflows). So the bits are
 * {@link VectorGemm#broadcast}'s, and choosing this path changes only the speed.
 */
final class SparseTiles {
    private static final VectorSpecies<Float> S = VectorGemm.S;
    private static final int L = S.length();
    /** Columns of C per tile. */
    static final int BLOCK = 4 * L;
    private static final int ROWS = 6;

    private SparseTiles() {}

    /**
     * Whether this path pays for A: at most 30% non-zeros in a fixed sample of at most 4096 values (only the
     * speed depends on the choice), and B wide enough for whole tiles.
     */
    static boolean worthIt(float[] a, int length, int n) {
        if (n < BLOCK || length == 0) {
            return false;
        }
        int step = Math.max(1, length / 4096);
        int seen = 0, nonzero = 0;
        for (int i = 0; i < length; i += step) {
            seen++;
            nonzero += a[i] != 0f ? 1 : 0;
        }
        return nonzero * 10 <= seen * 3;
    }

    /** Rows {@code [i0, i1)} of {@code C = A·B}, A: (m,k) and B: (k,n) row-major, C: (m,n) overwritten. */
    static void mult(float[] a, float[] b, float[] c, int m, int k, int n, int i0, int i1) {
        int[] steps = Scratch.indices(k);
        int full = n / BLOCK * BLOCK;
        int tiled = i0 + (i1 - i0) / ROWS * ROWS;
        for (int i = i0; i < tiled; i += ROWS) {
            int count = gather(a, i * k, k, steps);
            for (int j = 0; j < full; j += BLOCK) {
                tile6x4(a, k, b, c, n, i, j, steps, count);
            }
        }
        if (full < n && tiled > i0) {
            VectorGemm.broadcast(a, k, 1, b, c, k, n, i0, tiled, i1 == tiled ? m : tiled, full);   // the right edge
        }
        if (tiled < i1) {
            VectorGemm.broadcast(a, k, 1, b, c, k, n, tiled, i1, m, 0);                           // rows left over
        }
    }

    /**
     * The steps p < k at which one of the six rows of A from {@code a[ao]} is non-zero (or NaN), into
     * {@code steps}: the largest magnitude of the six per step on vectors, then a pass without a branch.
     */
    static int gather(float[] a, int ao, int k, int[] steps) {
        float[] any = Scratch.floats(k);
        int p = 0;
        for (; p + L <= k; p += L) {
            int q = ao + p;
            FloatVector.fromArray(S, a, q).abs()
                    .max(FloatVector.fromArray(S, a, q + k).abs())
                    .max(FloatVector.fromArray(S, a, q + 2 * k).abs())
                    .max(FloatVector.fromArray(S, a, q + 3 * k).abs())
                    .max(FloatVector.fromArray(S, a, q + 4 * k).abs())
                    .max(FloatVector.fromArray(S, a, q + 5 * k).abs())
                    .intoArray(any, p);
        }
        for (; p < k; p++) {
            int q = ao + p;
            any[p] = Math.max(Math.max(Math.max(Math.abs(a[q]), Math.abs(a[q + k])), Math.max(Math.abs(a[q + 2 * k]), Math.abs(a[q + 3 * k]))),
                    Math.max(Math.abs(a[q + 4 * k]), Math.abs(a[q + 5 * k])));
        }
        int count = 0;
        for (p = 0; p < k; p++) {
            steps[count] = p;
            count += any[p] != 0f ? 1 : 0;            // NaN != 0 too: a NaN input is not skipped
        }
        return count;
    }

    private static void tile6x4(float[] a, int rs, float[] b, float[] c, int n, int i, int j, int[] steps, int count) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c03 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        FloatVector c40 = c00, c41 = c00, c42 = c00, c43 = c00;
        FloatVector c50 = c00, c51 = c00, c52 = c00, c53 = c00;
        int a0 = i * rs;
        for (int t = 0; t < count; t++) {
            int p = steps[t];
            int ap = a0 + p;
            int bo = p * n + j;
            FloatVector b0 = FloatVector.fromArray(S, b, bo), b1 = FloatVector.fromArray(S, b, bo + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bo + 2 * L), b3 = FloatVector.fromArray(S, b, bo + 3 * L);
            FloatVector v = FloatVector.broadcast(S, a[ap]);
            c00 = b0.fma(v, c00); c01 = b1.fma(v, c01); c02 = b2.fma(v, c02); c03 = b3.fma(v, c03);
            v = FloatVector.broadcast(S, a[ap + rs]);
            c10 = b0.fma(v, c10); c11 = b1.fma(v, c11); c12 = b2.fma(v, c12); c13 = b3.fma(v, c13);
            v = FloatVector.broadcast(S, a[ap + 2 * rs]);
            c20 = b0.fma(v, c20); c21 = b1.fma(v, c21); c22 = b2.fma(v, c22); c23 = b3.fma(v, c23);
            v = FloatVector.broadcast(S, a[ap + 3 * rs]);
            c30 = b0.fma(v, c30); c31 = b1.fma(v, c31); c32 = b2.fma(v, c32); c33 = b3.fma(v, c33);
            v = FloatVector.broadcast(S, a[ap + 4 * rs]);
            c40 = b0.fma(v, c40); c41 = b1.fma(v, c41); c42 = b2.fma(v, c42); c43 = b3.fma(v, c43);
            v = FloatVector.broadcast(S, a[ap + 5 * rs]);
            c50 = b0.fma(v, c50); c51 = b1.fma(v, c51); c52 = b2.fma(v, c52); c53 = b3.fma(v, c53);
        }
        int o = i * n + j;
        c00.intoArray(c, o); c01.intoArray(c, o + L); c02.intoArray(c, o + 2 * L); c03.intoArray(c, o + 3 * L);
        o += n;
        c10.intoArray(c, o); c11.intoArray(c, o + L); c12.intoArray(c, o + 2 * L); c13.intoArray(c, o + 3 * L);
        o += n;
        c20.intoArray(c, o); c21.intoArray(c, o + L); c22.intoArray(c, o + 2 * L); c23.intoArray(c, o + 3 * L);
        o += n;
        c30.intoArray(c, o); c31.intoArray(c, o + L); c32.intoArray(c, o + 2 * L); c33.intoArray(c, o + 3 * L);
        o += n;
        c40.intoArray(c, o); c41.intoArray(c, o + L); c42.intoArray(c, o + 2 * L); c43.intoArray(c, o + 3 * L);
        o += n;
        c50.intoArray(c, o); c51.intoArray(c, o + L); c52.intoArray(c, o + 2 * L); c53.intoArray(c, o + 3 * L);
    }
}
