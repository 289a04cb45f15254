package dev.neurite.optim;

import dev.neurite.layer.Param;
import java.util.List;

/**
 * Momentum exactly as the second seed writes it: the previous update, times the momentum constant,
 * is added to the new one.
 *
 * <pre>
 *   u ← lr·g + μ·u        (the seed's w_update + momentum_const · prev_grad)
 *   w ← w − u
 * </pre>
 *
 * This is the classical momentum of Sutskever et al., "On the importance of initialization and
 * momentum in deep learning" (ICML 2013), with {@code v = −u}. PyTorch's form ({@code v ← μv + g;
 * w ← w − lr·v}) gives the same steps while the learning rate is constant and differs once a
 * schedule changes it: here the old velocity keeps the old rate.
 */
public record Momentum(double learningRate, double momentum) implements OptimizerConfig {
    public Momentum {
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
                    u[i] = lr * g[i] + mu * u[i];
                    w[i] -= u[i];
                }
            }
        };
    }

    @Override
    public Momentum withLearningRate(double learningRate) { return new Momentum(learningRate, momentum); }

    @Override
    public String cliName() { return "momentum"; }
}
