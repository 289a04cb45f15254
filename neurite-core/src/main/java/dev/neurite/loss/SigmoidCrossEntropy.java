package dev.neurite.loss;

import dev.neurite.layer.Activation;
import dev.neurite.kernel.Kernels;
import dev.neurite.tensor.Matrix;

/**
 * Sigmoid and binary cross-entropy fused, on logits {@code z} and targets {@code y ∈ [0,1]}, averaged
 * over all {@code N = B·K} outputs (PyTorch's {@code BCEWithLogitsLoss}):
 *
 * <pre>
 *   L  = (1/N) Σ [max(z,0) − z·y + log(1 + e^−|z|)]     (= −y log σ(z) − (1−y) log(1−σ(z)))
 *   dZ = (σ(z) − y) / N
 * </pre>
 *
 * <p>The rearranged form never takes the log of a probability that has underflowed to 0.
 */
public record SigmoidCrossEntropy() implements Loss {
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
        float[] z = Z.data(), y = Y.data();
        float[] g = dZ == null ? null : dZ.data();
        int n = Z.size();
        double total = 0;
        for (int i = 0; i < n; i++) {
            double zi = z[i];
            total += Math.max(zi, 0) - zi * y[i] + Math.log1p(Math.exp(-Math.abs(zi)));
            if (g != null) {
                g[i] = (float) ((Kernels.sigmoid(z[i]) - (double) y[i]) / n);
            }
        }
        return total / n;
    }

    @Override
    public Activation.Function fusedActivation() { return Activation.Function.SIGMOID; }

    @Override
    public String cliName() { return "binary-cross-entropy"; }
}
