package dev.neurite.optim;

import dev.neurite.layer.Param;
import java.util.List;

/**
 * L1 and L2 penalties on weights (never biases) and the max-norm constraint.
 *
 * <pre>
 *   penalty  = l1·Σ|w| + (l2/2)·Σw²
 *   gradient += l1·sign(w) + l2·w                 (the second seed: "the derivative … is simply λw")
 *   max-norm: after each step, each unit's incoming weight vector (a column of W: (in,out)) is
 *             rescaled to norm c when its L2 norm exceeds c (Srivastava et al., 2014)
 * </pre>
 *
 * @param l1      L1 strength, ≥ 0
 * @param l2      L2 strength, ≥ 0
 * @param maxNorm the max-norm bound c, > 0, or 0 for none
 */
public record Regularization(double l1, double l2, double maxNorm) {
    public static final Regularization NONE = new Regularization(0, 0, 0);

    public Regularization {
        check("l1", l1);
        check("l2", l2);
        check("maxNorm", maxNorm);
    }

    private static void check(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be >= 0 and finite, was " + value);
        }
    }

    /** The penalty term added to the loss. */
    public double penalty(List<Param> params) {
        if (l1 == 0 && l2 == 0) {
            return 0;
        }
        double abs = 0, squares = 0;
        for (Param p : params) {
            if (!p.weight()) {
                continue;
            }
            float[] w = p.value().data();
            for (int i = 0, n = p.size(); i < n; i++) {
                abs += Math.abs(w[i]);
                squares += (double) w[i] * w[i];
            }
        }
        return l1 * abs + 0.5 * l2 * squares;
    }

    /** Adds the penalty's gradient to each weight's gradient. */
    public void addGradients(List<Param> params) {
        if (l1 == 0 && l2 == 0) {
            return;
        }
        float a = (float) l1, b = (float) l2;
        for (Param p : params) {
            if (!p.weight()) {
                continue;
            }
            float[] w = p.value().data(), g = p.grad().data();
            for (int i = 0, n = p.size(); i < n; i++) {
                g[i] += a * Math.signum(w[i]) + b * w[i];
            }
        }
    }

    /** Per thread: the columns' sums of squares, then their scales. */
    private static final ThreadLocal<double[][]> COLUMNS = ThreadLocal.withInitial(() -> new double[][] {new double[0]});

    /**
     * Rescales each column of each weight whose L2 norm exceeds {@link #maxNorm()}. W is read row by
     * row (in memory order), each column's sum of squares still accumulated in double over rows 0, 1, …;
     * a column pass over a 1024×1024 matrix, 4 KB between its elements, took longer than the training
     * step it followed.
     */
    public void applyConstraints(List<Param> params) {
        if (maxNorm == 0) {
            return;
        }
        double[][] holder = COLUMNS.get();
        for (Param p : params) {
            if (!p.weight()) {
                continue;
            }
            float[] w = p.value().data();
            int rows = p.value().rows(), cols = p.value().cols();
            if (holder[0].length < cols) {
                holder[0] = new double[cols];
            }
            double[] col = holder[0];
            java.util.Arrays.fill(col, 0, cols, 0.0);
            for (int r = 0; r < rows; r++) {
                int base = r * cols;
                for (int c = 0; c < cols; c++) {
                    double v = w[base + c];
                    col[c] += v * v;
                }
            }
            boolean any = false;
            for (int c = 0; c < cols; c++) {
                double norm = Math.sqrt(col[c]);
                boolean over = norm > maxNorm;
                col[c] = over ? (float) (maxNorm / norm) : 1.0;      // w·1 is w, bit for bit
                any |= over;
            }
            if (!any) {
                continue;
            }
            for (int r = 0; r < rows; r++) {
                int base = r * cols;
                for (int c = 0; c < cols; c++) {
                    w[base + c] *= (float) col[c];
                }
            }
        }
    }
}
