package dev.neurite.optim;

import dev.neurite.layer.Param;
import java.util.List;

/**
 * Clips the gradients of every parameter (weights and biases) before the optimizer's step, after the
 * regularisation's gradient has been added (so the whole objective's gradient is clipped, as Keras clips
 * the gradient of a loss that holds the penalties):
 *
 * <pre>
 *   by value:  g ← min(max(g, −v), v)                       each element          (Keras' clipvalue)
 *   by norm:   ‖g‖ = sqrt(Σ over all parameters Σ g²)        in double, in parameter order
 *              g ← g · min(1, c / (‖g‖ + 1e−6))              (PyTorch's clip_grad_norm_, Keras' global_clipnorm)
 * </pre>
 *
 * Value clipping comes first when both are set (PyTorch users who call clip_grad_value_ then
 * clip_grad_norm_ get the same). The norm is summed in one fixed order, so clipping is the same for any
 * thread count. Nothing allocates.
 *
 * @param maxNorm  the largest global L2 norm c, &gt; 0, or 0 for no norm clipping
 * @param maxValue the largest absolute value v of an element, &gt; 0, or 0 for no value clipping
 */
public record GradientClipping(double maxNorm, double maxValue) {
    /** No clipping. */
    public static final GradientClipping NONE = new GradientClipping(0, 0);

    /** PyTorch's {@code clip_grad_norm_}: the added term that keeps a zero gradient from dividing by zero. */
    static final double EPSILON = 1e-6;

    public GradientClipping {
        check("maxNorm", maxNorm);
        check("maxValue", maxValue);
    }

    /** Clipping by the global norm {@code c} alone. */
    public static GradientClipping byNorm(double maxNorm) {
        return new GradientClipping(positive("maxNorm", maxNorm), 0);
    }

    /** Clipping of each element to {@code [−v, v]} alone. */
    public static GradientClipping byValue(double maxValue) {
        return new GradientClipping(0, positive("maxValue", maxValue));
    }

    private static double positive(String name, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(name + " must be > 0 and finite, was " + value);
        }
        return value;
    }

    private static void check(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be > 0 and finite (0 for none), was " + value);
        }
    }

    /** Whether this clips anything. */
    public boolean enabled() { return maxNorm > 0 || maxValue > 0; }

    /**
     * Clips every {@code Param.grad} of {@code params} in place; returns the global norm the gradients had
     * after value clipping and before norm clipping (NaN when the norm is not clipped).
     */
    public double apply(List<Param> params) {
        if (maxValue > 0) {
            float hi = (float) maxValue, lo = -hi;
            for (int p = 0, count = params.size(); p < count; p++) {
                Param param = params.get(p);
                float[] g = param.grad().data();
                for (int i = 0, n = param.size(); i < n; i++) {
                    g[i] = Math.min(Math.max(g[i], lo), hi);
                }
            }
        }
        if (maxNorm == 0) {
            return Double.NaN;
        }
        double norm = Math.sqrt(sumOfSquares(params));
        double coefficient = maxNorm / (norm + EPSILON);
        if (coefficient < 1) {
            float scale = (float) coefficient;
            for (int p = 0, count = params.size(); p < count; p++) {
                Param param = params.get(p);
                float[] g = param.grad().data();
                for (int i = 0, n = param.size(); i < n; i++) {
                    g[i] *= scale;
                }
            }
        }
        return norm;
    }

    /** {@code Σ g²} over every gradient, in double, parameter by parameter. */
    public static double sumOfSquares(List<Param> params) {
        double sum = 0;
        for (int p = 0, count = params.size(); p < count; p++) {
            Param param = params.get(p);
            float[] g = param.grad().data();
            for (int i = 0, n = param.size(); i < n; i++) {
                sum += (double) g[i] * g[i];
            }
        }
        return sum;
    }
}
