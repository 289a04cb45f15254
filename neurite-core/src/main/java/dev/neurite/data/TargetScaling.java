package dev.neurite.data;

import dev.neurite.layer.Dense;
import dev.neurite.layer.Layer;
import dev.neurite.model.Network;
import dev.neurite.tensor.Matrix;

/**
 * Regression targets standardised for training, {@code t' = (t − mean_k) / std_k} per target column k,
 * fitted on the training targets only (population standard deviation, in double, as scikit-learn's
 * {@code StandardScaler}; a constant target gets std 1), and restored afterwards by folding the inverse
 * into the network's last dense layer, which must be linear and have a bias:
 *
 * <pre>
 *   y = t'·std + mean = (a·W + b)·std + mean = a·(W·diag(std)) + (b·std + mean)
 *   W[:, k] ← W[:, k]·std_k        b_k ← b_k·std_k + mean_k
 * </pre>
 * So the saved model predicts in the targets' own units everywhere it runs (predict, evaluate, serve,
 * ONNX), and nothing at prediction time needs to know about the scaling.
 *
 * @param mean the mean of each target column
 * @param std  the standard deviation of each target column (1 for a constant column)
 */
public record TargetScaling(double[] mean, double[] std) {
    public TargetScaling {
        if (mean.length != std.length) {
            throw new IllegalArgumentException(mean.length + " means but " + std.length + " standard deviations");
        }
        mean = mean.clone();
        std = std.clone();
        for (int k = 0; k < std.length; k++) {
            if (!Double.isFinite(mean[k]) || !(std[k] > 0) || !Double.isFinite(std[k])) {
                throw new IllegalArgumentException("target " + (k + 1) + ": mean " + mean[k] + " and standard deviation " + std[k]
                        + " must be finite, the deviation > 0");
            }
        }
    }

    @Override
    public double[] mean() { return mean.clone(); }

    @Override
    public double[] std() { return std.clone(); }

    /** Fitted on the targets {@code y: (N, K)}. */
    public static TargetScaling fit(Matrix y) {
        int n = y.rows(), k = y.cols();
        if (n == 0) {
            throw new IllegalArgumentException("cannot fit a target scaling on no examples");
        }
        double[] mean = new double[k], std = new double[k];
        float[] d = y.data();
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < k; c++) {
                mean[c] += d[r * k + c];
            }
        }
        for (int c = 0; c < k; c++) {
            mean[c] /= n;
        }
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < k; c++) {
                double e = d[r * k + c] - mean[c];
                std[c] += e * e;
            }
        }
        for (int c = 0; c < k; c++) {
            std[c] = Math.sqrt(std[c] / n);
            std[c] = std[c] > 0 && Double.isFinite(std[c]) ? std[c] : 1;
        }
        return new TargetScaling(mean, std);
    }

    /** The standardised copy {@code (y − mean) / std} of targets {@code y: (N, K)}. */
    public Matrix standardize(Matrix y) {
        requireWidth(y.cols());
        Matrix out = Matrix.zeros(y.rows(), y.cols());
        int k = y.cols();
        for (int i = 0; i < y.rows() * k; i++) {
            out.data()[i] = (float) ((y.data()[i] - mean[i % k]) / std[i % k]);
        }
        return out;
    }

    /**
     * The data set with its targets standardised (features shared, not copied; example weights kept); a
     * regression set only.
     */
    public Dataset standardize(Dataset data) {
        if (data.kind() != Dataset.Kind.REGRESSION) {
            throw new IllegalArgumentException("targets are standardised for a regression set, not " + data.kind());
        }
        Dataset scaled = Dataset.regression(data.x(), standardize(data.y()), data.targetNames());
        return data.hasExampleWeights() ? scaled.withExampleWeights(data.exampleWeights()) : scaled;
    }

    /**
     * Folds the inverse map into {@code network}'s last dense layer, in place: afterwards it predicts the
     * targets in their own units.
     *
     * @throws IllegalArgumentException if the last layer is not a linear dense layer with a bias of K outputs
     */
    public void foldInto(Network network) {
        Layer last = network.layers().get(network.layers().size() - 1);
        if (!(last instanceof Dense d) || !d.hasBias()) {
            throw new IllegalArgumentException("standardised targets are restored in the last layer, which must be a linear"
                    + " dense layer with a bias; " + network.architecture().toSpec() + (last instanceof Dense ? " has no bias"
                    : " ends in " + last.describe()) + " (train without target scaling)");
        }
        requireWidth(d.outputSize());
        float[] w = d.weight().value().data(), b = d.bias().value().data();
        int out = d.outputSize();
        for (int i = 0; i < d.inputSize() * out; i++) {              // W: (in, out), row-major
            w[i] = (float) (w[i] * std[i % out]);
        }
        for (int k = 0; k < out; k++) {
            b[k] = (float) (b[k] * std[k] + mean[k]);
        }
    }

    private void requireWidth(int k) {
        if (k != mean.length) {
            throw new IllegalArgumentException("the scaling has " + mean.length + " targets, the data " + k);
        }
    }
}
