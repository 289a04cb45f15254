package dev.neurite.model;

import dev.neurite.layer.Activation;
import dev.neurite.layer.BatchNorm;
import dev.neurite.layer.Buffer;
import dev.neurite.layer.Dense;
import dev.neurite.layer.Dropout;
import dev.neurite.layer.Layer;
import dev.neurite.layer.Mode;
import dev.neurite.layer.Param;
import dev.neurite.loss.Loss;
import dev.neurite.tensor.Matrix;
import dev.neurite.tensor.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * A feed-forward network: layers applied in order. {@link #forward} and {@link #backward} are the same
 * loop, forwards and backwards.
 *
 * <p>Not thread-safe: a network owns the buffers of its layers, so two threads calling {@code predict}
 * or {@code forward} on one network at once get each other's rows. Matrices it returns from
 * {@code forward} are those buffers, valid until the next call; {@link #predict} returns a copy. To
 * predict from several threads, use a {@link dev.neurite.infer.Predictor}: it shares the weights
 * read-only and gives each thread its own buffers. What the outputs mean (classes or values, which
 * activation a loss fuses) is the {@link OutputHead}'s to say.
 */
public final class Network {
    private static final int PREDICT_CHUNK = 1024;

    private final Architecture architecture;
    private final List<Layer> layers;
    private final List<Param> params;
    private final List<Buffer> buffers;

    private Network(Architecture architecture, List<Layer> layers) {
        this.architecture = architecture;
        this.layers = List.copyOf(layers);
        List<Param> all = new ArrayList<>();
        List<Buffer> kept = new ArrayList<>();
        for (Layer layer : this.layers) {
            all.addAll(layer.params());
            kept.addAll(layer.buffers());
        }
        this.params = List.copyOf(all);
        this.buffers = List.copyOf(kept);
    }

    /** A network from the text form (see {@link Architecture}), weights drawn from {@code seed}. */
    public static Network of(String spec, long seed) {
        return Architecture.parse(spec).build(seed);
    }

    /** A builder for a network with {@code inputSize} inputs. */
    public static Builder builder(int inputSize) {
        return new Builder(inputSize);
    }

    static Network create(Architecture architecture, long seed) {
        Rng rng = new Rng(seed);
        List<Layer> layers = new ArrayList<>();
        int size = architecture.inputSize();
        for (LayerSpec spec : architecture.layers()) {
            if (spec instanceof LayerSpec.Dropout d) {
                layers.add(new Dropout(size, d.rate()));
            } else if (spec instanceof LayerSpec.Dense d) {
                layers.add(new Dense(layers.size(), size, d.units(), architecture.bias(),
                        architecture.initFor(d.activation()), rng));
                size = d.units();
                if (d.batchNorm()) {
                    layers.add(new BatchNorm(layers.size(), size));
                }
                if (d.activation() != Activation.Function.IDENTITY) {
                    layers.add(new Activation(d.activation(), size, d.alpha()));
                }
            }
        }
        return new Network(architecture, layers);
    }

    public Architecture architecture() { return architecture; }

    /**
     * The layers in order, for inspection ({@link Layer#describe()}, their {@link Layer#params()}). They are
     * the live layers: their buffers are this network's, so calling {@code forward} on one is a call on this
     * network. To use a trained network from several threads, use a {@link dev.neurite.infer.Predictor}.
     */
    public List<Layer> layers() { return layers; }

    /** Every trainable parameter, layer by layer, weight before bias. */
    public List<Param> params() { return params; }

    /** Every tensor the layers keep outside the optimizer (batchnorm's running mean, then variance), layer by layer. */
    public List<Buffer> buffers() { return buffers; }

    public int inputSize() { return architecture.inputSize(); }

    public int outputSize() { return architecture.outputSize(); }

    /** The number of trainable scalars. */
    public long parameterCount() {
        long n = 0;
        for (Param p : params) {
            n += p.size();
        }
        return n;
    }

    /** Lets every dense layer split its products over {@code parallelism}; results do not depend on it. */
    @SuppressWarnings("exports")   // an internal pool (dev.neurite.kernel) the trainer hands down
    public void parallelism(dev.neurite.kernel.Parallelism parallelism) {
        for (Layer layer : layers) {
            layer.parallelism(parallelism);
        }
    }

    /** The full forward pass {@code x: (B,in) → out: (B,outputSize)}; returns a layer's buffer. */
    public Matrix forward(Matrix x, Mode mode) {
        return forwardTo(layers.size(), x, mode);
    }

    /**
     * The forward pass up to what {@code loss} reads: for a fused loss (softmax or sigmoid inside the
     * loss) the final activation is skipped and the logits returned.
     */
    public Matrix forward(Matrix x, Mode mode, Loss loss) {
        return forwardTo(lossEnd(loss), x, mode);
    }

    private Matrix forwardTo(int end, Matrix x, Mode mode) {
        Layer.requireColumns("network input", x, inputSize());
        Matrix a = x;
        boolean inference = mode == Mode.INFERENCE;
        for (int i = 0; i < end; i++) {
            Layer layer = layers.get(i);
            if (inference && i + 1 < end && layer instanceof Dense dense && layers.get(i + 1) instanceof Activation next
                    && next.function() == Activation.Function.RELU) {
                a = dense.forwardWithRelu(a);      // the ReLU applied to each tile of the product, same bits
                i++;
                continue;
            }
            a = layer.forward(a, mode);
        }
        return a;
    }

    /**
     * Backpropagates {@code dOut = ∂L/∂(what forward(x, mode, loss) returned)} through the layers in
     * reverse, overwriting every parameter's gradient.
     */
    public void backward(Matrix dOut, Loss loss) {
        backward(dOut, loss, false);
    }

    /**
     * As {@link #backward(Matrix, Loss)}, and carried on to the input: returns {@code dX = ∂L/∂x}, shape
     * {@code (B, inputSize)} (a layer's buffer, or {@code dOut} itself when no layer changes it).
     */
    public Matrix backwardToInput(Matrix dOut, Loss loss) {
        return backward(dOut, loss, true);
    }

    private Matrix backward(Matrix dOut, Loss loss, boolean toInput) {
        Matrix d = dOut;
        int end = lossEnd(loss);
        int first = toInput ? 0 : firstParamLayer();
        for (int i = end - 1; i >= first; i--) {
            d = layers.get(i).backward(d, toInput || i > first);
        }
        return d;
    }

    private int firstParamLayer() {
        for (int i = 0; i < layers.size(); i++) {
            if (!layers.get(i).params().isEmpty()) {
                return i;
            }
        }
        return 0;
    }

    /** The number of layers the loss's input passes through (see {@link OutputHead#skipsFinalActivation}). */
    private int lossEnd(Loss loss) {
        return OutputHead.skipsFinalActivation(this, loss) ? layers.size() - 1 : layers.size();
    }

    /**
     * The network's outputs for {@code x} in inference mode, as a new {@code (B, outputSize)} matrix,
     * computed in chunks so memory stays bounded for large inputs.
     */
    public Matrix predict(Matrix x) {
        Layer.requireColumns("network input", x, inputSize());
        Matrix result = Matrix.zeros(x.rows(), outputSize());
        Matrix chunk = null;
        for (int start = 0; start < x.rows(); start += PREDICT_CHUNK) {
            int rows = Math.min(PREDICT_CHUNK, x.rows() - start);
            chunk = Matrix.reuse(chunk, rows, inputSize());
            System.arraycopy(x.data(), start * inputSize(), chunk.data(), 0, rows * inputSize());
            Matrix out = forward(chunk, Mode.INFERENCE);
            System.arraycopy(out.data(), 0, result.data(), start * outputSize(), rows * outputSize());
        }
        return result;
    }

    /**
     * The predicted class of each row, as {@link OutputHead#classOfOutput} of the head {@link OutputHead#of(Network)}
     * decides: the arg-max output, or for a single output, 1 when it is at least 0.5 and 0 otherwise.
     */
    public int[] predictClasses(Matrix x) {
        Matrix out = predict(x);
        OutputHead head = OutputHead.of(this);
        int[] classes = new int[out.rows()];
        for (int r = 0; r < classes.length; r++) {
            classes[r] = head.classOfOutput(out, r);
        }
        return classes;
    }

    /**
     * A network with this one's architecture and parameters (the same {@link Param} objects, not copies)
     * and buffers of its own, for inference on another thread; see {@link dev.neurite.infer.Predictor}.
     * Nothing may train either network while the other predicts.
     */
    public Network sharingParams() {
        List<Layer> own = new ArrayList<>(layers.size());
        for (Layer layer : layers) {
            own.add(layer.sharingParams());
        }
        return new Network(architecture, own);
    }

    /**
     * A copy of every parameter's values, in {@link #params()} order, then of every buffer's, in {@link #buffers()}
     * order (none without batchnorm): everything training changes in the network.
     */
    public float[][] snapshot() {
        float[][] copy = new float[params.size() + buffers.size()][];
        for (int i = 0; i < copy.length; i++) {
            Matrix m = snapshotTensor(i);
            copy[i] = java.util.Arrays.copyOf(m.data(), m.size());
        }
        return copy;
    }

    /** The number of tensors {@link #snapshot()} gives: the parameters and the buffers. */
    public int snapshotTensors() {
        return params.size() + buffers.size();
    }

    /** The name of snapshot tensor {@code i} (a parameter's or a buffer's). */
    public String snapshotName(int i) {
        return i < params.size() ? params.get(i).name() : buffers.get(i - params.size()).name();
    }

    /** The number of values of snapshot tensor {@code i}. */
    public int snapshotSize(int i) {
        return snapshotTensor(i).size();
    }

    private Matrix snapshotTensor(int i) {
        return i < params.size() ? params.get(i).value() : buffers.get(i - params.size()).value();
    }

    /** Restores values taken by {@link #snapshot()}. */
    public void restore(float[][] values) {
        if (values.length != snapshotTensors()) {
            throw new IllegalArgumentException("snapshot has " + values.length + " tensors, the network has " + snapshotTensors());
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i].length != snapshotSize(i)) {
                throw new IllegalArgumentException(snapshotName(i) + " has " + snapshotSize(i) + " values, snapshot has "
                        + values[i].length);
            }
        }
        for (int i = 0; i < values.length; i++) {
            System.arraycopy(values[i], 0, snapshotTensor(i).data(), 0, values[i].length);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Network(").append(inputSize());
        for (Layer layer : layers) {
            sb.append(" → ").append(layer.describe());
        }
        return sb.append(", ").append(parameterCount()).append(" parameters)").toString();
    }

    /** Builds an {@link Architecture} layer by layer, then the network. */
    public static final class Builder {
        private final int inputSize;
        private final List<LayerSpec> layers = new ArrayList<>();
        private boolean bias = true;
        private dev.neurite.layer.Init init;

        private Builder(int inputSize) {
            this.inputSize = inputSize;
        }

        /** Whether dense layers have a bias (default true). */
        public Builder bias(boolean bias) {
            this.bias = bias;
            return this;
        }

        /** The initialiser for every dense layer (default: He before ReLU, Xavier otherwise). */
        public Builder init(dev.neurite.layer.Init init) {
            this.init = init;
            return this;
        }

        public Builder dense(int units, Activation.Function activation) {
            layers.add(new LayerSpec.Dense(units, activation));
            return this;
        }

        /** A dense layer, a batch normalisation, then {@code activation}: {@code <units>bn<activation>}. */
        public Builder denseBatchNorm(int units, Activation.Function activation) {
            layers.add(new LayerSpec.Dense(units, activation).withBatchNorm());
            return this;
        }

        public Builder dropout(double rate) {
            layers.add(new LayerSpec.Dropout(rate));
            return this;
        }

        public Architecture architecture() {
            return new Architecture(inputSize, layers, bias, init);
        }

        public Network build(long seed) {
            return architecture().build(seed);
        }
    }
}
