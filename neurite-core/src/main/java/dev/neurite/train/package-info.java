/**
 * Training: {@link dev.neurite.train.Trainer} owns the loop (epochs of minibatches: forward, loss,
 * backward, regularisation, optimizer step, constraints), evaluates validation data each epoch, tells
 * {@link dev.neurite.train.TrainingListener}s about every batch and epoch, stops early when asked,
 * and returns the {@link dev.neurite.train.History}. A run that diverges (a non-finite loss, gradient or
 * weight, or a loss grown a thousandfold) stops with {@link dev.neurite.train.TrainingDivergedException};
 * checkpoints are validated value by value on resume and their folder is locked while a run writes them.
 *
 * <p>All randomness (shuffling, dropout masks) comes from the configured seed, so the same seed gives
 * bit-identical weights run after run. Left out: distributed training, mixed precision.
 */
package dev.neurite.train;
