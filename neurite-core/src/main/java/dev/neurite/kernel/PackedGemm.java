package dev.neurite.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Large products with packed panels, in the manner of BLIS and OpenBLAS: {@code C = Σ_p A(i,p)·B(p,:)}
 * where {@code A(i,p) = a[i·ars + p·aps]} and {@code B(p,j) = b[p·bps + j·bjs]}, so one routine serves
 * {@code A·B}, {@code Aᵀ·B} and {@code A·Bᵀ}.
 *
 * <p>For each block of {@link #KC} steps of p, the block of B is copied into contiguous panels of
 * {@link #NR} columns ({@code KC·NR} floats each, read front to back by the micro-kernel), and, when A's
 * values for one p are adjacent (the {@code Aᵀ·B} form, whose A rows are k-long columns 4 KB apart), A's
 * block is copied run by run into one compact array. The unpacked kernels of {@link VectorGemm} walk k-long rows 4 KB apart, one new
 * page per step of p, and lose a third of their speed on 1024-wide matrices to TLB and cache misses;
 * packed panels are read sequentially.
 *
 * <p>The micro-kernel keeps a 6-row × 4-vector tile of C in 24 registers. The first block of p starts
 * each tile from zero and every later one from the tile's stored value, so every element of C is still
 * one FMA chain over p in increasing order: {@code A·B} and {@code Aᵀ·B} give the same bits as the
 * unpacked kernels, and any split of C's rows or columns between threads gives the same bits.
 *
 * <p>An {@link Epilogue} (bias, ReLU) is applied to each tile after its last block of p.
 *
 * <p>Each thread keeps its packing buffers (about 1.1 MB) for its lifetime, so a training step allocates
 * nothing here.
 */
final class PackedGemm {
    private static final VectorSpecies<Float> S = VectorGemm.S;
    private static final int L = S.length();
    /** Rows of C per micro-tile. */
    static final int MR = 6;
    /** Columns of C per micro-tile: four vectors. */
    static final int NR = 4 * L;
    /** Steps of p per packed block: a panel of B ({@code KC·NR} floats) stays in L1/L2 while A's rows pass. */
    static final int KC = 256;
    /** Steps of p per block when the product is stored transposed. */
    static final int KC_TRANSPOSED = 1024;
    /** Rows of A per block (packed form). */
    static final int MC = 144;
    /** Columns of C per block: the packed block of B is {@code KC·NC} floats (1 MB). */
    static final int NC = 1024;

    /** Per thread: packed B block, packed A block, one micro-tile of C for the edges. */
    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(() -> new float[][] {
            new float[KC * NC], new float[(MC + MR) * KC], new float[MR * NR]});

    /** Where a tile's first block starts from: one zero row, read with a row step of 0. */
    private static final float[] ZEROS = new float[NR];

    private PackedGemm() {}

    /**
     * {@code C = Σ_p A(i,p)·B(p,j)} for C: (m,n), overwritten, with element (i,j) stored at
     * {@code c[i·ldc + j]}, or at {@code c[j·ldc + i]} when {@code transposed} (the product is then Cᵀ
     * and each finished tile is scattered into C; steps of p are blocked by {@link #KC_TRANSPOSED}, so a
     * tile is scattered once per 1024 steps).
     *
     * <p>Split over {@code par}: when A is read in place and B is row-major ({@code A·B}), C's columns are
     * split and each chunk packs its own columns of B. Otherwise B is packed once, whole, into the calling
     * thread's buffer (its panels split between the threads), and C's rows are split, so no chunk packs
     * what another one also packs.
     */
    static void product(Parallelism par, float[] a, int ars, int aps, float[] b, int bps, int bjs, float[] c,
                        int ldc, boolean transposed, int m, int k, int n, Epilogue then) {
        if (transposed && !then.isNone()) {
            throw new IllegalArgumentException("an epilogue needs C stored row by row");
        }
        int panels = (n + NR - 1) / NR;
        boolean parallel = par.threads() > 1 && (long) m * k * n >= Gemm.PARALLEL_THRESHOLD;
        long whole = (long) k * panels * NR;
        if ((aps == 1 && bjs == 1) || whole > PREPACK_MAX_FLOATS) {
            if (!parallel || panels < 2) {
                gemm(a, ars, aps, b, bps, bjs, c, ldc, transposed, k, 0, m, 0, n, null, then);
                return;
            }
            // when A is packed (Aᵀ·B), every chunk packs all of it: as few chunks as threads
            int chunks = Math.min(panels, (aps == 1 ? 8 : 1) * par.threads());
            int per = (panels + chunks - 1) / chunks * NR;
            par.run((n + per - 1) / per, ch -> gemm(a, ars, aps, b, bps, bjs, c, ldc, transposed, k,
                    0, m, ch * per, Math.min(n, (ch + 1) * per), null, then));
            return;
        }
        float[] packed = prepackBuffer((int) whole);
        int kcMax = blockLength(k, transposed);
        if (!parallel) {
            packWhole(b, bps, bjs, k, n, kcMax, packed, 0, panels);
            gemm(a, ars, aps, b, bps, bjs, c, ldc, transposed, k, 0, m, 0, n, packed, then);
            return;
        }
        int groups = Math.min(panels, 2 * par.threads());
        int perGroup = (panels + groups - 1) / groups;
        par.run((panels + perGroup - 1) / perGroup,
                g -> packWhole(b, bps, bjs, k, n, kcMax, packed, g * perGroup, Math.min(panels, (g + 1) * perGroup)));
        int rowPanels = (m + MR - 1) / MR;
        int chunks = Math.min(rowPanels, 8 * par.threads());
        int per = (rowPanels + chunks - 1) / chunks * MR;
        par.run((m + per - 1) / per, ch -> gemm(a, ars, aps, b, bps, bjs, c, ldc, transposed, k,
                ch * per, Math.min(m, (ch + 1) * per), 0, n, packed, then));
    }

    /**
     * B is packed whole up to this size (1 MB, the batch-sized operand of a training step); larger, each
     * column chunk packs its own part block by block, which keeps the block being read in L2 (measured:
     * 1024³ ran 10–15% slower from a whole packed B).
     */
    private static final int PREPACK_MAX_FLOATS = 1 << 18;

    /** The calling thread's buffer for a whole packed B, grown when too small. */
    private static final ThreadLocal<float[][]> PREPACKED = ThreadLocal.withInitial(() -> new float[][] {new float[0]});

    private static float[] prepackBuffer(int floats) {
        float[][] holder = PREPACKED.get();
        if (holder[0].length < floats) {
            holder[0] = new float[floats];
        }
        return holder[0];
    }

    /** Steps of p per block: k in blocks of equal length, none above the form's limit. */
    private static int blockLength(int k, boolean transposed) {
        int limit = transposed ? KC_TRANSPOSED : KC;
        int blocks = (k + limit - 1) / limit;
        return (k + blocks - 1) / blocks;
    }

    /**
     * Panels {@code [q0, q1)} of B, every block of p: block {@code pc} starts at {@code pc·panels·NR} and
     * its panel q at {@code q·kc·NR} from there.
     */
    private static void packWhole(float[] b, int bps, int bjs, int k, int n, int kcMax, float[] dst, int q0, int q1) {
        int padded = (n + NR - 1) / NR * NR;
        for (int pc = 0; pc < k; pc += kcMax) {
            int kc = Math.min(kcMax, k - pc);
            packB(b, bps, bjs, pc, kc, q0 * NR, Math.min(n, q1 * NR) - q0 * NR, dst, pc * padded + q0 * kc * NR);
        }
    }

    /**
     * Rows {@code [i0, i1)} and columns {@code [j0, j1)} of the product ({@code j0} a multiple of
     * {@link #NR}), with B taken from {@code packed} (laid out by {@link #packWhole}) or, when null,
     * packed block by block into this thread's buffer.
     */
    private static void gemm(float[] a, int ars, int aps, float[] b, int bps, int bjs, float[] c, int ldc,
                             boolean transposed, int k, int i0, int i1, int j0, int j1, float[] packed, Epilogue then) {
        float[][] buffers = BUFFERS.get();
        float[] own = buffers[0], ap = buffers[1], tile = buffers[2];
        boolean packA = aps != 1;           // the Aᵀ·B form, whose A has ars = 1 (see packRuns)
        int kcMax = blockLength(k, transposed);
        int ncMax = packed != null ? j1 - j0 : Math.max(NR, own.length / kcMax / NR * NR);
        int padded = packed != null ? (j1 + NR - 1) / NR * NR : 0;
        for (int jc = j0; jc < j1; jc += ncMax) {
            int nc = Math.min(ncMax, j1 - jc);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                boolean first = pc == 0, last = pc + kc == k && !then.isNone();
                float[] bp;
                int bBase;
                if (packed != null) {
                    bp = packed;
                    bBase = pc * padded + jc / NR * kc * NR;
                } else {
                    packB(b, bps, bjs, pc, kc, jc, nc, own, 0);
                    bp = own;
                    bBase = 0;
                }
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    int mcPad = (mc + MR - 1) / MR * MR;
                    if (packA) {
                        packRuns(a, aps, ic, mc, mcPad, pc, kc, ap);
                    }
                    for (int q = 0, j = jc; j < jc + nc; q++, j += NR) {
                        int w = Math.min(NR, jc + nc - j);
                        int bo = bBase + q * kc * NR;
                        for (int ir = 0; ir < mc; ir += MR) {
                            int i = ic + ir, h = Math.min(MR, mc - ir);
                            float[] as;
                            int ao, rs, ps;
                            if (packA) {
                                as = ap; ao = ir; rs = 1; ps = mcPad;
                            } else if (h == MR) {
                                as = a; ao = i * ars + pc; rs = ars; ps = 1;
                            } else {
                                // the last rows of an unpacked A: copied with zero rows below, so no read runs past A
                                packRows(a, ars, i, h, pc, kc, ap);
                                as = ap; ao = 0; rs = 1; ps = MR;
                            }
                            if (h == MR && w == NR && !transposed) {
                                micro(as, ao, rs, ps, bp, bo, kc, c, i * ldc + j, ldc, !first);
                            } else {
                                edge(as, ao, rs, ps, bp, bo, kc, c, ldc, transposed, i, j, h, w, !first, tile);
                            }
                            if (last) {
                                then.apply(c, ldc, i, i + h, j, j + w);      // the tile is finished and still in L1
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * A tile cut by C's last rows or columns, or one of a transposed product: computed in {@code tile},
     * then its h×w corner copied to C.
     */
    private static void edge(float[] as, int ao, int rs, int ps, float[] bp, int bo, int kc, float[] c, int ldc,
                             boolean transposed, int i, int j, int h, int w, boolean load, float[] tile) {
        if (load) {
            for (int r = 0; r < h; r++) {
                if (transposed) {
                    for (int s = 0; s < w; s++) {
                        tile[r * NR + s] = c[(j + s) * ldc + i + r];
                    }
                } else {
                    System.arraycopy(c, (i + r) * ldc + j, tile, r * NR, w);
                }
            }
        }
        micro(as, ao, rs, ps, bp, bo, kc, tile, 0, NR, load);
        if (transposed) {
            for (int s = 0; s < w; s++) {
                int o = (j + s) * ldc + i;
                for (int r = 0; r < h; r++) {
                    c[o + r] = tile[r * NR + s];
                }
            }
            return;
        }
        for (int r = 0; r < h; r++) {
            System.arraycopy(tile, r * NR, c, (i + r) * ldc + j, w);
        }
    }

    /**
     * B's rows {@code [pc, pc+kc)}, columns {@code [jc, jc+nc)} into panels of NR columns: element (p, jj)
     * of panel q at {@code offset + q·kc·NR + p·NR + jj}; columns past the edge are zero.
     */
    private static void packB(float[] b, int bps, int bjs, int pc, int kc, int jc, int nc, float[] bp, int offset) {
        for (int q = 0, j = jc; j < jc + nc; q++, j += NR) {
            int w = Math.min(NR, jc + nc - j);
            int base = offset + q * kc * NR;
            if (bjs == 1 && w == NR) {
                for (int p = 0; p < kc; p++) {
                    int src = (pc + p) * bps + j, dst = base + p * NR;
                    FloatVector.fromArray(S, b, src).intoArray(bp, dst);
                    FloatVector.fromArray(S, b, src + L).intoArray(bp, dst + L);
                    FloatVector.fromArray(S, b, src + 2 * L).intoArray(bp, dst + 2 * L);
                    FloatVector.fromArray(S, b, src + 3 * L).intoArray(bp, dst + 3 * L);
                }
                continue;
            }
            if (bjs == 1) {
                for (int p = 0; p < kc; p++) {
                    int dst = base + p * NR;
                    System.arraycopy(b, (pc + p) * bps + j, bp, dst, w);
                    java.util.Arrays.fill(bp, dst + w, dst + NR, 0f);
                }
                continue;
            }
            // B transposed (the A·Bᵀ form): each column of the panel is a contiguous run of b
            // in blocks of 16 steps, so the 16 panel rows being written stay in L1
            for (int p0 = 0; p0 < kc; p0 += 16) {
                int p1 = Math.min(kc, p0 + 16);
                for (int jj = 0; jj < w; jj++) {
                    int src = pc * bps + (j + jj) * bjs;
                    for (int p = p0; p < p1; p++) {
                        bp[base + p * NR + jj] = b[src + p * bps];
                    }
                }
            }
            for (int jj = w; jj < NR; jj++) {
                for (int p = 0; p < kc; p++) {
                    bp[base + p * NR + jj] = 0f;
                }
            }
        }
    }

    /**
     * For {@code Aᵀ·B}, where A's values for one p are adjacent ({@code A(i,p) = a[i + p·aps]}): rows
     * {@code [ic, ic+mc)}, steps {@code [pc, pc+kc)} copied run by run, element (i, p) at
     * {@code p·mcPad + i − ic}, with zeros up to mcPad. A block of a few hundred KB then replaces one
     * spread over k rows 4 KB apart.
     */
    private static void packRuns(float[] a, int aps, int ic, int mc, int mcPad, int pc, int kc, float[] ap) {
        for (int p = 0; p < kc; p++) {
            int dst = p * mcPad;
            System.arraycopy(a, ic + (pc + p) * aps, ap, dst, mc);
            for (int r = mc; r < mcPad; r++) {
                ap[dst + r] = 0f;
            }
        }
    }

    /**
     * The last {@code h < MR} rows of an A read in place, from row i, steps {@code [pc, pc+kc)}, into one
     * panel: element (rr, p) at {@code p·MR + rr}, rows from h to MR zero.
     */
    private static void packRows(float[] a, int ars, int i, int h, int pc, int kc, float[] ap) {
        for (int p = 0; p < kc; p++) {
            int src = i * ars + pc + p, dst = p * MR;
            int rr = 0;
            for (; rr < h; rr++) {
                ap[dst + rr] = a[src + rr * ars];
            }
            for (; rr < MR; rr++) {
                ap[dst + rr] = 0f;
            }
        }
    }

    /**
     * One 6×4-vector tile: {@code C[co + r·ldc + v·L …] (+)= Σ_p A(r,p)·Bpanel(p, v·L …)} over kc steps,
     * starting from C's values when {@code load}, from zero otherwise.
     */
    private static void micro(float[] a, int ao, int rs, int ps, float[] b, int bo, int kc,
                              float[] c, int co, int ldc, boolean load) {
        // one code path for both starts (a branch that picks zero or loaded vectors makes JDK 17 box them)
        float[] src = load ? c : ZEROS;
        int o = load ? co : 0, step = load ? ldc : 0;
        FloatVector c00 = FloatVector.fromArray(S, src, o), c01 = FloatVector.fromArray(S, src, o + L);
        FloatVector c02 = FloatVector.fromArray(S, src, o + 2 * L), c03 = FloatVector.fromArray(S, src, o + 3 * L);
        o += step;
        FloatVector c10 = FloatVector.fromArray(S, src, o), c11 = FloatVector.fromArray(S, src, o + L);
        FloatVector c12 = FloatVector.fromArray(S, src, o + 2 * L), c13 = FloatVector.fromArray(S, src, o + 3 * L);
        o += step;
        FloatVector c20 = FloatVector.fromArray(S, src, o), c21 = FloatVector.fromArray(S, src, o + L);
        FloatVector c22 = FloatVector.fromArray(S, src, o + 2 * L), c23 = FloatVector.fromArray(S, src, o + 3 * L);
        o += step;
        FloatVector c30 = FloatVector.fromArray(S, src, o), c31 = FloatVector.fromArray(S, src, o + L);
        FloatVector c32 = FloatVector.fromArray(S, src, o + 2 * L), c33 = FloatVector.fromArray(S, src, o + 3 * L);
        o += step;
        FloatVector c40 = FloatVector.fromArray(S, src, o), c41 = FloatVector.fromArray(S, src, o + L);
        FloatVector c42 = FloatVector.fromArray(S, src, o + 2 * L), c43 = FloatVector.fromArray(S, src, o + 3 * L);
        o += step;
        FloatVector c50 = FloatVector.fromArray(S, src, o), c51 = FloatVector.fromArray(S, src, o + L);
        FloatVector c52 = FloatVector.fromArray(S, src, o + 2 * L), c53 = FloatVector.fromArray(S, src, o + 3 * L);
        for (int p = 0; p < kc; p++) {
            int ap = ao + p * ps;
            int bq = bo + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, bq), b1 = FloatVector.fromArray(S, b, bq + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bq + 2 * L), b3 = FloatVector.fromArray(S, b, bq + 3 * L);
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
        o = co;
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
