package dev.neurite.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorShape;
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

    /** Longs in a vector of the same size as {@link #S}: half as many lanes. */
    private static final VectorSpecies<Long> LS = VectorSpecies.of(long.class, VectorShape.forBitSize(S.vectorBitSize()));

    /** 0, 1, 2, …: loaded each time (a vector kept in a field, or made by addIndex, was boxed per call). */
    private static final long[] LANE_INDEX = java.util.stream.LongStream.range(0, LS.length()).toArray();

    private VectorKernels() {}

    /**
     * Inverted dropout over {@code [from, to)}, lane for lane {@link Kernels#dropout}'s scalar code: the
     * SplitMix64 finaliser of {@link Rng#uniformAt} on 64-bit lanes, its top 24 bits made a float. Only
     * the species of the other kernels is used: a second float shape in the same JVM made C2 fall back
     * to the Vector API's Java code in the matrix kernels (30 times slower).
     */
    static void dropout(float[] x, float[] mask, float[] out, long key, float rate, float keepScale, int from, int to) {
        int half = LS.length();
        int i = from;
        for (; i <= to - L; i += L) {
            FloatVector lo = (FloatVector) uniformBits(i, key).convertShape(VectorOperators.L2F, S, 0);
            FloatVector hi = (FloatVector) uniformBits(i + half, key).convertShape(VectorOperators.L2F, S, -1);
            FloatVector u = lo.add(hi).mul(0x1.0p-24f);            // each lane is one half's value plus zero
            FloatVector m = FloatVector.zero(S).blend(keepScale, u.compare(VectorOperators.GE, rate));
            m.intoArray(mask, i);
            FloatVector.fromArray(S, x, i).mul(m).intoArray(out, i);
        }
        for (; i < to; i++) {
            mask[i] = Rng.uniformAt(key, i) >= rate ? keepScale : 0f;
            out[i] = x[i] * mask[i];
        }
    }

    /** The top 24 bits of {@code mix(key + (index + 1)·GOLDEN)} for the indices {@code i + lane}. */
    private static LongVector uniformBits(int i, long key) {
        LongVector z = LongVector.fromArray(LS, LANE_INDEX, 0).add(i + 1L).mul(Rng.GOLDEN).add(key);
        z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(Rng.MIX1);
        z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(Rng.MIX2);
        z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31));
        return z.lanewise(VectorOperators.LSHR, 40);
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
