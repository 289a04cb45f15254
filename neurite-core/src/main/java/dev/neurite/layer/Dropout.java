package dev.neurite.layer;

import dev.neurite.kernel.Kernels;
import dev.neurite.tensor.Matrix;
import dev.neurite.kernel.Parallelism;
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
 *
 * <p>Each forward pass draws one 64-bit key from the training RNG; unit i's {@code u_i} is
 * {@link Rng#uniformAt}(key, i), so masks can be drawn by several threads with the same result.
 */
public final class Dropout implements Layer {
    private final int size;
    private final float rate;
    private Matrix mask;
    private Matrix out;
    private Matrix dX;
    private boolean lastWasTraining;
    private boolean forwarded;
    private Parallelism parallelism = Parallelism.SERIAL;

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

    @Override
    public Dropout sharingParams() {
        return new Dropout(size, rate);
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
        long key = ((Mode.Training) mode).rng().nextLong();
        mask = Matrix.reuse(mask, x.rows(), size);
        out = Matrix.reuse(out, x.rows(), size);
        float keepScale = 1f / (1f - rate), drop = rate;
        float[] m = mask.data(), xs = x.data(), o = out.data();
        parallelism.forElements(x.size(), (from, to) -> Kernels.dropout(xs, m, o, key, drop, keepScale, from, to));
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
        parallelism.forElements(dOut.size(), (from, to) -> {
            for (int i = from; i < to; i++) {
                d[i] = g[i] * m[i];
            }
        });
        return dX;
    }

    @SuppressWarnings("exports")   // an internal pool (dev.neurite.kernel) the trainer hands down
    @Override
    public void parallelism(Parallelism parallelism) {
        this.parallelism = java.util.Objects.requireNonNull(parallelism, "parallelism");
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
