package dev.neurite.kernel;

/**
 * The batch-normalisation reductions and element-wise passes over a {@code (B, n)} row-major batch, one
 * column range {@code [j0, j1)} at a time. Each column's sums run over the rows in order, in double, so a
 * column's statistics do not depend on how the columns are split over threads.
 *
 * <pre>
 *   μ_j   = (1/B) Σ_i x_ij                      σ²_j = (1/B) Σ_i (x_ij − μ_j)²      (two passes)
 *   x̂_ij  = (x_ij − μ_j) · r_j                  out_ij = γ_j · x̂_ij + β_j            r_j = 1/√(σ²_j + ε)
 *   dβ_j  = Σ_i dOut_ij                         dγ_j = Σ_i dOut_ij · x̂_ij
 *   dX_ij = (γ_j r_j / B) · (B·dOut_ij − dβ_j − x̂_ij · dγ_j)
 * </pre>
 */
public final class BatchNormKernels {
    private BatchNormKernels() {}

    /** Writes {@code mean[j]} and the biased {@code variance[j]} of columns {@code [j0, j1)}; {@code acc} is scratch of n. */
    public static void moments(float[] x, int rows, int n, float[] mean, float[] variance, double[] acc, int j0, int j1) {
        java.util.Arrays.fill(acc, j0, j1, 0.0);
        for (int r = 0; r < rows; r++) {
            int o = r * n;
            for (int j = j0; j < j1; j++) {
                acc[j] += x[o + j];
            }
        }
        for (int j = j0; j < j1; j++) {
            mean[j] = (float) (acc[j] / rows);
            acc[j] = 0.0;
        }
        for (int r = 0; r < rows; r++) {
            int o = r * n;
            for (int j = j0; j < j1; j++) {
                double d = x[o + j] - mean[j];
                acc[j] += d * d;
            }
        }
        for (int j = j0; j < j1; j++) {
            variance[j] = (float) (acc[j] / rows);
        }
    }

    /** {@code x̂ = (x − μ)·r} and {@code out = γ·x̂ + β} for columns {@code [j0, j1)} of every row. */
    public static void normalize(float[] x, int rows, int n, float[] mean, float[] invStd, float[] gamma, float[] beta,
                                 float[] xHat, float[] out, int j0, int j1) {
        for (int r = 0; r < rows; r++) {
            int o = r * n;
            for (int j = j0; j < j1; j++) {
                float h = (x[o + j] - mean[j]) * invStd[j];
                xHat[o + j] = h;
                out[o + j] = gamma[j] * h + beta[j];
            }
        }
    }

    /** {@code dβ} and {@code dγ} of columns {@code [j0, j1)}; {@code acc} is scratch of 2n. */
    public static void paramGradients(float[] dOut, float[] xHat, int rows, int n, float[] dGamma, float[] dBeta,
                                      double[] acc, int j0, int j1) {
        java.util.Arrays.fill(acc, j0, j1, 0.0);
        java.util.Arrays.fill(acc, n + j0, n + j1, 0.0);
        for (int r = 0; r < rows; r++) {
            int o = r * n;
            for (int j = j0; j < j1; j++) {
                float g = dOut[o + j];
                acc[j] += g;
                acc[n + j] += (double) g * xHat[o + j];
            }
        }
        for (int j = j0; j < j1; j++) {
            dBeta[j] = (float) acc[j];
            dGamma[j] = (float) acc[n + j];
        }
    }

    /** {@code dX} of columns {@code [j0, j1)} through the batch statistics (training). */
    public static void inputGradient(float[] dOut, float[] xHat, int rows, int n, float[] gamma, float[] invStd,
                                     float[] dGamma, float[] dBeta, float[] dX, int j0, int j1) {
        float b = rows;
        for (int r = 0; r < rows; r++) {
            int o = r * n;
            for (int j = j0; j < j1; j++) {
                dX[o + j] = gamma[j] * invStd[j] / b * (b * dOut[o + j] - dBeta[j] - xHat[o + j] * dGamma[j]);
            }
        }
    }

    /** {@code dX = γ·r·dOut} of columns {@code [j0, j1)}, through fixed (running) statistics. */
    public static void inputGradientFixed(float[] dOut, int rows, int n, float[] gamma, float[] invStd, float[] dX,
                                          int j0, int j1) {
        for (int r = 0; r < rows; r++) {
            int o = r * n;
            for (int j = j0; j < j1; j++) {
                dX[o + j] = gamma[j] * invStd[j] * dOut[o + j];
            }
        }
    }
}
