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

    /**
     * Rows {@code [i0, i1)} of {@code C = A·B}, A: (m,k) and B: (k,n) row-major, C: (m,n) overwritten.
     *
     * <p>The steps of every six rows are gathered first; then, for each {@link #BLOCK} columns of B, those
     * columns are copied into one contiguous panel ({@code k·BLOCK} floats, 200 KB for k = 784, which stays in
     * L2) and every six rows' tile reads it. Walking B's rows 4 KB apart for every six rows instead read B from
     * memory again for each of them, a new page at each step (measured on the wide net's batch-1000 first
     * layer: the panel order took the layer from 8.3 ms to see docs/performance.md).
     */
    static void mult(float[] a, float[] b, float[] c, int m, int k, int n, int i0, int i1) {
        int full = n / BLOCK * BLOCK;
        int groups = (i1 - i0) / ROWS;
        int tiled = i0 + groups * ROWS;
        if (groups > 0 && full > 0) {
            int stride = k + 1;                                   // per group: its count, then its steps
            int[] steps = Scratch.indices(groups * stride);
            float[] values = Scratch.values(groups * k * ROWS);   // per group: its six rows' values at its steps
            for (int g = 0; g < groups; g++) {
                int count = gather(a, (i0 + g * ROWS) * k, k, steps, g * stride + 1);
                steps[g * stride] = count;
                int ao = (i0 + g * ROWS) * k, vo = g * k * ROWS;
                for (int t = 0; t < count; t++) {
                    int q = ao + steps[g * stride + 1 + t];
                    for (int r = 0; r < ROWS; r++) {
                        values[vo + t * ROWS + r] = a[q + r * k];
                    }
                }
            }
            float[] panel = Scratch.floats(k * BLOCK);            // after the gathers, which use its first k floats
            for (int j = 0; j < full; j += BLOCK) {
                for (int p = 0; p < k; p++) {
                    System.arraycopy(b, p * n + j, panel, p * BLOCK, BLOCK);
                }
                for (int g = 0; g < groups; g++) {
                    tile6x4(values, g * k * ROWS, panel, c, n, i0 + g * ROWS, j, steps, g * stride + 1, steps[g * stride]);
                }
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
     * {@code steps} from {@code so}: the largest magnitude of the six per step on vectors, then a pass
     * without a branch. Uses the first k floats of this thread's {@link Scratch#floats}.
     */
    static int gather(float[] a, int ao, int k, int[] steps, int so) {
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
            steps[so + count] = p;
            count += any[p] != 0f ? 1 : 0;            // NaN != 0 too: a NaN input is not skipped
        }
        return count;
    }

    /**
     * The tile of rows {@code [i, i+6)} and columns {@code [j, j+BLOCK)}: at the t-th of its {@code count} steps p
     * ({@code steps[so + t]}), the six rows' values are {@code values[vo + 6t … vo + 6t + 5]} and B's row p is
     * {@code panel[p·BLOCK …]}.
     */
    private static void tile6x4(float[] values, int vo, float[] panel, float[] c, int n, int i, int j, int[] steps, int so, int count) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c03 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        FloatVector c40 = c00, c41 = c00, c42 = c00, c43 = c00;
        FloatVector c50 = c00, c51 = c00, c52 = c00, c53 = c00;
        for (int t = 0; t < count; t++) {
            int bo = steps[so + t] * BLOCK;
            int ap = vo + t * ROWS;
            FloatVector b0 = FloatVector.fromArray(S, panel, bo), b1 = FloatVector.fromArray(S, panel, bo + L);
            FloatVector b2 = FloatVector.fromArray(S, panel, bo + 2 * L), b3 = FloatVector.fromArray(S, panel, bo + 3 * L);
            FloatVector v = FloatVector.broadcast(S, values[ap]);
            c00 = b0.fma(v, c00); c01 = b1.fma(v, c01); c02 = b2.fma(v, c02); c03 = b3.fma(v, c03);
            v = FloatVector.broadcast(S, values[ap + 1]);
            c10 = b0.fma(v, c10); c11 = b1.fma(v, c11); c12 = b2.fma(v, c12); c13 = b3.fma(v, c13);
            v = FloatVector.broadcast(S, values[ap + 2]);
            c20 = b0.fma(v, c20); c21 = b1.fma(v, c21); c22 = b2.fma(v, c22); c23 = b3.fma(v, c23);
            v = FloatVector.broadcast(S, values[ap + 3]);
            c30 = b0.fma(v, c30); c31 = b1.fma(v, c31); c32 = b2.fma(v, c32); c33 = b3.fma(v, c33);
            v = FloatVector.broadcast(S, values[ap + 4]);
            c40 = b0.fma(v, c40); c41 = b1.fma(v, c41); c42 = b2.fma(v, c42); c43 = b3.fma(v, c43);
            v = FloatVector.broadcast(S, values[ap + 5]);
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
