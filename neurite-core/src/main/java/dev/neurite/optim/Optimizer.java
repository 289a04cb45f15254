package dev.neurite.optim;

import java.util.List;

/**
 * A stateful update rule over a fixed list of parameters, created by {@link OptimizerConfig#create}.
 */
public interface Optimizer {
    /** Updates every parameter from its current gradient, with the given learning rate. */
    void step(double learningRate);

    /** Lets the update run on several threads (element-wise, so the result does not change). */
    @SuppressWarnings("exports")   // an internal pool (dev.neurite.kernel) the trainer hands down
    default void parallelism(dev.neurite.kernel.Parallelism parallelism) {}

    /** How many steps have been taken. */
    long steps();

    /** The optimizer's state arrays (velocities, moments), live, in a fixed order; empty for plain SGD. */
    List<float[]> state();

    /** Restores a step count and state arrays taken from an optimizer of the same kind over the same parameters. */
    void restore(long steps, List<float[]> state);
}
