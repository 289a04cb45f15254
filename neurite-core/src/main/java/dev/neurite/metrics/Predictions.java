package dev.neurite.metrics;

import dev.neurite.tensor.Kernels;
import dev.neurite.tensor.Matrix;

/**
 * The class a row of network output stands for.
 */
public final class Predictions {
    private Predictions() {}

    /**
     * The arg-max column, or for a single column: 1 when the output is at least 0.5 (a probability)
     * or at least 0 (a logit), else 0.
     */
    public static int classOf(Matrix out, int row, boolean logits) {
        if (out.cols() == 1) {
            return out.get(row, 0) >= (logits ? 0f : 0.5f) ? 1 : 0;
        }
        return Kernels.argmaxRow(out, row);
    }

    /** How many rows of {@code out} predict the class whose target row in {@code y} is hot (or the 0/1 target). */
    public static int correct(Matrix out, Matrix y, boolean logits) {
        int right = 0;
        for (int r = 0; r < out.rows(); r++) {
            int truth = y.cols() == 1 ? (y.get(r, 0) >= 0.5f ? 1 : 0) : Kernels.argmaxRow(y, r);
            if (classOf(out, r, logits) == truth) {
                right++;
            }
        }
        return right;
    }
}
