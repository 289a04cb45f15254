package dev.neurite;

import dev.neurite.data.Dataset;
import dev.neurite.tensor.Matrix;
import dev.neurite.tensor.Rng;

/** Small data sets the tests make themselves. */
public final class TestData {
    private TestData() {}

    /** A {@code (rows, cols)} matrix uniform on [low, high), from {@code seed}. */
    public static Matrix uniform(int rows, int cols, double low, double high, long seed) {
        Rng rng = new Rng(seed);
        Matrix m = Matrix.zeros(rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.data()[i] = (float) (low + (high - low) * rng.nextDouble());
        }
        return m;
    }

    /** Random labels in [0, classes). */
    public static int[] labels(int n, int classes, long seed) {
        Rng rng = new Rng(seed);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(classes);
        }
        return y;
    }

    /**
     * {@code classes} interleaved spiral arms in 2-D, {@code perClass} points each, with a little noise:
     * a classic problem no linear model solves.
     */
    public static Dataset spirals(int perClass, int classes, long seed) {
        Rng rng = new Rng(seed);
        int n = perClass * classes;
        Matrix x = Matrix.zeros(n, 2);
        int[] y = new int[n];
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < perClass; i++) {
                double r = (double) i / perClass;
                double t = c * 2 * Math.PI / classes + 4 * r + 0.2 * rng.nextGaussian();
                int row = c * perClass + i;
                x.set(row, 0, (float) (r * Math.sin(t)));
                x.set(row, 1, (float) (r * Math.cos(t)));
                y[row] = c;
            }
        }
        return Dataset.classification(x, y, classes);
    }
}
