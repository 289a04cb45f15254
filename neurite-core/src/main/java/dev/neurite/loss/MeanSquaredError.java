package dev.neurite.loss;

import dev.neurite.tensor.Matrix;

/**
 * {@code L = (1 / (B·K)) Σ (ŷ − y)²}, with {@code ∂L/∂ŷ = 2(ŷ − y) / (B·K)}: PyTorch's {@code MSELoss}.
 */
public record MeanSquaredError() implements Loss {
    @Override
    public double value(Matrix out, Matrix y) {
        return Loss.sumOfSquares().value(out, y) / out.size();
    }

    @Override
    public double evaluate(Matrix out, Matrix y, Matrix dOut) {
        Loss.checkShapes(out, y);
        Matrix.requireSameShape(out, dOut);
        float[] a = out.data(), t = y.data(), g = dOut.data();
        int n = out.size();
        float scale = 2f / n;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float d = a[i] - t[i];
            sum += (double) d * d;
            g[i] = scale * d;
        }
        return sum / n;
    }

    @Override
    public String cliName() { return "mse"; }
}
