package dev.neurite.layer;

import dev.neurite.kernel.Epilogue;
import dev.neurite.kernel.Gemm;
import dev.neurite.kernel.Kernels;
import dev.neurite.tensor.Matrix;
import dev.neurite.kernel.Parallelism;
import dev.neurite.tensor.Rng;
import java.util.List;

/**
 * A fully connected layer {@code z = x·W + b}.
 *
 * <p>Shapes: {@code x: (B,in) · W: (in,out) + b: (out) → z: (B,out)}. The bias is optional: the first
 * seed's network has none, the second seed's has bias units (which are exactly {@code b}).
 */
public final class Dense implements Layer {
    private final int in;
    private final int out;
    private final Param weight;
    private final Param bias; // null when the layer has no bias
    private Matrix x;         // the last forward input, read by backward
    private Matrix z;
    private Matrix dX;
    private Parallelism parallelism = Parallelism.SERIAL;
    private Epilogue[] epilogues;  // without and with ReLU, for the bias array epilogueBias
    private float[] epilogueBias;

    /**
     * @param index used to name the parameters ({@code "<index>.weight"}, {@code "<index>.bias"})
     */
    public Dense(int index, int in, int out, boolean hasBias, Init init, Rng rng) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("dense layer sizes must be > 0, was in=" + in + ", out=" + out);
        }
        this.in = in;
        this.out = out;
        this.weight = Param.of(index + ".weight", in, out, true);
        init.fillWeights(weight.value().data(), in, out, rng);
        if (hasBias) {
            this.bias = Param.of(index + ".bias", 1, out, false);
            init.fillBias(bias.value().data(), out, rng);
        } else {
            this.bias = null;
        }
    }

    private Dense(Dense shared) {
        this.in = shared.in;
        this.out = shared.out;
        this.weight = shared.weight;
        this.bias = shared.bias;
    }

    @Override
    public Dense sharingParams() {
        return new Dense(this);
    }

    @Override
    public int inputSize() { return in; }

    @Override
    public int outputSize() { return out; }

    public boolean hasBias() { return bias != null; }

    /** The weight parameter, shape {@code (in, out)}. */
    public Param weight() { return weight; }

    /** The bias parameter, shape {@code (1, out)}, or null without bias. */
    public Param bias() { return bias; }

    /** The threads this layer's products may use (default: the calling thread alone). */
    @SuppressWarnings("exports")   // an internal pool (dev.neurite.kernel) the trainer hands down
    @Override
    public void parallelism(Parallelism parallelism) {
        this.parallelism = java.util.Objects.requireNonNull(parallelism, "parallelism");
    }

    @Override
    public Matrix forward(Matrix x, Mode mode) {
        return forward(x, false);
    }

    /**
     * The inference pass of this layer and a ReLU after it, in one: {@code max(x·W + b, 0)}, with the bias
     * and the ReLU applied to each tile of the product as it is finished (the same bits as
     * {@code forward} followed by {@link Activation}'s ReLU). The result is this layer's buffer; the
     * following {@code Activation} is not run, so nothing can be backpropagated through the pair.
     */
    public Matrix forwardWithRelu(Matrix x) {
        return forward(x, true);
    }

    private Matrix forward(Matrix x, boolean relu) {
        Layer.requireColumns("dense input", x, in);
        this.x = x;
        z = Matrix.reuse(z, x.rows(), out);
        // x: (B,in) · W: (in,out) + b → z: (B,out), the bias added to each tile of z as it is finished
        Gemm.mult(x, weight.value(), z, parallelism, epilogue(relu));
        return z;
    }

    /** The bias (and ReLU) after the product, made once per bias array, so a step allocates nothing here. */
    private Epilogue epilogue(boolean relu) {
        float[] b = bias == null ? null : bias.value().data();
        if (epilogues == null || epilogueBias != b) {
            epilogues = new Epilogue[] {Epilogue.of(b, false), Epilogue.of(b, true)};
            epilogueBias = b;
        }
        return epilogues[relu ? 1 : 0];
    }

    @Override
    public Matrix backward(Matrix dZ, boolean needInputGradient) {
        if (x == null) {
            throw new IllegalStateException("backward called before forward on " + describe());
        }
        Layer.requireColumns("dense dOut", dZ, out);
        if (dZ.rows() != x.rows()) {
            throw new IllegalArgumentException("dOut has " + dZ.rows() + " rows, the last batch had " + x.rows());
        }
        Gemm.multTransA(x, dZ, weight.grad(), parallelism);                    // xᵀ: (in,B) · dZ: (B,out) → dW: (in,out)
        if (bias != null) {
            Kernels.columnSums(dZ, bias.grad().data(), parallelism);             // db = Σ_rows dZ
        }
        if (!needInputGradient) {
            return null;
        }
        dX = Matrix.reuse(dX, dZ.rows(), in);
        Gemm.multTransB(dZ, weight.value(), dX, parallelism);                  // dZ: (B,out) · Wᵀ: (out,in) → dX: (B,in)
        return dX;
    }

    @Override
    public List<Param> params() {
        return bias == null ? List.of(weight) : List.of(weight, bias);
    }

    @Override
    public String describe() {
        return "dense(" + in + "→" + out + (bias == null ? ", no bias" : "") + ")";
    }
}
