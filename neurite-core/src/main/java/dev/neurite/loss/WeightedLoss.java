package dev.neurite.loss;

import dev.neurite.kernel.Kernels;
import dev.neurite.tensor.Matrix;

/**
 * The weighted and smoothed forms of the four losses ({@link LossWeights} has the formulas), row by row:
 * a second code path beside the losses' own, which stay as they are (and bit for bit what they were) when
 * nothing is weighted. Allocates nothing.
 */
final class WeightedLoss {
    private WeightedLoss() {}

    /** The loss; {@code dOut} written when not null. {@code s}: example weights or null; {@code w}: class weights or null. */
    static double compute(Loss loss, Matrix out, Matrix y, float[] s, float[] w, double epsilon, Matrix dOut) {
        Loss.checkShapes(out, y);
        int rows = out.rows();
        if (s != null && s.length < rows) {
            throw new IllegalArgumentException(s.length + " example weights for a batch of " + rows + " rows");
        }
        if (w != null) {
            int classes = y.cols() == 1 ? 2 : y.cols();
            if (w.length != classes) {
                throw new IllegalArgumentException(w.length + " class weights for targets of " + classes + " classes");
            }
        }
        float[] g = dOut == null ? null : dOut.data();
        if (loss instanceof SoftmaxCrossEntropy) {
            return softmaxCrossEntropy(out, y, s, w, epsilon, g);
        }
        return elementwise(loss, out, y, s, w, epsilon, g);
    }

    /** r_b = s_b · w_c(b). */
    private static double rowWeight(Matrix y, int r, float[] s, float[] w) {
        double weight = s == null ? 1 : s[r];
        if (w != null) {
            int c = y.cols() == 1 ? (y.get(r, 0) >= 0.5f ? 1 : 0) : Kernels.argmaxRow(y, r);
            weight *= w[c];
        }
        return weight;
    }

    /**
     * {@code ℓ_b = Σ_k y'_bk (lse_b − z_bk)}, {@code dZ_bk = r_b (p_bk Σ_k y'_bk − y'_bk) / B}, with
     * {@code y' = (1−ε) y + ε Σ_k y_k / K}.
     */
    private static double softmaxCrossEntropy(Matrix Z, Matrix Y, float[] s, float[] w, double epsilon, float[] g) {
        int rows = Z.rows(), k = Z.cols();
        float[] z = Z.data(), y = Y.data();
        double invB = 1.0 / rows, keep = 1.0 - epsilon;
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int o = r * k;
            double rw = rowWeight(Y, r, s, w);
            float max = Float.NEGATIVE_INFINITY;
            double ySum = 0;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, z[o + j]);
                ySum += y[o + j];
            }
            double spread = epsilon * ySum / k;
            double sumExp = 0;
            for (int j = 0; j < k; j++) {
                sumExp += Math.exp(z[o + j] - max);
            }
            double lse = max + Math.log(sumExp);
            double row = 0;
            for (int j = 0; j < k; j++) {
                row += (keep * y[o + j] + spread) * (lse - z[o + j]);
            }
            total += rw * row;
            if (g != null) {
                for (int j = 0; j < k; j++) {                  // Σ_k y'_bk = Σ_k y_bk
                    double p = Math.exp(z[o + j] - lse);
                    g[o + j] = (float) (rw * (p * ySum - (keep * y[o + j] + spread)) * invB);
                }
            }
        }
        return total * invB;
    }

    /** Mean squared error, sum of squares and sigmoid cross-entropy: a term per element, the row's weight on each. */
    private static double elementwise(Loss loss, Matrix out, Matrix Y, float[] s, float[] w, double epsilon, float[] g) {
        int rows = out.rows(), k = out.cols();
        float[] a = out.data(), y = Y.data();
        boolean bce = loss instanceof SigmoidCrossEntropy;
        double n = loss instanceof SumOfSquares ? 1 : (double) rows * k;
        double keep = 1.0 - epsilon, spread = epsilon / 2.0;
        double total = 0;
        for (int r = 0; r < rows; r++) {
            double rw = rowWeight(Y, r, s, w);
            double row = 0;
            for (int j = r * k, end = j + k; j < end; j++) {
                if (bce) {
                    double zi = a[j], t = keep * y[j] + spread;
                    row += Math.max(zi, 0) - zi * t + Math.log1p(Math.exp(-Math.abs(zi)));
                    if (g != null) {
                        g[j] = (float) (rw * (Kernels.sigmoid(a[j]) - t) / n);
                    }
                } else {
                    double d = (double) a[j] - y[j];
                    row += d * d;
                    if (g != null) {
                        g[j] = (float) (rw * 2 * d / n);
                    }
                }
            }
            total += rw * row;
        }
        return total / n;
    }
}
