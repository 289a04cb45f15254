package dev.neurite.optim;

import dev.neurite.layer.Param;
import java.util.List;

/**
 * Nesterov's accelerated gradient in the form of Sutskever et al. (ICML 2013), rewritten so that the
 * gradient is taken at the current weights (Bengio et al., "Advances in optimizing recurrent
 * networks", 2013; as Keras' {@code SGD(nesterov=True)}):
 *
 * <pre>
 *   u ← μ·u + lr·g
 *   w ← w − (μ·u + lr·g)
 * </pre>
 */
public record Nesterov(double learningRate, double momentum) implements OptimizerConfig {
    public Nesterov {
        OptimizerConfig.checkRate("learningRate", learningRate);
        OptimizerConfig.checkUnit("momentum", momentum);
    }

    @Override
    public Optimizer create(List<Param> params) {
        float mu = (float) momentum;
        return new StatefulOptimizer(params, 1) {
            @Override
            void update(float[] w, float[] g, int from, int to, float[][] slots, float lr, boolean weight) {
                float[] u = slots[0];
                for (int i = from; i < to; i++) {
                    float step = lr * g[i];
                    u[i] = mu * u[i] + step;
                    w[i] -= mu * u[i] + step;
                }
            }
        };
    }

    @Override
    public Nesterov withLearningRate(double learningRate) { return new Nesterov(learningRate, momentum); }

    @Override
    public String cliName() { return "nesterov"; }
}
