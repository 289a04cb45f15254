package dev.neurite.loss;

import dev.neurite.layer.Activation;
import dev.neurite.tensor.Matrix;

/**
 * Softmax and cross-entropy fused, on logits {@code z: (B,K)} and target distributions {@code y}
 * (one-hot for classes):
 *
 * <pre>
 *   L  = (1/B) Σ_b Σ_k y_bk (lse_b − z_bk),   lse_b = m_b + log Σ_k e^(z_bk − m_b),  m_b = max_k z_bk
 *   dZ = (softmax(z)·Σ_k y_bk − y) / B        (= (p − y) / B for one-hot targets)
 * </pre>
 *
 * <p>Working from logits with the row maximum subtracted never forms {@code log 0} or overflows, so
 * the loss is finite for logits of any finite size, where the second seed's {@code −Σ y log(softmax)}
 * gives {@code inf} once a probability underflows.
 */
public record SoftmaxCrossEntropy() implements Loss {
    @Override
    public double value(Matrix z, Matrix y) {
        return compute(z, y, null);
    }

    @Override
    public double evaluate(Matrix z, Matrix y, Matrix dZ) {
        Matrix.requireSameShape(z, dZ);
        return compute(z, y, dZ);
    }

    private static double compute(Matrix Z, Matrix Y, Matrix dZ) {
        Loss.checkShapes(Z, Y);
        int rows = Z.rows(), k = Z.cols();
        float[] z = Z.data(), y = Y.data();
        float[] g = dZ == null ? null : dZ.data();
        double invB = 1.0 / rows;
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int o = r * k;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, z[o + j]);
            }
            double sumExp = 0;
            for (int j = 0; j < k; j++) {
                double e = Math.exp(z[o + j] - max);
                sumExp += e;
                if (g != null) {
                    g[o + j] = (float) e;        // kept to scale below: one exp per logit
                }
            }
            double lse = max + Math.log(sumExp);
            double ySum = 0;
            for (int j = 0; j < k; j++) {
                ySum += y[o + j];
                total += y[o + j] * (lse - z[o + j]);
            }
            if (g != null) {
                double scale = ySum / sumExp;
                for (int j = 0; j < k; j++) {
                    g[o + j] = (float) ((g[o + j] * scale - y[o + j]) * invB);
                }
            }
        }
        return total * invB;
    }

    @Override
    public Activation.Function fusedActivation() { return Activation.Function.SOFTMAX; }

    @Override
    public String cliName() { return "cross-entropy"; }
}
