package dev.neurite.metrics;

import dev.neurite.data.Dataset;
import dev.neurite.data.Normalization;
import dev.neurite.layer.Mode;
import dev.neurite.loss.Loss;
import dev.neurite.model.Fits;
import dev.neurite.model.Network;
import dev.neurite.model.OutputHead;
import dev.neurite.tensor.Matrix;

/**
 * A network measured on a data set in inference mode: the mean loss, for labelled sets the accuracy
 * and the confusion matrix ({@code confusion[true][predicted]}), for regression sets
 *
 * <pre>
 *   RMSE = √( Σ (ŷ − y)² / (N·K) )      MAE = Σ |ŷ − y| / (N·K)
 *   R²   = mean over the K targets of 1 − Σ_i (ŷ_ik − y_ik)² / Σ_i (y_ik − ȳ_k)²
 * </pre>
 * (R² as scikit-learn's {@code r2_score}: the uniform average over targets; NaN for a constant target).
 * Classes are decided by the network's {@link OutputHead}. Sums are accumulated in double.
 */
public final class Evaluation {
    private static final int CHUNK = 1000;

    private final double loss;
    private final long[][] confusion; // null for regression
    private final int count;
    private final double rmse, mae, r2; // NaN for labelled sets
    private double[][] perTarget;       // rmse, mae, r2 of each target; null for labelled sets

    private Evaluation(double loss, long[][] confusion, int count, double rmse, double mae, double r2) {
        this.loss = loss;
        this.confusion = confusion;
        this.count = count;
        this.rmse = rmse;
        this.mae = mae;
        this.r2 = r2;
    }

    /** Evaluates with the loss the output layer suggests ({@link OutputHead#defaultLoss}). */
    public static Evaluation of(Network network, Dataset data) {
        return of(network, data, OutputHead.defaultLoss(network));
    }

    /** Evaluates {@code network} on {@code data}; the loss is the mean over the set (the sum for sum-of-squares). */
    public static Evaluation of(Network network, Dataset data, Loss loss) {
        return of(network, data, loss, null);
    }

    /**
     * Evaluates {@code network} on {@code data} whose features are applied {@code normalization} (null for
     * none) chunk by chunk on a copy first; {@code data} is not modified.
     */
    public static Evaluation of(Network network, Dataset data, Loss loss, Normalization normalization) {
        OutputHead head = OutputHead.of(network, loss);
        Fits.dataset(network, "the data", data);
        int n = data.size();
        if (n == 0) {
            throw new IllegalArgumentException("cannot evaluate on an empty data set");
        }
        long[][] confusion = data.hasLabels() ? new long[data.numClasses()][data.numClasses()] : null;
        Errors errors = confusion == null ? new Errors(data.y()) : null;
        boolean summed = head.summedLoss();
        Matrix x = null, y = null;
        double total = 0;
        for (int start = 0; start < n; start += CHUNK) {
            int rows = Math.min(CHUNK, n - start);
            x = slice(data.x(), start, rows, x);
            y = slice(data.y(), start, rows, y);
            if (normalization != null) {
                normalization.applyInPlace(x);
            }
            Matrix out = network.forward(x, Mode.INFERENCE, loss);
            double l = loss.value(out, y);
            total += summed ? l : l * rows;
            if (confusion != null) {
                for (int r = 0; r < rows; r++) {
                    confusion[data.label(start + r)][head.classOfLossInput(out, r)]++;
                }
            } else {
                errors.add(out, y);
            }
        }
        double mean = summed ? total : total / n;
        if (errors == null) {
            return new Evaluation(mean, confusion, n, Double.NaN, Double.NaN, Double.NaN);
        }
        Evaluation ev = new Evaluation(mean, null, n, errors.rmse(), errors.mae(), errors.r2());
        ev.perTarget = errors.perTarget();
        return ev;
    }

    private static Matrix slice(Matrix m, int start, int rows, Matrix buffer) {
        Matrix out = Matrix.reuse(buffer, rows, m.cols());
        System.arraycopy(m.data(), start * m.cols(), out.data(), 0, rows * m.cols());
        return out;
    }

    /** Whether this is a regression set's evaluation (RMSE, MAE and R² instead of accuracy). */
    public boolean isRegression() { return confusion == null; }

    /** Root-mean-square error over all outputs, or NaN for a labelled set. */
    public double rmse() { return rmse; }

    /** Mean absolute error over all outputs, or NaN for a labelled set. */
    public double mae() { return mae; }

    /** The coefficient of determination R², averaged over targets; NaN for a labelled set or a constant target. */
    public double r2() { return r2; }

    /** The number of regression targets K (0 for a labelled set). */
    public int targets() { return perTarget == null ? 0 : perTarget[0].length; }

    /** The RMSE of target column {@code k} alone: √(Σ_i (ŷ_ik − y_ik)² / N). */
    public double rmse(int k) { return regressionFigure(0, k); }

    /** The MAE of target column {@code k} alone: Σ_i |ŷ_ik − y_ik| / N. */
    public double mae(int k) { return regressionFigure(1, k); }

    /** R² of target column {@code k} alone (NaN for a constant target): scikit-learn's {@code multioutput='raw_values'}. */
    public double r2(int k) { return regressionFigure(2, k); }

    private double regressionFigure(int which, int k) {
        if (perTarget == null) {
            throw new IllegalStateException("a labelled set has no per-target regression figures");
        }
        if (k < 0 || k >= perTarget[0].length) {
            throw new IllegalArgumentException("target must be in [0, " + perTarget[0].length + "), was " + k);
        }
        return perTarget[which][k];
    }

    /** The mean loss over the set. */
    public double loss() { return loss; }

    /** The number of examples. */
    public int count() { return count; }

    /** The fraction classified correctly, or NaN for a regression set. */
    public double accuracy() {
        if (confusion == null) {
            return Double.NaN;
        }
        long right = 0;
        for (int c = 0; c < confusion.length; c++) {
            right += confusion[c][c];
        }
        return (double) right / count;
    }

    /** A copy of the confusion matrix, {@code [true class][predicted class]}. */
    public long[][] confusion() {
        if (confusion == null) {
            throw new IllegalStateException("a regression set has no confusion matrix");
        }
        long[][] copy = new long[confusion.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }

    /** Of the examples predicted as {@code c}, the fraction that are {@code c}; 0 when none were. */
    public double precision(int c) {
        long predicted = 0;
        for (long[] row : confusion()) {
            predicted += row[c];
        }
        return predicted == 0 ? 0 : (double) confusion[c][c] / predicted;
    }

    /** Of the examples of class {@code c}, the fraction predicted as {@code c}; 0 when there are none. */
    public double recall(int c) {
        long actual = 0;
        for (long v : confusion()[c]) {
            actual += v;
        }
        return actual == 0 ? 0 : (double) confusion[c][c] / actual;
    }

    /** The harmonic mean of precision and recall for class {@code c}. */
    public double f1(int c) {
        double p = precision(c), r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
