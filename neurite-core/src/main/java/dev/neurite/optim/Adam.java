package dev.neurite.optim;

import dev.neurite.layer.Param;
import java.util.List;

/**
 * Adam (Kingma and Ba, "Adam: a method for stochastic optimization", ICLR 2015), step t ≥ 1:
 *
 * <pre>
 *   m ← β₁m + (1−β₁)g          v ← β₂v + (1−β₂)g²
 *   w ← w − lr · (m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε)
 * </pre>
 */
public record Adam(double learningRate, double beta1, double beta2, double epsilon) implements OptimizerConfig {
    public Adam {
        OptimizerConfig.checkRate("learningRate", learningRate);
        OptimizerConfig.checkUnit("beta1", beta1);
        OptimizerConfig.checkUnit("beta2", beta2);
        OptimizerConfig.checkRate("epsilon", epsilon);
    }

    /** The paper's defaults: β₁ = 0.9, β₂ = 0.999, ε = 1e−8. */
    public static Adam of(double learningRate) {
        return new Adam(learningRate, 0.9, 0.999, 1e-8);
    }

    @Override
    public Optimizer create(List<Param> params) {
        return adamUpdate(params, beta1, beta2, epsilon, 0);
    }

    /** Adam's rule, with decoupled weight decay {@code w ← w − lr·λ·w} on weights first when {@code decay > 0}. */
    static Optimizer adamUpdate(List<Param> params, double beta1, double beta2, double epsilon, double decay) {
        float b1 = (float) beta1, b2 = (float) beta2, eps = (float) epsilon;
        return new StatefulOptimizer(params, 2) {
            private float correction1;
            private float correction2;

            @Override
            void beginStep(long t) {
                correction1 = (float) (1 - Math.pow(beta1, t));
                correction2 = (float) (1 - Math.pow(beta2, t));
            }

            @Override
            void update(float[] w, float[] g, int from, int to, float[][] slots, float lr, boolean weight) {
                float[] m = slots[0], v = slots[1];
                float shrink = weight ? (float) (1 - lr * decay) : 1f;
                float stepSize = lr / correction1;
                float sqrtC2 = (float) Math.sqrt(correction2);
                for (int i = from; i < to; i++) {
                    float gi = g[i];
                    m[i] = b1 * m[i] + (1 - b1) * gi;
                    v[i] = b2 * v[i] + (1 - b2) * gi * gi;
                    w[i] = w[i] * shrink - stepSize * m[i] / ((float) Math.sqrt(v[i]) / sqrtC2 + eps);
                }
            }
        };
    }

    @Override
    public Adam withLearningRate(double learningRate) { return new Adam(learningRate, beta1, beta2, epsilon); }

    @Override
    public String cliName() { return "adam"; }
}
