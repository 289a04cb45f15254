package dev.neurite.kernel;

/**
 * The weight gradient {@code C = Aᵀ·B} ({@code xᵀ·dZ}) for an A that is mostly zeros, on {@link SparseTiles}'
 * panels: six rows of C are six adjacent columns of A, and only the steps (rows of A) at which one of the six
 * is non-zero are walked. The bits are the dense kernels', as for {@link SparseTiles}.
 */
final class SparseGradient {
    private static final int ROWS = SparseTiles.ROWS;
    private static final int BLOCK = SparseTiles.BLOCK;

    /** {@link Gemm#multTransA} takes this path for C of at least this many rows (a group of six per thread, at least). */
    static final int MIN_ROWS = 12;

    /**
     * ... and at least this many columns: the gathers are paid once and shared by every block of 64 columns.
     * Measured, one thread, MNIST rows, dense kernel against this one: 784×k×128 (a 128-unit first layer)
     * 34 against 50 µs at a batch k of 32, 162 against 170 at 128; ×256, 69 against 69 and 271 against 208;
     * ×512, 178 against 92 and 564 against 301; ×1024, 368 against 177 and 1119 against 554.
     */
    static final int MIN_COLUMNS = 512;

    /** See {@link #activeColumnSteps}. */
    static final double MAX_ACTIVE_COLUMN_STEPS = 0.5;

    private SparseGradient() {}

    /**
     * The fraction of (row of A, group of six columns) pairs in which one of the six is non-zero, over a fixed
     * sample of about 24 groups (only the speed depends on it): the share of the dense steps that
     * {@link #multTransA} still does. Measured, one thread, batch 128 against the dense packed kernel: MNIST
     * images (0.34 active) 1.01 ms against 1.43; a trained 1024-unit ReLU layer's outputs (0.67 active) 1.84
     * against 1.83, so {@link Gemm#multTransA} takes this path at {@link #MAX_ACTIVE_COLUMN_STEPS} or less.
     */
    static double activeColumnSteps(float[] a, int k, int m) {
        int groups = m / ROWS;
        if (groups == 0 || k == 0) {
            return 1;
        }
        int every = Math.max(1, groups / 24);
        long seen = 0, active = 0;
        for (int g = 0; g < groups; g += every) {
            for (int p = 0; p < k; p++) {
                int o = p * m + g * ROWS;
                boolean any = false;
                for (int r = 0; r < ROWS; r++) {
                    any |= a[o + r] != 0f;
                }
                seen++;
                active += any ? 1 : 0;
            }
        }
        return (double) active / seen;
    }

    /**
     * {@code C = Aᵀ·B}, A: (k,m) and B: (k,n) row-major, C: (m,n) overwritten, split over {@code par}: the
     * weight gradient {@code xᵀ·dZ} of a layer whose input x is mostly zeros (MNIST images). Six rows of C
     * are six adjacent columns of A; the steps p (rows of A, the batch) at which one of the six is non-zero
     * are gathered with their values in step order, and each {@link SparseTiles#BLOCK} columns of B go
     * through the panel path of {@link SparseTiles#mult} (a k-row panel: 32 KB for a batch of 128). Every element of C is {@link VectorGemm#broadcast}'s FMA chain over p, less the steps
     * at which all six of its group's values are zero, so the bits are the dense kernels'.
     */
    static void multTransA(Parallelism par, float[] a, float[] b, float[] c, int m, int k, int n) {
        int full = n / BLOCK * BLOCK;
        if (full == 0) {
            VectorGemm.broadcast(a, 1, m, b, c, k, n, 0, m, m, 0);
            return;
        }
        int groups = m / ROWS, left = m - groups * ROWS, all = groups + (left > 0 ? 1 : 0);
        boolean parallel = par.threads() > 1 && (long) m * k * n >= Gemm.PARALLEL_THRESHOLD;
        int stride = k + 1;                                       // per group: its count, then its steps
        int[] steps = Scratch.indices(all * stride);
        float[] values = Scratch.values(all * k * ROWS);          // per group: its six rows' values in step order
        int gatherChunks = parallel ? Math.min(all, 4 * par.threads()) : 1;
        int perGroups = (all + gatherChunks - 1) / gatherChunks;
        par.run((all + perGroups - 1) / perGroups, ch -> {
            for (int g = ch * perGroups; g < Math.min(all, (ch + 1) * perGroups); g++) {
                gatherColumns(a, m, k, g * ROWS, Math.min(ROWS, m - g * ROWS), steps, g * stride, values, g * k * ROWS);
            }
        });
        int blocks = full / BLOCK;
        int chunks = parallel ? Math.min(blocks, par.threads()) : 1;
        int per = (blocks + chunks - 1) / chunks;
        par.run((blocks + per - 1) / per, ch -> SparseTiles.panels(b, c, k, n, groups, left, steps, values, ch * per * BLOCK,
                Math.min(blocks, (ch + 1) * per) * BLOCK, Epilogue.NONE));
        if (full < n) {
            VectorGemm.broadcast(a, 1, m, b, c, k, n, 0, m, m, full);                       // the right edge
        }
    }

    /**
     * Columns {@code [i, i + h)} of A: (k, m), h ≤ 6: the rows p at which one of them is non-zero (or NaN)
     * into {@code steps} after their count at {@code at}, and their values, six per step (zeros past h),
     * into {@code values} from {@code vo}. No branch on the data.
     */
    private static void gatherColumns(float[] a, int m, int k, int i, int h, int[] steps, int at, float[] values, int vo) {
        int count = 0;
        for (int p = 0; p < k; p++) {
            int src = p * m + i, dst = vo + count * ROWS;
            float any = 0f;
            for (int r = 0; r < h; r++) {
                float v = a[src + r];
                values[dst + r] = v;
                any = Math.max(any, Math.abs(v));
            }
            for (int r = h; r < ROWS; r++) {
                values[dst + r] = 0f;
            }
            steps[at + 1 + count] = p;
            count += any != 0f ? 1 : 0;                   // NaN != 0 too: a NaN input is not skipped
        }
        steps[at] = count;
    }
}
