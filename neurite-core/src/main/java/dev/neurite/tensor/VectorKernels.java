package dev.neurite.tensor;

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

    private VectorKernels() {}

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
