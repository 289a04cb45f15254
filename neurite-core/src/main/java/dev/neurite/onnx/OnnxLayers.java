package dev.neurite.onnx;

import dev.neurite.layer.Activation;
import dev.neurite.layer.BatchNorm;
import dev.neurite.model.GraphNode;
import dev.neurite.model.NamedTensor;
import dev.neurite.onnx.OnnxConstants.Constant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The steps an {@link OnnxChain} collects: the constant element-wise operations before the first layer
 * (folded into one normalisation {@code x' = (x − shift)·scale}), and per dense layer its weight
 * {@code W: (in, out)}, bias, batch normalisation and activation. Sizes are checked as they come: each weight must read what the
 * layer before gives, and every constant must be a vector of that width (or a scalar).
 */
final class OnnxLayers {
    private static final class Layer {
        final int in, out;
        final float[] weight;      // (in, out), row-major
        float[] bias;              // (out) or null
        float[][] batchNorm;       // γ, β, running mean, running variance, each (out); or null
        Activation.Function function = Activation.Function.IDENTITY;
        float alpha = Activation.DEFAULT_LEAKY_SLOPE;

        Layer(int in, int out, float[] weight) {
            this.in = in;
            this.out = out;
            this.weight = weight;
        }
    }

    private record Step(String op, Constant constant) {}

    private final OnnxChain chain;
    private final List<Step> front = new ArrayList<>();
    private final List<Layer> layers = new ArrayList<>();

    OnnxLayers(OnnxChain chain) {
        this.chain = chain;
    }

    private Layer last() {
        return layers.isEmpty() ? null : layers.get(layers.size() - 1);
    }

    /** Sub/Div/Mul/Add with a constant: the normalisation before any layer; an Add after a layer is its bias. */
    void elementwise(String op, Constant c) {
        Layer last = last();
        if (last == null) {
            front.add(new Step(op, c));
        } else if (op.equals("Add") && last.function == Activation.Function.IDENTITY && last.batchNorm == null) {
            float[] b = vector(c, last.out, "bias");
            if (last.bias == null) {
                last.bias = b;
            } else {
                for (int j = 0; j < b.length; j++) {
                    last.bias[j] += b[j];
                }
            }
        } else {
            throw chain.refuse("an element-wise " + op + " with a constant after the first layer"
                    + (op.equals("Add") ? " and its activation" : "") + " has no Neurite equivalent");
        }
    }

    void matMul(Constant w) {
        add(w, false, 1f);
    }

    void gemm(Constant w, boolean transB, float alpha, Constant c, float beta) {
        Layer layer = add(w, transB, alpha);
        if (c != null) {
            float[] b = vector(c, layer.out, "Gemm's C");
            if (beta != 1f) {
                chain.notes.add("Gemm beta folded into the bias");
                for (int j = 0; j < b.length; j++) {
                    b[j] *= beta;
                }
            }
            layer.bias = b;
        }
    }

    private Layer add(Constant w, boolean transpose, float alpha) {
        if (w.rank() != 2 || w.dim(0) <= 0 || w.dim(1) <= 0) {
            throw chain.refuse("weight '" + w.name() + "' has dims " + Arrays.toString(w.dims())
                    + "; a dense layer's weight is a non-empty matrix (rank 2)");
        }
        Constant m = transpose ? OnnxConstants.transpose(w, w.name()) : w;
        int in = (int) m.dim(0), out = (int) m.dim(1);
        Layer last = last();
        if (last != null && last.out != in) {
            throw chain.refuse("weight '" + w.name() + "' reads " + in + " values, the layer before gives " + last.out);
        }
        float[] v = m.values().clone();
        if (alpha != 1f) {
            chain.notes.add("Gemm alpha folded into the weights");
            for (int k = 0; k < v.length; k++) {
                v[k] *= alpha;
            }
        }
        requireFinite(v, w.name());
        Layer layer = new Layer(in, out, v);
        layers.add(layer);
        return layer;
    }

    void activate(Activation.Function f, float alpha) {
        Layer last = last();
        if (last == null) {
            throw chain.refuse("an activation before the first dense layer has no Neurite equivalent");
        }
        if (last.function != Activation.Function.IDENTITY) {
            throw chain.refuse("a second activation after one dense layer (" + last.function.cliName()
                    + " already) has no Neurite equivalent");
        }
        last.function = f;
        last.alpha = alpha;
    }

    /**
     * An inference-mode batch normalisation after the last layer (before its activation). With Neurite's ε it
     * becomes a batchnorm node; with another ε it is folded into the layer, in double:
     * {@code W'·j = W·j · s_j}, {@code b'_j = (b_j − mean_j)·s_j + β_j}, {@code s_j = γ_j/√(var_j + ε)}.
     */
    void batchNorm(Constant gamma, Constant beta, Constant mean, Constant variance, float epsilon) {
        Layer last = last();
        if (last == null || last.function != Activation.Function.IDENTITY || last.batchNorm != null) {
            throw chain.refuse("a BatchNormalization " + (last == null ? "before the first dense layer"
                    : last.batchNorm != null ? "after another one" : "after an activation") + " has no Neurite equivalent");
        }
        float[] g = vector(gamma, last.out, "scale"), b = vector(beta, last.out, "B"), m = vector(mean, last.out, "mean"),
                v = vector(variance, last.out, "var");
        for (int j = 0; j < v.length; j++) {
            if (!(v[j] >= 0)) {
                throw chain.refuse("the running variance '" + variance.name() + "' is " + v[j] + " at index " + j
                        + "; a variance is >= 0");
            }
        }
        if (epsilon == BatchNorm.EPSILON) {
            last.batchNorm = new float[][] {g, b, m, v};
            return;
        }
        if (!(epsilon > 0)) {
            throw chain.refuse("BatchNormalization epsilon " + epsilon + " must be > 0");
        }
        chain.notes.add("BatchNormalization with epsilon " + epsilon + " (Neurite's is " + BatchNorm.EPSILON
                + ") folded into the layer before it");
        float[] bias = last.bias == null ? new float[last.out] : last.bias;
        for (int j = 0; j < last.out; j++) {
            double scale = g[j] / Math.sqrt((double) v[j] + epsilon);
            for (int k = 0; k < last.in; k++) {
                last.weight[k * last.out + j] = (float) (last.weight[k * last.out + j] * scale);
            }
            bias[j] = (float) ((bias[j] - (double) m[j]) * scale + b[j]);
        }
        last.bias = bias;
        requireFinite(last.weight, "the folded weight");
    }

    /** The graph's steps: the normalisation (if any), then each layer's Affine and Activate. */
    List<GraphNode> finish() {
        if (layers.isEmpty()) {
            throw chain.refuse("the graph has no dense layer (Gemm, or MatMul + Add)");
        }
        List<GraphNode> nodes = new ArrayList<>();
        int features = layers.get(0).in;
        if (!front.isEmpty()) {
            nodes.add(normalize(features));
        }
        int biases = (int) layers.stream().filter(l -> l.bias != null).count();
        if (biases != 0 && biases != layers.size()) {
            chain.notes.add(biases + " of " + layers.size() + " layers have a bias: the others get zeros");
        }
        for (int k = 0; k < layers.size(); k++) {
            Layer l = layers.get(k);
            float[] bias = biases == 0 ? null : l.bias != null ? l.bias : new float[l.out];
            if (bias != null) {
                requireFinite(bias, "the bias of layer " + k);
            }
            nodes.add(new GraphNode.Affine(new NamedTensor("w" + k, new int[] {l.in, l.out}, l.weight),
                    bias == null ? null : new NamedTensor("b" + k, new int[] {l.out}, bias)));
            if (l.batchNorm != null) {
                String[] names = {"gamma", "beta", "mean", "var"};
                NamedTensor[] t = new NamedTensor[4];
                for (int i = 0; i < 4; i++) {
                    t[i] = new NamedTensor("bn" + k + "." + names[i], new int[] {l.out}, l.batchNorm[i]);
                }
                nodes.add(new GraphNode.BatchNorm(t[0], t[1], t[2], t[3]));
            }
            if (l.function != Activation.Function.IDENTITY) {
                nodes.add(new GraphNode.Activate(l.function, l.alpha, l.out));
            }
        }
        return nodes;
    }

    /** The front constants as {@code x' = (x − shift)·scale}, composed in double, stored in float. */
    private GraphNode.Normalize normalize(int n) {
        double[] shift = new double[n], scale = new double[n];
        Arrays.fill(scale, 1);
        for (Step s : front) {
            float[] v = vector(s.constant(), n, "the " + s.op() + " constant before the first layer");
            for (int j = 0; j < n; j++) {
                switch (s.op()) {
                    case "Sub" -> shift[j] += v[j] / scale[j];
                    case "Add" -> shift[j] -= v[j] / scale[j];
                    case "Mul" -> scale[j] *= v[j];
                    default -> {
                        chain.notes.add("the normalisation's Div by d is read as a Mul by 1/d (float32 may differ by one ulp)");
                        scale[j] /= v[j];
                    }
                }
                if (scale[j] == 0 || !Double.isFinite(scale[j]) || !Double.isFinite(shift[j])) {
                    throw new IllegalArgumentException("the normalisation before the first layer gives feature " + (j + 1)
                            + " the scale " + scale[j] + " and shift " + shift[j] + "; Neurite needs a finite, non-zero scale. "
                            + OnnxChain.SUPPORTED);
                }
            }
        }
        float[] s = new float[n], c = new float[n];
        for (int j = 0; j < n; j++) {
            s[j] = (float) shift[j];
            c[j] = (float) scale[j];
            if (!Float.isFinite(s[j]) || !Float.isFinite(c[j]) || c[j] == 0) {
                throw new IllegalArgumentException("the normalisation of feature " + (j + 1) + " does not fit float32");
            }
        }
        return new GraphNode.Normalize(OnnxChain.foreignKind(), new NamedTensor("shift", new int[] {n}, s),
                new NamedTensor("scale", new int[] {n}, c));
    }

    /** A constant as a vector of {@code n} values: [n], [1, n], or a scalar broadcast. */
    private float[] vector(Constant c, int n, String what) {
        long size = c.values().length;
        boolean fits = size == n && (c.rank() == 1 || c.rank() == 2 && c.dim(0) == 1)
                || size == 1 && c.rank() <= 2;
        if (!fits) {
            throw chain.refuse(what + " '" + c.name() + "' has dims " + Arrays.toString(c.dims()) + "; expected [" + n
                    + "], [1, " + n + "] or a scalar");
        }
        float[] v = size == n ? c.values().clone() : new float[n];
        if (size != n) {
            Arrays.fill(v, c.values()[0]);
        }
        requireFinite(v, c.name());
        return v;
    }

    private void requireFinite(float[] v, String name) {
        for (int k = 0; k < v.length; k++) {
            if (!Float.isFinite(v[k])) {
                throw chain.refuse("'" + name + "' holds " + v[k] + " at index " + k + "; a model holds finite numbers only");
            }
        }
    }
}
