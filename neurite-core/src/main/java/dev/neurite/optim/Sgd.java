package dev.neurite.optim;

import dev.neurite.layer.Param;
import java.util.List;

/**
 * Plain stochastic gradient descent, {@code w ← w − lr·g}. Static factories name the other SGD variants.
 */
public record Sgd(double learningRate) implements OptimizerConfig {
    public Sgd {
        OptimizerConfig.checkRate("learningRate", learningRate);
    }

    /** Plain SGD. */
    public static Sgd plain(double learningRate) {
        return new Sgd(learningRate);
    }

    /** Momentum as the second seed writes it (= Sutskever et al.'s classical momentum). */
    public static Momentum momentum(double learningRate, double momentum) {
        return new Momentum(learningRate, momentum);
    }

    /** Nesterov's accelerated gradient. */
    public static Nesterov nesterov(double learningRate, double momentum) {
        return new Nesterov(learningRate, momentum);
    }

    @Override
    public Optimizer create(List<Param> params) {
        return new StatefulOptimizer(params, 0) {
            @Override
            void update(float[] w, float[] g, int from, int to, float[][] state, float lr, boolean weight) {
                for (int i = from; i < to; i++) {
                    w[i] -= lr * g[i];
                }
            }
        };
    }

    @Override
    public Sgd withLearningRate(double learningRate) { return new Sgd(learningRate); }

    @Override
    public String cliName() { return "sgd"; }
}
