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
 * {@link VectorGemm#broadcast}'s, and choosing this path changes only the speed. An {@link Epilogue} is
 * applied to each tile as it is stored.
 */
final class SparseTiles {
    private static final VectorSpecies<Float> S = VectorGemm.S;
    private static final int L = S.length();
    /** Columns of C per tile. */
    static final int BLOCK = 4 * L;
    static final int ROWS = 6;

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
     * B up to this many floats (512 KB) is read in place: it stays in L2 while the tiles pass. A larger B is
     * read through panels (below). Measured, one thread, 1,000 MNIST rows: 784×128 took 834 µs in place and
     * 986 µs through panels; 784×1024 took 8.5 ms in place and 5.2 ms through panels.
     */
    static final int IN_PLACE_MAX_FLOATS = 1 << 17;

    /**
     * {@code C = A·B}, A: (m,k) and B: (k,n) row-major, C: (m,n) overwritten, split over {@code par}.
     *
     * <p>A B that fits in L2 is read in place, six rows at a time: their steps gathered, then each block of
     * columns; the rows are split between the threads in whole groups of six (chunks of 8-row tiles left two
     * or four rows of every 16 to the dense kernel: two threads were no faster than one on the wide net).
     *
     * <p>A larger B is walked by panels: the threads gather the steps and values of every six rows
     * (the values in step order: the t-th step's six at {@code 6t … 6t + 5}); then, for each {@link #BLOCK}
     * columns of B, a thread copies those columns into one contiguous panel of its own ({@code k·BLOCK}
     * floats, 200 KB for k = 784, which stays in L2) and every six rows' tile reads it, so B is not read from
     * memory again for every six rows. The column blocks are split between the threads, so each panel is
     * copied once. The rows past the last group of six are a group padded with zero rows (computed into a
     * scratch tile and copied); the columns past the last block take the dense kernel.
     */
    static void mult(Parallelism par, float[] a, float[] b, float[] c, int m, int k, int n, Epilogue then) {
        int full = n / BLOCK * BLOCK;
        int groups = m / ROWS;
        int tiled = groups * ROWS, left = m - tiled;
        boolean parallel = par.threads() > 1 && (long) m * k * n >= Gemm.PARALLEL_THRESHOLD;
        if (full == 0) {
            VectorGemm.broadcast(a, k, 1, b, c, k, n, 0, m, m, 0);
            then.apply(c, n, 0, m, 0, n);
            return;
        }
        if ((long) k * n <= IN_PLACE_MAX_FLOATS) {
            if (groups > 0) {
                int chunks = parallel ? Math.min(groups, 8 * par.threads()) : 1;
                int per = (groups + chunks - 1) / chunks;
                par.run((groups + per - 1) / per, ch -> inPlace(a, b, c, k, n, full, ch * per * ROWS,
                        Math.min(groups, (ch + 1) * per) * ROWS, then));
            }
            if (left > 0) {
                // the rows past the last group of six, as a group padded with zero rows, tile by tile through a scratch tile
                float[] scratch = Scratch.values(ROWS * k + ROWS * BLOCK);
                pad(a, k, tiled, left, scratch, 0);
                int[] steps = Scratch.indices(k);
                int count = gather(scratch, 0, k, steps, 0);
                for (int j = 0; j < full; j += BLOCK) {
                    tile6x4(scratch, 0, 1, 0, k, b, n, j, scratch, ROWS * k, BLOCK, steps, 0, count);
                    copyRows(scratch, ROWS * k, c, tiled * n + j, n, left);
                    then.apply(c, n, tiled, m, j, j + BLOCK);
                }
            }
        } else {
            int all = groups + (left > 0 ? 1 : 0);
            int stride = k + 1;                                   // per group: its count, then its steps
            int[] steps = Scratch.indices(all * stride);
            int padded = all * k * ROWS;                          // where the rows left over are copied, padded with zeros
            float[] values = Scratch.values(padded + (left > 0 ? ROWS * k : 0));   // per group: its six rows' values in step order
            if (left > 0) {
                pad(a, k, tiled, left, values, padded);
            }
            int gatherChunks = parallel ? Math.min(all, 4 * par.threads()) : 1;
            int perGroups = (all + gatherChunks - 1) / gatherChunks;
            par.run((all + perGroups - 1) / perGroups, ch -> {
                for (int g = ch * perGroups; g < Math.min(all, (ch + 1) * perGroups); g++) {
                    float[] src = g < groups ? a : values;
                    int ao = g < groups ? g * ROWS * k : padded, vo = g * k * ROWS;
                    int count = gather(src, ao, k, steps, g * stride + 1);
                    steps[g * stride] = count;
                    for (int t = 0; t < count; t++) {
                        int p = steps[g * stride + 1 + t];
                        for (int r = 0; r < ROWS; r++) {
                            values[vo + t * ROWS + r] = src[ao + r * k + p];
                        }
                    }
                }
            });
            int blocks = full / BLOCK;
            int chunks = parallel ? Math.min(blocks, par.threads()) : 1;
            int per = (blocks + chunks - 1) / chunks;
            par.run((blocks + per - 1) / per, ch -> panels(b, c, k, n, groups, left, steps, values, ch * per * BLOCK,
                    Math.min(blocks, (ch + 1) * per) * BLOCK, then));
        }
        if (full < n) {
            VectorGemm.broadcast(a, k, 1, b, c, k, n, 0, m, m, full);                       // the right edge
            then.apply(c, n, 0, m, full, n);
        }
    }

    /** Rows {@code [i, i + left)} of A (k columns), then zero rows up to six, into {@code dst} from {@code at}. */
    private static void pad(float[] a, int k, int i, int left, float[] dst, int at) {
        System.arraycopy(a, i * k, dst, at, left * k);
        java.util.Arrays.fill(dst, at + left * k, at + ROWS * k, 0f);
    }

    /** The first {@code rows} rows of a BLOCK-wide scratch tile at {@code from} into C at {@code co} (row stride n). */
    private static void copyRows(float[] tile, int from, float[] c, int co, int n, int rows) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(tile, from + r * BLOCK, c, co + r * n, BLOCK);
        }
    }

    /** Rows {@code [i0, i1)} (whole groups of six), columns {@code [0, full)}, with B read in place. */
    private static void inPlace(float[] a, float[] b, float[] c, int k, int n, int full, int i0, int i1, Epilogue then) {
        int[] steps = Scratch.indices(k);
        for (int i = i0; i < i1; i += ROWS) {
            int count = gather(a, i * k, k, steps, 0);
            for (int j = 0; j < full; j += BLOCK) {
                tile6x4(a, i * k, 1, 0, k, b, n, j, c, i * n + j, n, steps, 0, count);
                then.apply(c, n, i, i + ROWS, j, j + BLOCK);
            }
        }
    }

    /**
     * Columns {@code [j0, j1)} (whole blocks) of every group, through this thread's panel; the group after the
     * last whole one, when {@code left > 0}, holds that many real rows and goes through a scratch tile.
     */
    static void panels(float[] b, float[] c, int k, int n, int groups, int left, int[] steps, float[] values,
                               int j0, int j1, Epilogue then) {
        int stride = k + 1;
        // the gathers, which used the first k floats of their threads' arrays, are done; the scratch tile follows the panel
        float[] panel = Scratch.floats(k * BLOCK + ROWS * BLOCK);
        for (int j = j0; j < j1; j += BLOCK) {
            for (int p = 0; p < k; p++) {
                System.arraycopy(b, p * n + j, panel, p * BLOCK, BLOCK);
            }
            for (int g = 0; g < groups; g++) {
                panelTile(values, g * k * ROWS, panel, c, g * ROWS * n + j, n, steps, g * stride + 1, steps[g * stride]);
                then.apply(c, n, g * ROWS, g * ROWS + ROWS, j, j + BLOCK);
            }
            if (left > 0) {
                int g = groups;
                panelTile(values, g * k * ROWS, panel, panel, k * BLOCK, BLOCK, steps, g * stride + 1, steps[g * stride]);
                copyRows(panel, k * BLOCK, c, groups * ROWS * n + j, n, left);
                then.apply(c, n, groups * ROWS, groups * ROWS + left, j, j + BLOCK);
            }
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
            count += VectorRow.nonzeroBit(any[p]);    // NaN counts: a NaN input is not skipped
        }
        return count;
    }

    /**
     * {@link #tile6x4} for the panel path, its strides fixed ({@code aps = 0, ats = 6, ars = 1, bps = BLOCK,
     * bo = 0}): the values are read in step order from {@code vo + 6·(t − so)}, the panel row p from
     * {@code p·BLOCK}. The same FMAs in the same order; with constant strides the JIT drops the values'
     * bounds checks from the loop (measured, one thread, the first two layers of a trained 784-1024-1024-10 on
     * 1,000 MNIST rows: 5.7 → 4.8 ms and 10.1 → 8.2 ms; the in-place path, specialised the same way, was not
     * faster).
     */
    private static void panelTile(float[] values, int vo, float[] panel, float[] c, int co, int ldc, int[] steps, int so,
                                  int count) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c03 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        FloatVector c40 = c00, c41 = c00, c42 = c00, c43 = c00;
        FloatVector c50 = c00, c51 = c00, c52 = c00, c53 = c00;
        for (int t = 0; t < count; t++) {
            int bq = steps[so + t] * BLOCK;
            int ap = vo + t * ROWS;
            FloatVector b0 = FloatVector.fromArray(S, panel, bq), b1 = FloatVector.fromArray(S, panel, bq + L);
            FloatVector b2 = FloatVector.fromArray(S, panel, bq + 2 * L), b3 = FloatVector.fromArray(S, panel, bq + 3 * L);
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
        int o = co;
        c00.intoArray(c, o); c01.intoArray(c, o + L); c02.intoArray(c, o + 2 * L); c03.intoArray(c, o + 3 * L);
        o += ldc;
        c10.intoArray(c, o); c11.intoArray(c, o + L); c12.intoArray(c, o + 2 * L); c13.intoArray(c, o + 3 * L);
        o += ldc;
        c20.intoArray(c, o); c21.intoArray(c, o + L); c22.intoArray(c, o + 2 * L); c23.intoArray(c, o + 3 * L);
        o += ldc;
        c30.intoArray(c, o); c31.intoArray(c, o + L); c32.intoArray(c, o + 2 * L); c33.intoArray(c, o + 3 * L);
        o += ldc;
        c40.intoArray(c, o); c41.intoArray(c, o + L); c42.intoArray(c, o + 2 * L); c43.intoArray(c, o + 3 * L);
        o += ldc;
        c50.intoArray(c, o); c51.intoArray(c, o + L); c52.intoArray(c, o + 2 * L); c53.intoArray(c, o + 3 * L);
    }

    /**
     * A 6-row tile of C (stored from {@code c[co]}, rows {@code ldc} apart; {@link #BLOCK} columns) over the {@code count} steps
     * {@code p = steps[t]}, t in {@code [so, so + count)}: row r's value there is {@code av[ao + p·aps + t·ats +
     * r·ars]} and B's row p is {@code bv[p·bps + bo …]} (A and B in place: {@code aps = 1, ats = 0, ars = k,
     * bps = n, bo = j}; the panel path's packed values have {@link #panelTile}).
     */
    private static void tile6x4(float[] av, int ao, int aps, int ats, int ars, float[] bv, int bps, int bo, float[] c,
                                int co, int ldc, int[] steps, int so, int count) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c03 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        FloatVector c40 = c00, c41 = c00, c42 = c00, c43 = c00;
        FloatVector c50 = c00, c51 = c00, c52 = c00, c53 = c00;
        for (int t = so; t < so + count; t++) {
            int p = steps[t];
            int ap = ao + p * aps + t * ats;
            int bq = p * bps + bo;
            FloatVector b0 = FloatVector.fromArray(S, bv, bq), b1 = FloatVector.fromArray(S, bv, bq + L);
            FloatVector b2 = FloatVector.fromArray(S, bv, bq + 2 * L), b3 = FloatVector.fromArray(S, bv, bq + 3 * L);
            FloatVector v = FloatVector.broadcast(S, av[ap]);
            c00 = b0.fma(v, c00); c01 = b1.fma(v, c01); c02 = b2.fma(v, c02); c03 = b3.fma(v, c03);
            v = FloatVector.broadcast(S, av[ap + ars]);
            c10 = b0.fma(v, c10); c11 = b1.fma(v, c11); c12 = b2.fma(v, c12); c13 = b3.fma(v, c13);
            v = FloatVector.broadcast(S, av[ap + 2 * ars]);
            c20 = b0.fma(v, c20); c21 = b1.fma(v, c21); c22 = b2.fma(v, c22); c23 = b3.fma(v, c23);
            v = FloatVector.broadcast(S, av[ap + 3 * ars]);
            c30 = b0.fma(v, c30); c31 = b1.fma(v, c31); c32 = b2.fma(v, c32); c33 = b3.fma(v, c33);
            v = FloatVector.broadcast(S, av[ap + 4 * ars]);
            c40 = b0.fma(v, c40); c41 = b1.fma(v, c41); c42 = b2.fma(v, c42); c43 = b3.fma(v, c43);
            v = FloatVector.broadcast(S, av[ap + 5 * ars]);
            c50 = b0.fma(v, c50); c51 = b1.fma(v, c51); c52 = b2.fma(v, c52); c53 = b3.fma(v, c53);
        }
        int o = co;
        c00.intoArray(c, o); c01.intoArray(c, o + L); c02.intoArray(c, o + 2 * L); c03.intoArray(c, o + 3 * L);
        o += ldc;
        c10.intoArray(c, o); c11.intoArray(c, o + L); c12.intoArray(c, o + 2 * L); c13.intoArray(c, o + 3 * L);
        o += ldc;
        c20.intoArray(c, o); c21.intoArray(c, o + L); c22.intoArray(c, o + 2 * L); c23.intoArray(c, o + 3 * L);
        o += ldc;
        c30.intoArray(c, o); c31.intoArray(c, o + L); c32.intoArray(c, o + 2 * L); c33.intoArray(c, o + 3 * L);
        o += ldc;
        c40.intoArray(c, o); c41.intoArray(c, o + L); c42.intoArray(c, o + 2 * L); c43.intoArray(c, o + 3 * L);
        o += ldc;
        c50.intoArray(c, o); c51.intoArray(c, o + L); c52.intoArray(c, o + 2 * L); c53.intoArray(c, o + 3 * L);
    }
}
