package dev.neurite.optim;

import dev.neurite.layer.Param;
import java.util.List;

/**
 * The one velocity update behind {@link Momentum} and {@link Nesterov} (Sutskever et al., ICML 2013):
 *
 * <pre>
 *   u ← μ·u + lr·g
 *   w ← w − u                 classical momentum (the second seed's form)
 *   w ← w − (μ·u + lr·g)      Nesterov, with the gradient taken at the current weights
 * </pre>
 *
 * Float addition is commutative, so {@code μ·u + lr·g} gives the bits of the seed's {@code lr·g + μ·u}.
 */
final class Velocity {
    private Velocity() {}

    static Optimizer create(List<Param> params, double momentum, boolean nesterov) {
        float mu = (float) momentum;
        return new StatefulOptimizer(params, 1) {
            @Override
            void update(float[] w, float[] g, int from, int to, float[][] slots, float lr, boolean weight) {
                float[] u = slots[0];
                if (nesterov) {
                    for (int i = from; i < to; i++) {
                        float step = lr * g[i];
                        float v = mu * u[i] + step;
                        u[i] = v;
                        w[i] -= mu * v + step;
                    }
                } else {
                    for (int i = from; i < to; i++) {
                        float v = mu * u[i] + lr * g[i];
                        u[i] = v;
                        w[i] -= v;
                    }
                }
            }
        };
    }
}
