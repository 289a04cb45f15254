package dev.neurite.data;

import dev.neurite.tensor.Matrix;

/**
 * One-hot encoding: label {@code j} of example {@code i} becomes row {@code i} with a 1 in column
 * {@code j}. Neurite is batch-major, so this is the transpose of the second seed's
 * {@code encode_labels}, which puts examples in columns.
 */
public final class OneHot {
    private OneHot() {}

    /** {@code labels: (N)} → {@code Y: (N, numClasses)}. */
    public static Matrix encode(int[] labels, int numClasses) {
        if (numClasses <= 0) {
            throw new IllegalArgumentException("numClasses must be > 0, was " + numClasses);
        }
        Matrix y = Matrix.zeros(labels.length, numClasses);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("label " + i + " is " + labels[i] + ", outside [0, " + numClasses + ")");
            }
            y.data()[i * numClasses + labels[i]] = 1f;
        }
        return y;
    }
}
