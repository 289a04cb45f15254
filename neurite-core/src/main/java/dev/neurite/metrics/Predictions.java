package dev.neurite.metrics;

import dev.neurite.model.OutputHead;
import dev.neurite.tensor.Matrix;

/**
 * Counting right answers in a batch, by the rule of the network's {@link OutputHead}.
 */
public final class Predictions {
    private Predictions() {}

    /**
     * How many rows of {@code out} (the loss's input, as {@code Network.forward(x, mode, loss)} returns
     * it) predict the class whose target row in {@code y} is hot (or the 0/1 target).
     */
    public static int correct(Matrix out, Matrix y, OutputHead head) {
        int right = 0;
        for (int r = 0; r < out.rows(); r++) {
            if (head.classOfLossInput(out, r) == OutputHead.classOfTarget(y, r)) {
                right++;
            }
        }
        return right;
    }
}
