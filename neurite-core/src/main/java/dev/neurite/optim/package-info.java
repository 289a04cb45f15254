/**
 * Optimizers, learning-rate schedules and regularisation.
 *
 * <p>An {@link dev.neurite.optim.OptimizerConfig} (immutable, validated) creates a stateful
 * {@link dev.neurite.optim.Optimizer} over a list of {@link dev.neurite.layer.Param}s; the optimizer
 * reads their gradients and updates their values, knowing nothing of layers, batches or data.
 * {@link dev.neurite.optim.LearningRateSchedule} gives the rate for each epoch, or for each step (per-step
 * cosine, one-cycle, a warm-up in front of any schedule); {@link dev.neurite.optim.GradientClipping} clips
 * gradients by value and by their global norm before the step;
 * {@link dev.neurite.optim.Regularization} adds L1/L2 penalties to the loss and gradients of weights
 * (never biases) and applies the max-norm constraint after each step.
 *
 * <p>Left out: second-order methods, per-parameter-group settings, per-layer norm clipping.
 */
package dev.neurite.optim;
