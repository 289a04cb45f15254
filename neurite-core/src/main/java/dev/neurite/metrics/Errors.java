package dev.neurite.metrics;

import dev.neurite.tensor.Matrix;

/**
 * The running sums behind RMSE, MAE and R² of a regression: Σ(ŷ − y)², Σ|ŷ − y| and, per target,
 * Σ(ŷ − y)² against Σ(y − ȳ)², in double. The target means ȳ come from all targets first, so the
 * total sum of squares is formed without cancellation.
 */
final class Errors {
    private final double[] mean;
    private final double[] total;     // Σ_i (y_ik − ȳ_k)²
    private final double[] residual;  // Σ_i (ŷ_ik − y_ik)²
    private final double[] absoluteByTarget;  // Σ_i |ŷ_ik − y_ik|
    private double squared, absolute;
    private long count;

    /** @param y every target of the set, {@code (N, K)} */
    Errors(Matrix y) {
        int k = y.cols(), n = y.rows();
        mean = new double[k];
        total = new double[k];
        residual = new double[k];
        absoluteByTarget = new double[k];
        float[] d = y.data();
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < k; c++) {
                mean[c] += d[r * k + c];
            }
        }
        for (int c = 0; c < k; c++) {
            mean[c] /= Math.max(n, 1);
        }
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < k; c++) {
                double e = d[r * k + c] - mean[c];
                total[c] += e * e;
            }
        }
    }

    /** Adds a chunk of predictions {@code out} and their targets {@code y}, both {@code (B, K)}. */
    void add(Matrix out, Matrix y) {
        int k = y.cols();
        float[] p = out.data(), t = y.data();
        for (int r = 0; r < y.rows(); r++) {
            for (int c = 0; c < k; c++) {
                double e = (double) p[r * k + c] - t[r * k + c];
                squared += e * e;
                absolute += Math.abs(e);
                residual[c] += e * e;
                absoluteByTarget[c] += Math.abs(e);
            }
        }
        count += (long) y.rows() * k;
    }

    double rmse() { return Math.sqrt(squared / count); }

    /** RMSE, MAE and R² of each target column: {@code [3][K]}. */
    double[][] perTarget() {
        int k = mean.length;
        long rows = count / Math.max(k, 1);
        double[][] out = new double[3][k];
        for (int c = 0; c < k; c++) {
            out[0][c] = Math.sqrt(residual[c] / rows);
            out[1][c] = absoluteByTarget[c] / rows;
            out[2][c] = total[c] == 0 ? Double.NaN : 1 - residual[c] / total[c];
        }
        return out;
    }

    double mae() { return absolute / count; }

    double r2() {
        double sum = 0;
        for (int c = 0; c < mean.length; c++) {
            if (total[c] == 0) {
                return Double.NaN;
            }
            sum += 1 - residual[c] / total[c];
        }
        return sum / mean.length;
    }
}
