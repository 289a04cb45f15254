package dev.neurite.loss;

import dev.neurite.tensor.Matrix;

/**
 * The first seed's sum-of-squares error {@code L = Σ_i (y_i − ŷ_i)²}, summed (not averaged) over the
 * batch, with {@code ∂L/∂ŷ = 2(ŷ − y)}. Descending it with a learning rate of 1 is exactly the
 * seed's {@code w += d_weights}, whose {@code 2(y − ŷ)} is this gradient's negative.
 */
public record SumOfSquares() implements Loss {
    @Override
    public double value(Matrix out, Matrix y) {
        Loss.checkShapes(out, y);
        float[] a = out.data(), t = y.data();
        double sum = 0;
        for (int i = 0, n = out.size(); i < n; i++) {
            double d = a[i] - t[i];
            sum += d * d;
        }
        return sum;
    }

    @Override
    public double evaluate(Matrix out, Matrix y, Matrix dOut) {
        Matrix.requireSameShape(out, dOut);
        float[] a = out.data(), t = y.data(), g = dOut.data();
        for (int i = 0, n = out.size(); i < n; i++) {
            g[i] = 2f * (a[i] - t[i]);
        }
        return value(out, y);
    }

    @Override
    public String cliName() { return "sse"; }
}
