package dev.neurite.layer;

import dev.neurite.tensor.Matrix;
import dev.neurite.tensor.Rng;
import java.util.List;

/**
 * Inverted dropout (Srivastava et al., "Dropout: a simple way to prevent neural networks from
 * overfitting", JMLR 2014), as the second seed's correction note has it: in training each activation
 * is kept with probability {@code 1 − rate} and scaled by {@code 1 / (1 − rate)}, so the expected
 * activation is unchanged and inference is the identity.
 *
 * <pre>
 *   training:   out = x ⊙ m,  m_i = [u_i ≥ rate] / (1 − rate),  u_i ~ U[0,1)     dX = dOut ⊙ m
 *   inference:  out = x                                                          dX = dOut
 * </pre>
 */
public final class Dropout implements Layer {
    private final int size;
    private final float rate;
    private Matrix mask;
    private Matrix out;
    private Matrix dX;
    private boolean lastWasTraining;
    private boolean forwarded;

    /** @param rate the probability of dropping an activation, in [0, 1) */
    public Dropout(int size, double rate) {
        if (size <= 0) {
            throw new IllegalArgumentException("dropout size must be > 0, was " + size);
        }
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), was " + rate);
        }
        this.size = size;
        this.rate = (float) rate;
    }

    /** The probability of dropping an activation. */
    public float rate() { return rate; }

    @Override
    public int inputSize() { return size; }

    @Override
    public int outputSize() { return size; }

    @Override
    public Matrix forward(Matrix x, Mode mode) {
        Layer.requireColumns("dropout input", x, size);
        forwarded = true;
        lastWasTraining = mode instanceof Mode.Training && rate > 0f;
        if (!lastWasTraining) {
            return x;
        }
        Rng rng = ((Mode.Training) mode).rng();
        mask = Matrix.reuse(mask, x.rows(), size);
        out = Matrix.reuse(out, x.rows(), size);
        float keepScale = 1f / (1f - rate);
        float[] m = mask.data(), xs = x.data(), o = out.data();
        int n = x.size();
        for (int i = 0; i < n; i++) {
            m[i] = rng.nextFloat() >= rate ? keepScale : 0f;
            o[i] = xs[i] * m[i];
        }
        return out;
    }

    @Override
    public Matrix backward(Matrix dOut, boolean needInputGradient) {
        if (!forwarded) {
            throw new IllegalStateException("backward called before forward on " + describe());
        }
        if (!lastWasTraining) {
            return dOut;
        }
        Matrix.requireSameShape(dOut, mask);
        dX = Matrix.reuse(dX, dOut.rows(), size);
        float[] g = dOut.data(), m = mask.data(), d = dX.data();
        int n = dOut.size();
        for (int i = 0; i < n; i++) {
            d[i] = g[i] * m[i];
        }
        return dX;
    }

    @Override
    public List<Param> params() {
        return List.of();
    }

    @Override
    public String describe() {
        return "dropout(" + rate + ")";
    }
}
