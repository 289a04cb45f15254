package dev.neurite.optim;

import dev.neurite.layer.Param;
import java.util.List;

/**
 * An optimizer's hyper-parameters, immutable and validated on construction. {@link #create} builds
 * the stateful {@link Optimizer} for a list of parameters.
 */
public sealed interface OptimizerConfig permits Sgd, Momentum, Nesterov, Adam, AdamW {
    /** The base learning rate, before any schedule. */
    double learningRate();

    /** A new optimizer over {@code params} with fresh state. */
    Optimizer create(List<Param> params);

    /** The same optimizer with a different base learning rate. */
    OptimizerConfig withLearningRate(double learningRate);

    /** The name used on the command line: sgd, momentum, nesterov, adam or adamw. */
    String cliName();

    static void checkRate(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be > 0 and finite, was " + value);
        }
    }

    static void checkUnit(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), was " + value);
        }
    }
}
