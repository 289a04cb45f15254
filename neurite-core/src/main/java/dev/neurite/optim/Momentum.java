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
        return Velocity.create(params, momentum, false);
    }

    @Override
    public Momentum withLearningRate(double learningRate) { return new Momentum(learningRate, momentum); }

    @Override
    public String cliName() { return "momentum"; }
}
