package dev.neurite.layer;

import dev.neurite.tensor.Matrix;

/**
 * A tensor a layer keeps and updates itself, outside the optimizer: batch normalisation's running mean and
 * variance (PyTorch calls them buffers). It is saved in model files and checkpoints beside the parameters,
 * never has a gradient, and is never regularised.
 *
 * @param name  a stable name such as {@code "1.running_mean"}, used in model files
 * @param value the values, shape {@code (1, n)}
 */
public record Buffer(String name, Matrix value) {
    public int size() {
        return value.size();
    }
}
