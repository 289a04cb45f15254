/**
 * Layers: {@link dev.neurite.layer.Dense}, {@link dev.neurite.layer.Activation},
 * {@link dev.neurite.layer.Dropout} and {@link dev.neurite.layer.BatchNorm}, their parameters ({@link dev.neurite.layer.Param}), weight
 * initialisers ({@link dev.neurite.layer.Init}), the running statistics a layer keeps itself
 * ({@link dev.neurite.layer.Buffer}) and the training/inference {@link dev.neurite.layer.Mode}.
 *
 * <p>Each layer knows its input and its parameters, never the loss, the optimizer or its neighbours.
 * {@code forward} keeps what {@code backward} reads; {@code backward} overwrites the gradients of the
 * layer's parameters for the current batch and returns {@code dX}. Output and gradient buffers are
 * owned by the layer and reused from batch to batch.
 *
 * <p>Left out: convolution, recurrence, layer normalisation, layers with more than one input.
 */
package dev.neurite.layer;
