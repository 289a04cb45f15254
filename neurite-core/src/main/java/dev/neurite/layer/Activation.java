package dev.neurite.layer;

import dev.neurite.kernel.Kernels;
import dev.neurite.tensor.Matrix;
import dev.neurite.kernel.Parallelism;
import java.util.List;

/**
 * An element-wise (or, for softmax, row-wise) non-linearity {@code a = f(z)}, with its derivative
 * beside it. Every derivative is written in terms of the output {@code a}, the only thing kept.
 *
 * <pre>
 *   sigmoid     a = 1/(1+e^−z)          dZ = dA ⊙ a(1−a)
 *   tanh        a = tanh z              dZ = dA ⊙ (1−a²)
 *   relu        a = max(z, 0)           dZ = dA ⊙ [a > 0]
 *   leaky-relu  a = z if z>0 else αz    dZ = dA ⊙ (a > 0 ? 1 : α)
 *   softmax     a_j = e^z_j / Σ e^z_k   dZ_j = a_j (dA_j − Σ_k dA_k a_k)
 *   identity    a = z                   dZ = dA
 * </pre>
 */
public final class Activation implements Layer {
    /** The non-linearities Neurite knows. */
    public enum Function {
        SIGMOID("sigmoid"), TANH("tanh"), RELU("relu"), LEAKY_RELU("leaky-relu"), SOFTMAX("softmax"),
        IDENTITY("identity");

        private final String cliName;

        Function(String cliName) {
            this.cliName = cliName;
        }

        public String cliName() {
            return cliName;
        }

        public static Function parse(String name) {
            for (Function f : values()) {
                if (f.cliName.equals(name) || (f == IDENTITY && name.equals("linear"))) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown activation '" + name + "'; expected one of "
                    + java.util.Arrays.stream(values()).map(Function::cliName).toList());
        }
    }

    /** The negative slope of leaky ReLU when none is given (Keras uses 0.3, PyTorch 0.01; we follow PyTorch). */
    public static final float DEFAULT_LEAKY_SLOPE = 0.01f;

    private final Function function;
    private final int size;
    private final float alpha;
    private Matrix a;
    private Matrix dZ;
    private Parallelism parallelism = Parallelism.SERIAL;

    public Activation(Function function, int size) {
        this(function, size, DEFAULT_LEAKY_SLOPE);
    }

    /** @param alpha the negative slope, used by leaky ReLU only; must be in [0, 1) */
    public Activation(Function function, int size, float alpha) {
        if (size <= 0) {
            throw new IllegalArgumentException("activation size must be > 0, was " + size);
        }
        if (!(alpha >= 0 && alpha < 1)) {
            throw new IllegalArgumentException("leaky ReLU slope must be in [0, 1), was " + alpha);
        }
        this.function = function;
        this.size = size;
        this.alpha = alpha;
    }

    public Function function() { return function; }

    @Override
    public Activation sharingParams() {
        return new Activation(function, size, alpha);
    }

    public float alpha() { return alpha; }

    @Override
    public int inputSize() { return size; }

    @Override
    public int outputSize() { return size; }

    @Override
    public Matrix forward(Matrix z, Mode mode) {
        if (z.cols() != size) {                    // the message only when it is needed: no string per step
            Layer.requireColumns(function.cliName() + " input", z, size);
        }
        a = Matrix.reuse(a, z.rows(), size);
        if (function == Function.SOFTMAX) {
            Kernels.softmaxRows(z, a, parallelism);
            return a;
        }
        float[] zs = z.data(), as = a.data();
        parallelism.forElements(z.size(), (from, to) -> apply(zs, as, from, to));
        return a;
    }

    private void apply(float[] z, float[] out, int from, int to) {
        switch (function) {
            case SIGMOID -> Kernels.sigmoid(z, out, from, to);
            case TANH -> Kernels.tanh(z, out, from, to);
            case RELU -> Kernels.relu(z, out, from, to);
            case LEAKY_RELU -> Kernels.leakyRelu(z, out, from, to, alpha);
            case IDENTITY -> System.arraycopy(z, from, out, from, to - from);
            case SOFTMAX -> throw new IllegalStateException("softmax is row-wise");
        }
    }

    @SuppressWarnings("exports")   // an internal pool (dev.neurite.kernel) the trainer hands down
    @Override
    public void parallelism(Parallelism parallelism) {
        this.parallelism = java.util.Objects.requireNonNull(parallelism, "parallelism");
    }

    @Override
    public Matrix backward(Matrix dA, boolean needInputGradient) {
        if (a == null) {
            throw new IllegalStateException("backward called before forward on " + describe());
        }
        Matrix.requireSameShape(dA, a);
        dZ = Matrix.reuse(dZ, dA.rows(), size);
        float[] g = dA.data(), y = a.data(), d = dZ.data();
        if (function == Function.SOFTMAX) {
            softmaxBackward(g, y, d, dA.rows());
            return dZ;
        }
        parallelism.forElements(dA.size(), (from, to) -> derivative(g, y, d, from, to));
        return dZ;
    }

    /** dZ = dA ⊙ f'(z) over [from, to), written in terms of the output a. */
    private void derivative(float[] g, float[] y, float[] d, int from, int to) {
        int n = to;
        switch (function) {
            case SIGMOID -> {
                for (int i = from; i < n; i++) {
                    d[i] = g[i] * y[i] * (1f - y[i]);
                }
            }
            case TANH -> {
                for (int i = from; i < n; i++) {
                    d[i] = g[i] * (1f - y[i] * y[i]);
                }
            }
            case RELU -> Kernels.reluBackward(g, y, d, from, to);
            case LEAKY_RELU -> Kernels.leakyReluBackward(g, y, d, alpha, from, to);
            case IDENTITY -> System.arraycopy(g, from, d, from, to - from);
            case SOFTMAX -> throw new IllegalStateException("softmax is row-wise");
        }
    }

    private void softmaxBackward(float[] g, float[] y, float[] d, int rows) {
        for (int r = 0; r < rows; r++) {
            int o = r * size;
            double dot = 0;
            for (int j = 0; j < size; j++) {
                dot += (double) g[o + j] * y[o + j];
            }
            for (int j = 0; j < size; j++) {
                d[o + j] = (float) (y[o + j] * (g[o + j] - dot));
            }
        }
    }

    @Override
    public List<Param> params() {
        return List.of();
    }

    @Override
    public String describe() {
        return function == Function.LEAKY_RELU ? "leaky-relu(" + alpha + ")" : function.cliName();
    }
}
