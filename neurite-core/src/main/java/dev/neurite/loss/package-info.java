/**
 * Loss functions: sum-of-squares (the first seed), mean squared error, softmax + cross-entropy (the
 * second seed, fused and numerically stable) and sigmoid + binary cross-entropy (fused).
 *
 * <p>A loss reads the network's output and the targets, returns the loss in double and writes
 * {@code dOut = ∂L/∂out}. This is the only place that divides by the batch size. The fused losses
 * read logits: the network's final softmax or sigmoid is skipped in training and applied at
 * prediction time.
 *
 * <p>{@link dev.neurite.loss.LossWeights} adds class weights, per-example weights and label smoothing to any
 * of them, on a code path of its own (the plain losses are untouched when nothing is weighted).
 *
 * <p>Left out: ranking and sequence losses, focal loss.
 */
package dev.neurite.loss;
