package dev.neurite.kernel;

import dev.neurite.tensor.Rng;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Element-wise activations on the Vector API, lane for lane the same arithmetic as {@link Activations}'
 * scalar code (so the vector and scalar paths, and any thread count, give identical bits).
 *
 * <p>The Vector API's own TANH and EXP are not used: before the JIT compiles a loop they run
 * {@code Math}'s routines lane by lane, and after it vectorised ones that differ in the last bit, so a
 * run's result would depend on when compilation happened.
 */
final class VectorKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private static final VectorSpecies<Integer> IS = IntVector.SPECIES_PREFERRED;
    /** 0, 1, 2, …: loaded each time (a vector kept in a field, or made by addIndex, was boxed per call). */
    private static final int[] LANE_INDEX = java.util.stream.IntStream.range(0, IS.length()).toArray();

    private VectorKernels() {}

    /**
     * {@link Epilogue#apply} on whole vectors of one row: {@code c[o + j] = max(c[o + j] + bias[j], 0)} (each
     * part when asked for) for j from j0 while a whole vector fits before j1; returns where it stopped.
     */
    static int biasRelu(float[] c, int o, int j0, int j1, float[] bias, boolean relu) {
        int j = j0;
        for (; j + L <= j1; j += L) {
            FloatVector z = FloatVector.fromArray(S, c, o + j);
            if (bias != null) {
                z = z.add(FloatVector.fromArray(S, bias, j));
            }
            if (relu) {
                z = z.max(0f);
            }
            z.intoArray(c, o + j);
        }
        return j;
    }

    /** {@link Kernels#allFinite} lane by lane: {@code Σ v·0} over four vector accumulators, then the tail. */
    static boolean allFinite(float[] a, int n) {
        FloatVector acc0 = FloatVector.zero(S), acc1 = FloatVector.zero(S), acc2 = FloatVector.zero(S), acc3 = FloatVector.zero(S);
        int k = 0;
        for (; k <= n - 4 * L; k += 4 * L) {
            acc0 = acc0.add(FloatVector.fromArray(S, a, k).mul(0f));
            acc1 = acc1.add(FloatVector.fromArray(S, a, k + L).mul(0f));
            acc2 = acc2.add(FloatVector.fromArray(S, a, k + 2 * L).mul(0f));
            acc3 = acc3.add(FloatVector.fromArray(S, a, k + 3 * L).mul(0f));
        }
        float tail = 0;
        for (; k < n; k++) {
            tail += a[k] * 0f;
        }
        return acc0.add(acc1).add(acc2).add(acc3).reduceLanes(VectorOperators.ADD) + tail == 0;
    }

    /**
     * Inverted dropout over {@code [from, to)}, lane for lane {@link Kernels#dropout}'s scalar code:
     * {@link Rng#uniformAt}'s two MurmurHash3 finalisers on 32-bit lanes, the top 24 bits made a float.
     * It uses only the vector types of the other kernels: a 64-bit hash on {@code LongVector} lanes made
     * C2 fall back to the Vector API's Java code in the tanh kernel in three runs out of four.
     */
    static void dropout(float[] x, float[] mask, float[] out, long key, float rate, float keepScale, int from, int to) {
        int low = (int) key, high = (int) (key >>> 32);
        int i = from;
        for (; i <= to - L; i += L) {
            IntVector h = IntVector.fromArray(IS, LANE_INDEX, 0).add(i).mul(GOLDEN32).add(low);
            h = fmix32(fmix32(h).add(high));
            FloatVector u = ((FloatVector) h.lanewise(VectorOperators.LSHR, 8).convert(VectorOperators.I2F, 0))
                    .mul(0x1.0p-24f);
            FloatVector m = FloatVector.zero(S).blend(keepScale, u.compare(VectorOperators.GE, rate));
            m.intoArray(mask, i);
            FloatVector.fromArray(S, x, i).mul(m).intoArray(out, i);
        }
        for (; i < to; i++) {
            mask[i] = Rng.uniformAt(key, i) >= rate ? keepScale : 0f;
            out[i] = x[i] * mask[i];
        }
    }

    /** {@link Rng#uniformAt}'s constants (φ₃₂ and MurmurHash3's); KernelsTest checks both give the same bits. */
    private static final int GOLDEN32 = 0x9E3779B9, FMIX1 = 0x85EBCA6B, FMIX2 = 0xC2B2AE35;

    private static IntVector fmix32(IntVector h) {
        h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 16)).mul(FMIX1);
        h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 13)).mul(FMIX2);
        return h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 16));
    }

    /** {@code e^x}, as {@link Activations#exp(float)}. */
    static FloatVector exp(FloatVector x) {
        FloatVector c = x.max(Activations.EXP_MIN).min(Activations.EXP_MAX);
        // round(x·log₂e) + 127 lands in the low mantissa bits of t + 1.5·2²³, as in the scalar code
        FloatVector big = c.fma(Activations.LOG2E, 127f).add(Activations.ROUNDER);
        IntVector n = (IntVector) big.reinterpretAsInts().and(0x7FFFFF);
        FloatVector k = big.sub(Activations.ROUNDER).sub(127f);
        FloatVector r = k.neg().fma(FloatVector.broadcast(S, Activations.LN2_HI), c);
        r = k.neg().fma(FloatVector.broadcast(S, Activations.LN2_LO), r);
        FloatVector p = r.fma(Activations.P6, Activations.P5);
        p = p.fma(r, FloatVector.broadcast(S, Activations.P4));
        p = p.fma(r, FloatVector.broadcast(S, Activations.P3));
        p = p.fma(r, FloatVector.broadcast(S, Activations.P2));
        p = p.fma(r, FloatVector.broadcast(S, 1f));
        p = p.fma(r, FloatVector.broadcast(S, 1f));
        FloatVector scale = n.lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(scale);
    }

    static void reluBackward(float[] g, float[] y, float[] d, int from, int to) {
        int i = from;
        for (; i <= to - L; i += L) {
            FloatVector gv = FloatVector.fromArray(S, g, i);
            FloatVector.zero(S).blend(gv, FloatVector.fromArray(S, y, i).compare(VectorOperators.GT, 0f)).intoArray(d, i);
        }
        for (; i < to; i++) {
            d[i] = y[i] > 0f ? g[i] : 0f;
        }
    }

    static void leakyReluBackward(float[] g, float[] y, float[] d, float alpha, int from, int to) {
        int i = from;
        for (; i <= to - L; i += L) {
            FloatVector gv = FloatVector.fromArray(S, g, i);
            gv.mul(alpha).blend(gv, FloatVector.fromArray(S, y, i).compare(VectorOperators.GT, 0f)).intoArray(d, i);
        }
        for (; i < to; i++) {
            d[i] = y[i] > 0f ? g[i] : alpha * g[i];
        }
    }

    static void tanh(float[] z, float[] a, int from, int to) {
        int i = from;
        for (; i <= to - L; i += L) {
            FloatVector x = FloatVector.fromArray(S, z, i);
            FloatVector e = exp(x.abs().mul(-2f));
            FloatVector t = e.neg().add(1f).div(e.add(1f));
            t.blend(t.neg(), x.lt(0f)).intoArray(a, i);
        }
        for (; i < to; i++) {
            a[i] = Activations.tanh(z[i]);
        }
    }

    static void sigmoid(float[] z, float[] a, int from, int to) {
        int i = from;
        for (; i <= to - L; i += L) {
            FloatVector e = exp(FloatVector.fromArray(S, z, i).neg());
            FloatVector.broadcast(S, 1f).div(e.add(1f)).intoArray(a, i);
        }
        for (; i < to; i++) {
            a[i] = Activations.sigmoid(z[i]);
        }
    }
}
