package dev.neurite.layer;

import dev.neurite.tensor.Matrix;
import java.util.List;

/**
 * One step of a feed-forward network, batch-major: {@code x: (B, inputSize) → out: (B, outputSize)}.
 *
 * <p>The returned matrices are buffers owned by the layer, valid until its next call; callers read
 * them and never keep them.
 */
public sealed interface Layer permits Dense, Activation, Dropout, BatchNorm {
    int inputSize();

    int outputSize();

    /** Computes the output for a batch and keeps what {@link #backward} will read. */
    Matrix forward(Matrix x, Mode mode);

    /**
     * Given {@code dOut = ∂L/∂out} for the batch of the last {@link #forward}, overwrites the
     * gradients of this layer's parameters and returns {@code dX = ∂L/∂x}.
     *
     * @param needInputGradient false for the first layer, whose {@code dX} nobody reads; the layer may
     *                          then skip computing it and return null
     * @throws IllegalStateException if no forward pass preceded it
     */
    Matrix backward(Matrix dOut, boolean needInputGradient);

    /** The trainable parameters, in a fixed order; empty for parameter-free layers. */
    List<Param> params();

    /** Tensors the layer updates itself, outside the optimizer (batch normalisation's running statistics); usually none. */
    default List<Buffer> buffers() {
        return List.of();
    }

    /** Lets the layer spread its work over {@code parallelism}; results do not depend on it. */
    @SuppressWarnings("exports")   // an internal pool (dev.neurite.kernel) the trainer hands down
    void parallelism(dev.neurite.kernel.Parallelism parallelism);

    /**
     * A layer of the same kind and size whose parameters are this layer's own {@link Param} objects
     * (shared, not copied) and whose buffers are new, so another thread can run inference on it while
     * this one is used; nothing may train either while both are in use.
     */
    Layer sharingParams();

    /** A short form such as {@code "dense(784→30)"} or {@code "tanh"}. */
    String describe();

    static void requireColumns(String what, Matrix m, int expected) {
        if (m.cols() != expected) {
            throw new IllegalArgumentException(what + " has " + m.cols() + " columns, expected " + expected
                    + " (shape " + m.shape() + ")");
        }
    }
}
