package dev.neurite.optim;

import dev.neurite.layer.Param;
import java.util.List;

/**
 * AdamW (Loshchilov and Hutter, "Decoupled weight decay regularization", ICLR 2019): Adam, with the
 * weight decay applied to the weights directly instead of through the gradient, as PyTorch's
 * {@code AdamW}: {@code w ← w·(1 − lr·λ)}, then the Adam step. Biases are not decayed.
 */
public record AdamW(double learningRate, double beta1, double beta2, double epsilon, double weightDecay)
        implements OptimizerConfig {
    public AdamW {
        OptimizerConfig.checkRate("learningRate", learningRate);
        OptimizerConfig.checkUnit("beta1", beta1);
        OptimizerConfig.checkUnit("beta2", beta2);
        OptimizerConfig.checkRate("epsilon", epsilon);
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be >= 0 and finite, was " + weightDecay);
        }
    }

    /** PyTorch's defaults: β₁ = 0.9, β₂ = 0.999, ε = 1e−8, λ = 0.01. */
    public static AdamW of(double learningRate) {
        return new AdamW(learningRate, 0.9, 0.999, 1e-8, 0.01);
    }

    @Override
    public Optimizer create(List<Param> params) {
        return Adam.adamUpdate(params, beta1, beta2, epsilon, weightDecay);
    }

    @Override
    public AdamW withLearningRate(double learningRate) {
        return new AdamW(learningRate, beta1, beta2, epsilon, weightDecay);
    }

    @Override
    public String cliName() { return "adamw"; }
}
