package dev.neurite.onnx;

import dev.neurite.data.Normalization;
import dev.neurite.data.NormalizationKind;
import dev.neurite.io.SavedModel;
import dev.neurite.layer.Buffer;
import dev.neurite.layer.Param;
import dev.neurite.loss.Loss;
import dev.neurite.model.Architecture;
import dev.neurite.model.LayerSpec;
import dev.neurite.model.Network;
import dev.neurite.tensor.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Seeded random MLPs for the ONNX tests: every activation and output head, with and without bias and normalisation. */
final class RandomModels {
    private static final String[] HIDDEN = {"relu", "tanh", "sigmoid", "lrelu", "lrelu0.2", "linear"};
    /** Output layer activation and loss: softmax, sigmoid, a linear regression, linear logits with a fused loss, tanh. */
    private static final String[][] OUTPUTS = {{"softmax", "cross-entropy"}, {"sigmoid", "binary-cross-entropy"},
            {"linear", "mse"}, {"linear", "cross-entropy"}, {"linear", "binary-cross-entropy"}, {"tanh", "sse"},
            {"sigmoid", "mse"}};

    private RandomModels() {}

    static SavedModel model(long seed) {
        Random r = new Random(seed);
        int depth = 1 + (int) (seed % 4);
        int inputs = 1 + r.nextInt(64);
        StringBuilder spec = new StringBuilder().append(inputs);
        for (int k = 1; k < depth; k++) {
            spec.append('-').append(1 + r.nextInt(64)).append(HIDDEN[(int) ((seed + k) % HIDDEN.length)]);
            if (r.nextInt(4) == 0) {
                spec.append("-d0.").append(1 + r.nextInt(8));
            }
        }
        String[] out = OUTPUTS[(int) (seed % OUTPUTS.length)];
        int outputs = 1 + r.nextInt(out[0].equals("softmax") || out[1].equals("cross-entropy") ? 12 : 4);
        if (out[1].equals("cross-entropy") && outputs == 1) {
            outputs = 2;
        }
        spec.append('-').append(outputs).append(out[0]);
        boolean bias = seed % 5 != 1;
        Network net = Architecture.parse(spec.toString(), bias, null).build(seed);
        for (Param p : net.params()) {           // biases and weights away from their initial zeros and ranges
            float[] v = p.value().data();
            for (int k = 0; k < p.size(); k++) {
                v[k] = (float) (r.nextGaussian() * (p.weight() ? 0.6 : 0.3));
            }
        }
        Normalization norm = Normalization.none(inputs);
        if (seed % 3 != 0) {
            float[] shift = new float[inputs], scale = new float[inputs];
            for (int j = 0; j < inputs; j++) {
                shift[j] = (float) (r.nextGaussian() * 3);
                scale[j] = (float) (0.1 + r.nextDouble() * 2);
            }
            norm = new Normalization(seed % 3 == 1 ? NormalizationKind.STANDARD : NormalizationKind.MIN_MAX, shift, scale);
        }
        List<String> names = null;
        if (!out[1].equals("mse") && !out[1].equals("sse") && seed % 2 == 0) {
            names = new ArrayList<>();
            for (int c = 0; c < Math.max(2, outputs); c++) {
                names.add("class-" + c);
            }
        }
        return new SavedModel(net, loss(out[1]), norm, names, Map.of("seed", Long.toString(seed), "user.note", "random"));
    }

    /**
     * {@link #model(long)} with a batchnorm after every hidden dense layer (and after the output layer for even
     * seeds), γ, β and the running statistics random.
     */
    static SavedModel batchNormalized(long seed) {
        SavedModel plain = model(seed);
        Architecture a = plain.network().architecture();
        List<LayerSpec> layers = new ArrayList<>();
        for (int k = 0; k < a.layers().size(); k++) {
            LayerSpec l = a.layers().get(k);
            boolean last = k == a.layers().size() - 1;
            layers.add(l instanceof LayerSpec.Dense d && (!last || seed % 2 == 0) ? d.withBatchNorm() : l);
        }
        Network net = new Architecture(a.inputSize(), layers, a.bias(), null).build(seed);
        Random r = new Random(seed + 1000);
        for (Param p : net.params()) {
            float[] v = p.value().data();
            for (int k = 0; k < p.size(); k++) {
                v[k] = (float) (r.nextGaussian() * (p.weight() ? 0.6 : 0.3) + (p.name().endsWith(".weight") && !p.weight() ? 1 : 0));
            }
        }
        for (Buffer b : net.buffers()) {
            float[] v = b.value().data();
            for (int k = 0; k < b.size(); k++) {
                v[k] = (float) (b.name().endsWith("running_var") ? 0.05 + 2 * r.nextDouble() : r.nextGaussian() * 0.5);
            }
        }
        return new SavedModel(net, plain.loss(), plain.normalization(), plain.classNames(), plain.metadata());
    }

    static Loss loss(String name) {
        return switch (name) {
            case "cross-entropy" -> Loss.crossEntropy();
            case "binary-cross-entropy" -> Loss.binaryCrossEntropy();
            case "sse" -> Loss.sumOfSquares();
            default -> Loss.meanSquaredError();
        };
    }

    /** {@code rows} random feature rows around the normalisation's range. */
    static Matrix inputs(int rows, int features, long seed) {
        Random r = new Random(seed * 31 + rows);
        Matrix x = Matrix.zeros(rows, features);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < features; j++) {
                x.set(i, j, (float) (r.nextGaussian() * 2));
            }
        }
        return x;
    }
}
