package dev.neurite.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The three products on the JDK's Vector API ({@code jdk.incubator.vector}), register-tiled.
 *
 * <p>{@code mult} and {@code multTransA} share one kernel: for a 4-row × 4-vector tile of C it walks p,
 * broadcasting four A values and loading four vectors of B's row p, 16 FMAs per step. A is read
 * through strides, so the same code serves {@code x·W} (A row-major) and {@code xᵀ·dZ} (A transposed).
 * Zero A values are not skipped: a branch in the loop keeps C2 (JDK 17) from keeping the accumulators
 * in registers, and the kernel falls to 5% of its speed.
 * {@code multTransB} is in {@link VectorDot}.
 *
 * <p>Every element of C is computed the same way whichever tile, edge or thread it falls in (one FMA
 * chain over p in increasing order; masked lanes at the right edge), so results do not depend on how
 * rows are split between threads. Loops run column blocks outside row blocks, so a panel of B
 * stays in L2 while all rows pass over it.
 */
final class VectorGemm {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int MR = 4;
    /** Floats of A kept in L2 per row block (768 KB of a 2 MB L2, beside a 256 KB panel of B). */
    private static final int MC_FLOATS = 192 * 1024;
    /** {@code PREFIX[w]} has lanes {@code [0, w)} set; constants, so no kernel makes a mask at run time. */
    private static final VectorMask<Float>[] PREFIX = prefixMasks();

    /** Per thread: one vector's worth of floats for {@link #tile1x1}'s exact partial store. */
    private static final ThreadLocal<float[]> ROW = ThreadLocal.withInitial(() -> new float[L]);

    private VectorGemm() {}

    @SuppressWarnings("unchecked")
    private static VectorMask<Float>[] prefixMasks() {
        VectorMask<Float>[] masks = new VectorMask[L + 1];
        for (int w = 0; w <= L; w++) {
            masks[w] = S.indexInRange(0, w);
        }
        return masks;
    }

    /**
     * Rows {@code [i0, i1)} of {@code C = Σ_p A(i,p)·B(p,:)} where {@code A(i,p) = a[i·rs + p·ps]},
     * B: (k,n) row-major, C: (m,n) row-major, overwritten.
     */
    static void broadcast(float[] a, int rs, int ps, float[] b, float[] c, int k, int n, int i0, int i1, int m) {
        // blocks of rows whose slice of A stays in L2 while every column panel of B passes over it
        int mc = Math.max(6, (MC_FLOATS / Math.max(1, k)) / 6 * 6);
        for (int r = i0; r < i1; r += mc) {
            int r1 = Math.min(i1, r + mc);
            broadcast(a, rs, ps, b, c, k, n, r, r1, r1 == i1 ? m : r1, 0);
        }
    }

    /** As {@link #broadcast}, for the columns from {@code firstColumn} on. */
    static void broadcast(float[] a, int rs, int ps, float[] b, float[] c, int k, int n, int i0, int i1, int m,
                          int firstColumn) {
        // A partial vector is stored by reading C's whole vector, blending in the computed lanes and writing it
        // back: the extra lanes touch the next row's first columns, rewritten with their own values. That is
        // safe for rows this call owns and for C's slack past its last row, not for a row another thread owns:
        // the chunk's last row then stores its partial vector through a scratch row ("exact").
        boolean guard = i1 < m || c.length < m * n + L;
        int start = firstColumn;
        if (i1 - i0 < MR) {
            // a few rows (one example at inference): read each row of B once, eight vectors at a time
            for (; start + 8 * L <= n; start += 8 * L) {
                for (int i = i0; i < i1; i++) {
                    tile1x8(a, rs, ps, b, c, k, n, i, start);
                }
            }
        }
        for (int j = start; j < n; j += 4 * L) {
            int width = Math.min(4 * L, n - j);
            if (width == 4 * L) {
                int i = i0;
                for (; i + 6 <= i1; i += 6) {
                    tile6x4(a, rs, ps, b, c, k, n, i, j);
                }
                for (; i + MR <= i1; i += MR) {
                    tile4x4(a, rs, ps, b, c, k, n, i, j);
                }
                for (; i < i1; i++) {
                    tile1x4(a, rs, ps, b, c, k, n, i, j);
                }
                continue;
            }
            // the right edge (or a narrow layer such as 784→30): 8 rows × up to 2 vectors at a time
            for (int jj = j; jj < j + width; jj += 2 * L) {
                boolean two = n - jj > L;
                int i = i0;
                for (; i + 8 <= i1; i += 8) {
                    boolean exact = guard && i + 8 == i1;
                    if (two) {
                        tile8x2(a, rs, ps, b, c, k, n, i, jj, exact);
                    } else {
                        tile8x1(a, rs, ps, b, c, k, n, i, jj, exact);
                    }
                }
                if (two) {
                    // the rows left over (50 = 6·8 + 2 at the seed's batch): four FMA chains at a time, not one
                    for (; i + 2 <= i1; i += 2) {
                        tile2x2(a, rs, ps, b, c, k, n, i, jj, guard && i + 2 == i1);
                    }
                }
                for (; i < i1; i++) {
                    boolean exact = guard && i + 1 == i1;
                    tile1x1(a, rs, ps, b, c, k, n, i, jj, exact);
                    if (two) {
                        tile1x1(a, rs, ps, b, c, k, n, i, jj + L, exact);
                    }
                }
            }
        }
    }

    /**
     * The first p whose vector load at {@code p·n + j} would run past the end of {@code b}. Loads before it
     * may read a few floats of the next row into lanes that are never stored, so they need no mask.
     */
    private static int safeSteps(int blen, int k, int n, int j) {
        int last = blen - L - j;
        return last < 0 ? 0 : Math.min(k, last / n + 1);
    }

    private static void tile8x2(float[] a, int rs, int ps, float[] b, float[] c, int k, int n, int i, int j,
                                boolean exact) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        FloatVector c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        int safe = safeSteps(b.length, k, n, j + L);
        int w1 = Math.min(L, n - j - L);
        int a0 = i * rs;
        int p = 0;
        // two copies of the loop, without and with the mask: a branch inside one loop costs C2 its registers
        for (; p < safe; p++) {
            int ap = a0 + p * ps;
            int bo = p * n + j;
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            FloatVector v = FloatVector.broadcast(S, a[ap]);
            c00 = b0.fma(v, c00); c01 = b1.fma(v, c01);
            v = FloatVector.broadcast(S, a[ap + rs]);
            c10 = b0.fma(v, c10); c11 = b1.fma(v, c11);
            v = FloatVector.broadcast(S, a[ap + 2 * rs]);
            c20 = b0.fma(v, c20); c21 = b1.fma(v, c21);
            v = FloatVector.broadcast(S, a[ap + 3 * rs]);
            c30 = b0.fma(v, c30); c31 = b1.fma(v, c31);
            v = FloatVector.broadcast(S, a[ap + 4 * rs]);
            c40 = b0.fma(v, c40); c41 = b1.fma(v, c41);
            v = FloatVector.broadcast(S, a[ap + 5 * rs]);
            c50 = b0.fma(v, c50); c51 = b1.fma(v, c51);
            v = FloatVector.broadcast(S, a[ap + 6 * rs]);
            c60 = b0.fma(v, c60); c61 = b1.fma(v, c61);
            v = FloatVector.broadcast(S, a[ap + 7 * rs]);
            c70 = b0.fma(v, c70); c71 = b1.fma(v, c71);
        }
        VectorMask<Float> m1 = safe < k ? S.indexInRange(j + L, n) : null;   // only for arrays without slack
        for (; p < k; p++) {
            int ap = a0 + p * ps;
            int bo = p * n + j;
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L, m1);
            FloatVector v = FloatVector.broadcast(S, a[ap]);
            c00 = b0.fma(v, c00); c01 = b1.fma(v, c01);
            v = FloatVector.broadcast(S, a[ap + rs]);
            c10 = b0.fma(v, c10); c11 = b1.fma(v, c11);
            v = FloatVector.broadcast(S, a[ap + 2 * rs]);
            c20 = b0.fma(v, c20); c21 = b1.fma(v, c21);
            v = FloatVector.broadcast(S, a[ap + 3 * rs]);
            c30 = b0.fma(v, c30); c31 = b1.fma(v, c31);
            v = FloatVector.broadcast(S, a[ap + 4 * rs]);
            c40 = b0.fma(v, c40); c41 = b1.fma(v, c41);
            v = FloatVector.broadcast(S, a[ap + 5 * rs]);
            c50 = b0.fma(v, c50); c51 = b1.fma(v, c51);
            v = FloatVector.broadcast(S, a[ap + 6 * rs]);
            c60 = b0.fma(v, c60); c61 = b1.fma(v, c61);
            v = FloatVector.broadcast(S, a[ap + 7 * rs]);
            c70 = b0.fma(v, c70); c71 = b1.fma(v, c71);
        }
        int o = i * n + j;
        c00.intoArray(c, o); c10.intoArray(c, o + n); c20.intoArray(c, o + 2 * n); c30.intoArray(c, o + 3 * n);
        c40.intoArray(c, o + 4 * n); c50.intoArray(c, o + 5 * n); c60.intoArray(c, o + 6 * n); c70.intoArray(c, o + 7 * n);
        o += L;
        VectorMask<Float> keep = PREFIX[w1];
        FloatVector.fromArray(S, c, o).blend(c01, keep).intoArray(c, o);
        FloatVector.fromArray(S, c, o + n).blend(c11, keep).intoArray(c, o + n);
        FloatVector.fromArray(S, c, o + 2 * n).blend(c21, keep).intoArray(c, o + 2 * n);
        FloatVector.fromArray(S, c, o + 3 * n).blend(c31, keep).intoArray(c, o + 3 * n);
        FloatVector.fromArray(S, c, o + 4 * n).blend(c41, keep).intoArray(c, o + 4 * n);
        FloatVector.fromArray(S, c, o + 5 * n).blend(c51, keep).intoArray(c, o + 5 * n);
        FloatVector.fromArray(S, c, o + 6 * n).blend(c61, keep).intoArray(c, o + 6 * n);
        storePartial(c71, c, o + 7 * n, w1, exact);
    }

    /**
     * Lanes {@code [0, w)} of {@code v} into {@code c} at {@code o}: a blend over C's own values when
     * the lanes past w belong to this thread, through a scratch row when {@code exact}.
     */
    private static void storePartial(FloatVector v, float[] c, int o, int w, boolean exact) {
        if (exact && w < L) {
            float[] row = ROW.get();
            v.intoArray(row, 0);
            System.arraycopy(row, 0, c, o, w);
        } else {
            FloatVector.fromArray(S, c, o).blend(v, PREFIX[w]).intoArray(c, o);
        }
    }

    /** Two rows × two vectors (the second may be partial), as {@link #tile8x2} for the rows it leaves over. */
    private static void tile2x2(float[] a, int rs, int ps, float[] b, float[] c, int k, int n, int i, int j,
                                boolean exact) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00;
        int safe = safeSteps(b.length, k, n, j + L);
        int w1 = Math.min(L, n - j - L);
        int a0 = i * rs;
        int p = 0;
        for (; p < safe; p++) {
            int ap = a0 + p * ps;
            int bo = p * n + j;
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            FloatVector v = FloatVector.broadcast(S, a[ap]);
            c00 = b0.fma(v, c00); c01 = b1.fma(v, c01);
            v = FloatVector.broadcast(S, a[ap + rs]);
            c10 = b0.fma(v, c10); c11 = b1.fma(v, c11);
        }
        VectorMask<Float> m1 = safe < k ? S.indexInRange(j + L, n) : null;   // only for arrays without slack
        for (; p < k; p++) {
            int ap = a0 + p * ps;
            int bo = p * n + j;
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L, m1);
            FloatVector v = FloatVector.broadcast(S, a[ap]);
            c00 = b0.fma(v, c00); c01 = b1.fma(v, c01);
            v = FloatVector.broadcast(S, a[ap + rs]);
            c10 = b0.fma(v, c10); c11 = b1.fma(v, c11);
        }
        int o = i * n + j;
        c00.intoArray(c, o); c10.intoArray(c, o + n);
        o += L;
        VectorMask<Float> keep = PREFIX[w1];
        FloatVector.fromArray(S, c, o).blend(c01, keep).intoArray(c, o);
        storePartial(c11, c, o + n, w1, exact);
    }

    private static void tile8x1(float[] a, int rs, int ps, float[] b, float[] c, int k, int n, int i, int j,
                                boolean exact) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
        int safe = safeSteps(b.length, k, n, j);
        int w = Math.min(L, n - j);
        int a0 = i * rs;
        int p = 0;
        for (; p < safe; p++) {
            int ap = a0 + p * ps;
            FloatVector b0 = FloatVector.fromArray(S, b, p * n + j);
            c0 = b0.fma(FloatVector.broadcast(S, a[ap]), c0);
            c1 = b0.fma(FloatVector.broadcast(S, a[ap + rs]), c1);
            c2 = b0.fma(FloatVector.broadcast(S, a[ap + 2 * rs]), c2);
            c3 = b0.fma(FloatVector.broadcast(S, a[ap + 3 * rs]), c3);
            c4 = b0.fma(FloatVector.broadcast(S, a[ap + 4 * rs]), c4);
            c5 = b0.fma(FloatVector.broadcast(S, a[ap + 5 * rs]), c5);
            c6 = b0.fma(FloatVector.broadcast(S, a[ap + 6 * rs]), c6);
            c7 = b0.fma(FloatVector.broadcast(S, a[ap + 7 * rs]), c7);
        }
        VectorMask<Float> m = safe < k ? S.indexInRange(j, n) : null;   // only for arrays without slack
        for (; p < k; p++) {
            int ap = a0 + p * ps;
            FloatVector b0 = FloatVector.fromArray(S, b, p * n + j, m);
            c0 = b0.fma(FloatVector.broadcast(S, a[ap]), c0);
            c1 = b0.fma(FloatVector.broadcast(S, a[ap + rs]), c1);
            c2 = b0.fma(FloatVector.broadcast(S, a[ap + 2 * rs]), c2);
            c3 = b0.fma(FloatVector.broadcast(S, a[ap + 3 * rs]), c3);
            c4 = b0.fma(FloatVector.broadcast(S, a[ap + 4 * rs]), c4);
            c5 = b0.fma(FloatVector.broadcast(S, a[ap + 5 * rs]), c5);
            c6 = b0.fma(FloatVector.broadcast(S, a[ap + 6 * rs]), c6);
            c7 = b0.fma(FloatVector.broadcast(S, a[ap + 7 * rs]), c7);
        }
        int o = i * n + j;
        if (w == L) {
            c0.intoArray(c, o); c1.intoArray(c, o + n); c2.intoArray(c, o + 2 * n); c3.intoArray(c, o + 3 * n);
            c4.intoArray(c, o + 4 * n); c5.intoArray(c, o + 5 * n); c6.intoArray(c, o + 6 * n); c7.intoArray(c, o + 7 * n);
            return;
        }
        VectorMask<Float> keep = PREFIX[w];
        FloatVector.fromArray(S, c, o).blend(c0, keep).intoArray(c, o);
        FloatVector.fromArray(S, c, o + n).blend(c1, keep).intoArray(c, o + n);
        FloatVector.fromArray(S, c, o + 2 * n).blend(c2, keep).intoArray(c, o + 2 * n);
        FloatVector.fromArray(S, c, o + 3 * n).blend(c3, keep).intoArray(c, o + 3 * n);
        FloatVector.fromArray(S, c, o + 4 * n).blend(c4, keep).intoArray(c, o + 4 * n);
        FloatVector.fromArray(S, c, o + 5 * n).blend(c5, keep).intoArray(c, o + 5 * n);
        FloatVector.fromArray(S, c, o + 6 * n).blend(c6, keep).intoArray(c, o + 6 * n);
        storePartial(c7, c, o + 7 * n, w, exact);
    }

    /** Six rows × four vectors: 24 accumulators, six broadcasts and four loads per 24 FMAs. */
    private static void tile6x4(float[] a, int rs, int ps, float[] b, float[] c, int k, int n, int i, int j) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c03 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        FloatVector c40 = c00, c41 = c00, c42 = c00, c43 = c00;
        FloatVector c50 = c00, c51 = c00, c52 = c00, c53 = c00;
        int a0 = i * rs;
        for (int p = 0; p < k; p++) {
            int ap = a0 + p * ps;
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

    private static void tile4x4(float[] a, int rs, int ps, float[] b, float[] c, int k, int n, int i, int j) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c03 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        int a0 = i * rs, a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs;
        for (int p = 0; p < k; p++) {
            int ap = p * ps;
            float x0 = a[a0 + ap], x1 = a[a1 + ap], x2 = a[a2 + ap], x3 = a[a3 + ap];
            int bo = p * n + j;
            FloatVector b0 = FloatVector.fromArray(S, b, bo), b1 = FloatVector.fromArray(S, b, bo + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bo + 2 * L), b3 = FloatVector.fromArray(S, b, bo + 3 * L);
            FloatVector v = FloatVector.broadcast(S, x0);
            c00 = b0.fma(v, c00); c01 = b1.fma(v, c01); c02 = b2.fma(v, c02); c03 = b3.fma(v, c03);
            v = FloatVector.broadcast(S, x1);
            c10 = b0.fma(v, c10); c11 = b1.fma(v, c11); c12 = b2.fma(v, c12); c13 = b3.fma(v, c13);
            v = FloatVector.broadcast(S, x2);
            c20 = b0.fma(v, c20); c21 = b1.fma(v, c21); c22 = b2.fma(v, c22); c23 = b3.fma(v, c23);
            v = FloatVector.broadcast(S, x3);
            c30 = b0.fma(v, c30); c31 = b1.fma(v, c31); c32 = b2.fma(v, c32); c33 = b3.fma(v, c33);
        }
        int o = i * n + j;
        c00.intoArray(c, o); c01.intoArray(c, o + L); c02.intoArray(c, o + 2 * L); c03.intoArray(c, o + 3 * L);
        o += n;
        c10.intoArray(c, o); c11.intoArray(c, o + L); c12.intoArray(c, o + 2 * L); c13.intoArray(c, o + 3 * L);
        o += n;
        c20.intoArray(c, o); c21.intoArray(c, o + L); c22.intoArray(c, o + 2 * L); c23.intoArray(c, o + 3 * L);
        o += n;
        c30.intoArray(c, o); c31.intoArray(c, o + L); c32.intoArray(c, o + 2 * L); c33.intoArray(c, o + 3 * L);
    }

    /** One row × eight vectors: B's row p is read in one sweep of 8·L floats. */
    private static void tile1x8(float[] a, int rs, int ps, float[] b, float[] c, int k, int n, int i, int j) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
        int a0 = i * rs;
        for (int p = 0; p < k; p++) {
            int bo = p * n + j;
            FloatVector v = FloatVector.broadcast(S, a[a0 + p * ps]);
            c0 = FloatVector.fromArray(S, b, bo).fma(v, c0);
            c1 = FloatVector.fromArray(S, b, bo + L).fma(v, c1);
            c2 = FloatVector.fromArray(S, b, bo + 2 * L).fma(v, c2);
            c3 = FloatVector.fromArray(S, b, bo + 3 * L).fma(v, c3);
            c4 = FloatVector.fromArray(S, b, bo + 4 * L).fma(v, c4);
            c5 = FloatVector.fromArray(S, b, bo + 5 * L).fma(v, c5);
            c6 = FloatVector.fromArray(S, b, bo + 6 * L).fma(v, c6);
            c7 = FloatVector.fromArray(S, b, bo + 7 * L).fma(v, c7);
        }
        int o = i * n + j;
        c0.intoArray(c, o); c1.intoArray(c, o + L); c2.intoArray(c, o + 2 * L); c3.intoArray(c, o + 3 * L);
        c4.intoArray(c, o + 4 * L); c5.intoArray(c, o + 5 * L); c6.intoArray(c, o + 6 * L); c7.intoArray(c, o + 7 * L);
    }

    /** One row × four vectors: four independent FMA chains, so a single example (m = 1) is not latency-bound. */
    private static void tile1x4(float[] a, int rs, int ps, float[] b, float[] c, int k, int n, int i, int j) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0;
        int a0 = i * rs;
        for (int p = 0; p < k; p++) {
            int bo = p * n + j;
            FloatVector v = FloatVector.broadcast(S, a[a0 + p * ps]);
            c0 = FloatVector.fromArray(S, b, bo).fma(v, c0);
            c1 = FloatVector.fromArray(S, b, bo + L).fma(v, c1);
            c2 = FloatVector.fromArray(S, b, bo + 2 * L).fma(v, c2);
            c3 = FloatVector.fromArray(S, b, bo + 3 * L).fma(v, c3);
        }
        int o = i * n + j;
        c0.intoArray(c, o); c1.intoArray(c, o + L); c2.intoArray(c, o + 2 * L); c3.intoArray(c, o + 3 * L);
    }

    /**
     * One row × one vector. With {@code exact}, a partial vector is stored through a per-thread scratch
     * row and copied, so nothing past the row's last column is written (the last row of a chunk, whose
     * next row another thread owns).
     */
    private static void tile1x1(float[] a, int rs, int ps, float[] b, float[] c, int k, int n, int i, int j,
                                boolean exact) {
        FloatVector c0 = FloatVector.zero(S);
        int safe = safeSteps(b.length, k, n, j);
        int a0 = i * rs;
        int p = 0;
        for (; p < safe; p++) {
            c0 = FloatVector.fromArray(S, b, p * n + j).fma(FloatVector.broadcast(S, a[a0 + p * ps]), c0);
        }
        VectorMask<Float> m = safe < k ? S.indexInRange(j, n) : null;   // only for arrays without slack
        for (; p < k; p++) {
            c0 = FloatVector.fromArray(S, b, p * n + j, m).fma(FloatVector.broadcast(S, a[a0 + p * ps]), c0);
        }
        int o = i * n + j, w = Math.min(L, n - j);
        if (w == L) {
            c0.intoArray(c, o);
        } else {
            storePartial(c0, c, o, w, exact);
        }
    }
}
