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
        return Velocity.create(params, momentum, true);
    }

    @Override
    public Nesterov withLearningRate(double learningRate) { return new Nesterov(learningRate, momentum); }

    @Override
    public String cliName() { return "nesterov"; }
}
