package dev.neurite.layer;

import dev.neurite.tensor.Matrix;

/**
 * A trainable tensor: its value, the gradient of the loss with respect to it for the current batch,
 * and whether it is a weight (regularised, max-norm constrained) or a bias (neither).
 *
 * @param name   a stable name such as {@code "0.weight"}, used in model files and gradient reports
 * @param value  the parameter; for a weight, shape {@code (in, out)}
 * @param grad   ∂L/∂value, same shape, overwritten by each backward pass
 * @param weight true for a weight matrix, false for a bias
 */
public record Param(String name, Matrix value, Matrix grad, boolean weight) {
    public Param {
        Matrix.requireSameShape(value, grad);
    }

    static Param of(String name, int rows, int cols, boolean weight) {
        return new Param(name, Matrix.zeros(rows, cols), Matrix.zeros(rows, cols), weight);
    }

    public int size() {
        return value.size();
    }
}
