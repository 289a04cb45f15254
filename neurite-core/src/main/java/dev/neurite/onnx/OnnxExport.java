package dev.neurite.onnx;

import dev.neurite.io.AtomicFile;
import dev.neurite.io.Json;
import dev.neurite.io.ModelFile;
import dev.neurite.io.SavedModel;
import dev.neurite.layer.Activation;
import dev.neurite.layer.BatchNorm;
import dev.neurite.model.GraphNode;
import dev.neurite.model.ModelGraph;
import dev.neurite.model.NamedTensor;
import dev.neurite.model.OutputHead;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a Neurite model as an ONNX file (pure Java, no ONNX library): the model's {@link ModelGraph} as
 * standard operators that any ONNX runtime runs.
 *
 * <pre>
 *   input   FLOAT [batch, features]                  "batch" is a named (free) dimension
 *   Sub(x, shift) → Mul(·, scale)                     the normalisation (x − shift)·scale, when the model has one
 *   Gemm(x, W (in,out), b)                           one per dense layer, transA = transB = 0, bias left out without one
 *   BatchNormalization(·, γ, β, mean, var)           after a dense layer that has one: inference mode, epsilon 1e-5
 *   Relu | Tanh | Sigmoid | LeakyRelu(alpha) | Softmax(axis −1)    after a dense layer that has one
 *   Softmax | Sigmoid                                what predict applies to a linear network with a fused loss
 *   output  FLOAT [batch, outputs]                   what Neurite's Predictor gives: probabilities or values
 *   label   INT64 [batch]                            with {@link Options#label()}: ArgMax, or output ≥ 0.5 for one output
 * </pre>
 * No ZipMap and no {@code ai.onnx.ml} operator is used. The file's metadata properties carry Neurite's
 * version, the architecture, loss, normalisation, class and feature names, the model's own metadata and
 * {@code tensors_sha256}, the SHA-256 of the source model file's tensor data; {@link OnnxImport} reads them
 * back, so Neurite → ONNX → Neurite gives the same weights, bit for bit. See docs/onnx.md.
 */
public final class OnnxExport {
    /**
     * How to export.
     *
     * @param opset        the ONNX opset to declare, 13 (the default, IR 7) to 21
     * @param label        add a {@code label} output: the predicted class, INT64 (classifiers only)
     * @param featureNames the input features' names for the metadata, or null
     */
    public record Options(int opset, boolean label, List<String> featureNames) {
        public Options {
            if (opset < OnnxFields.MIN_EXPORT_OPSET || opset > OnnxFields.MAX_EXPORT_OPSET) {
                throw new IllegalArgumentException("opset must be in " + OnnxFields.MIN_EXPORT_OPSET + ".."
                        + OnnxFields.MAX_EXPORT_OPSET + ", was " + opset);
            }
            featureNames = featureNames == null ? null : List.copyOf(featureNames);
        }

        /** Opset 13, no label output, no feature names. */
        public static Options defaults() {
            return new Options(OnnxFields.DEFAULT_OPSET, false, null);
        }
    }

    /** The metadata property keys Neurite writes (and reads back). */
    static final String VERSION = "neurite_version", ARCHITECTURE = "architecture", BIAS = "bias", LOSS = "loss",
            NORMALIZATION = "normalization", CLASS_NAMES = "class_names", FEATURE_NAMES = "feature_names",
            TENSORS_SHA256 = "tensors_sha256", META_PREFIX = "neurite.metadata.";
    static final String INPUT = "input", OUTPUT = "output", LABEL = "label", BATCH = "batch";

    private OnnxExport() {}

    /** Writes {@link #toBytes} to {@code file} atomically (a temporary file, forced, then renamed). */
    public static void write(SavedModel model, Path file, Options options) throws IOException {
        byte[] bytes = toBytes(model, options);
        AtomicFile.write(file, out -> out.write(bytes));
    }

    /**
     * The ONNX file's bytes.
     *
     * @throws IllegalArgumentException if a label is asked of a regression, a weight is not finite, or the
     *                                  feature names do not match the inputs
     */
    public static byte[] toBytes(SavedModel model, Options options) {
        Objects.requireNonNull(options, "options");
        ModelGraph graph = model.graph();
        OutputHead head = graph.head();
        if (options.label() && head.isRegression()) {
            throw new IllegalArgumentException("--label: the model is a regression (" + graph.architecture().toSpec()
                    + ", loss " + graph.loss().cliName() + "), it has no classes to label");
        }
        if (options.featureNames() != null && options.featureNames().size() != graph.inputSize()) {
            throw new IllegalArgumentException(options.featureNames().size() + " feature names for a model of "
                    + graph.inputSize() + " inputs");
        }
        OnnxGraphWriter g = new OnnxGraphWriter(options.opset());
        String x = INPUT;
        for (GraphNode node : graph.nodes()) {
            if (node instanceof GraphNode.Normalize n) {
                x = g.node("Sub", List.of(x, g.initializer(n.shift())), Map.of());
                x = g.node("Mul", List.of(x, g.initializer(n.scale())), Map.of());
            } else if (node instanceof GraphNode.Affine a) {
                x = a.bias() == null ? g.node("Gemm", List.of(x, g.initializer(a.weight())), Map.of())
                        : g.node("Gemm", List.of(x, g.initializer(a.weight()), g.initializer(a.bias())), Map.of());
            } else if (node instanceof GraphNode.BatchNorm b) {
                // a node of its own rather than folded into the Gemm: the same formula as Neurite's, so the same
                // rounding, and the statistics come back on import (docs/onnx.md)
                x = g.node("BatchNormalization", List.of(x, g.initializer(b.gamma()), g.initializer(b.beta()),
                        g.initializer(b.mean()), g.initializer(b.variance())), Map.of("epsilon", BatchNorm.EPSILON));
            } else if (node instanceof GraphNode.Activate f) {
                x = activation(g, f.function(), f.alpha(), x);
            }
        }
        if (head.predictionsAreLogits()) {
            x = activation(g, head.activation(), Activation.DEFAULT_LEAKY_SLOPE, x);
        }
        g.renameLast(OUTPUT);
        if (options.label()) {
            if (graph.outputSize() == 1) {
                String threshold = g.initializer(new NamedTensor("label.threshold", new int[] {1}, new float[] {0.5f}));
                String ge = g.node("GreaterOrEqual", List.of(OUTPUT, threshold), Map.of());
                String cast = g.node("Cast", List.of(ge), Map.of("to", (long) OnnxFields.INT64));
                g.node("Reshape", List.of(cast, g.int64Initializer("label.shape", new long[] {-1})), Map.of());
            } else {
                g.node("ArgMax", List.of(OUTPUT), Map.of("axis", 1L, "keepdims", 0L));
            }
            g.renameLast(LABEL);
        }
        g.input(INPUT, OnnxFields.FLOAT, BATCH, graph.inputSize());
        g.output(OUTPUT, OnnxFields.FLOAT, BATCH, graph.outputSize());
        if (options.label()) {
            g.output(LABEL, OnnxFields.INT64, BATCH, -1);
        }
        return g.model(properties(model, graph, options));
    }

    private static String activation(OnnxGraphWriter g, Activation.Function f, float alpha, String x) {
        return switch (f) {
            case RELU -> g.node("Relu", List.of(x), Map.of());
            case TANH -> g.node("Tanh", List.of(x), Map.of());
            case SIGMOID -> g.node("Sigmoid", List.of(x), Map.of());
            case LEAKY_RELU -> g.node("LeakyRelu", List.of(x), Map.of("alpha", alpha));
            case SOFTMAX -> g.node("Softmax", List.of(x), Map.of("axis", -1L));
            case IDENTITY -> x;
        };
    }

    private static Map<String, String> properties(SavedModel model, ModelGraph graph, Options options) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(VERSION, version(model));
        p.put(ARCHITECTURE, graph.architecture().toSpec());
        p.put(BIAS, Boolean.toString(graph.architecture().bias()));
        p.put(LOSS, graph.loss().cliName());
        p.put(NORMALIZATION, graph.normalizationKind().cliName());
        if (graph.classNames() != null) {
            p.put(CLASS_NAMES, Json.write(graph.classNames()));
        }
        if (options.featureNames() != null) {
            p.put(FEATURE_NAMES, Json.write(options.featureNames()));
        }
        p.put(TENSORS_SHA256, tensorsSha256(model));
        new java.util.TreeMap<>(graph.metadata()).forEach((k, v) -> p.put(META_PREFIX + k, v));
        return p;
    }

    /** Neurite's version: this jar's, else the one the model was trained with, else "dev". */
    static String version(SavedModel model) {
        String v = OnnxExport.class.getPackage().getImplementationVersion();
        return v != null ? v : model.metadata().getOrDefault("neurite_version", "dev");
    }

    /** The SHA-256 of the model file's tensor data: its {@code tensors_sha256}, the weights as Neurite stores them. */
    static String tensorsSha256(SavedModel model) {
        byte[] file = ModelFile.toBytes(model);
        long n = 0;
        for (int k = 7; k >= 0; k--) {
            n = n << 8 | (file[k] & 0xFF);
        }
        return sha256(file, 8 + (int) n, file.length - 8 - (int) n);
    }

    static String sha256(byte[] bytes, int offset, int length) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(bytes, offset, length);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
