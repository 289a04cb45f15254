package dev.neurite.infer;

import dev.neurite.data.Dataset;
import dev.neurite.data.Normalization;
import dev.neurite.io.SavedModel;
import dev.neurite.layer.Mode;
import dev.neurite.loss.Loss;
import dev.neurite.metrics.Evaluation;
import dev.neurite.model.Fits;
import dev.neurite.model.Network;
import dev.neurite.model.OutputHead;
import dev.neurite.tensor.Matrix;
import java.util.Objects;

/**
 * A trained network ready for use: raw features in, the output head's answer out.
 *
 * <pre>
 *   x' = (x − shift) · scale         the model's normalisation, on a copy: the caller's array is never written
 *   a  = network(x')                 inference mode (dropout is the identity)
 *   p  = head(a)                     probabilities and class for a classifier, the values for a regression
 * </pre>
 *
 * <p>Safe for any number of threads at once on one instance: the weights are shared read-only, and each
 * thread runs on a network of its own buffers ({@link Network#sharingParams()}) created on its first
 * call. Each row is computed by the same kernels in the same order as {@link Network#predict}, in chunks
 * of the same size, so the results are bit-identical to it and to a single-threaded run, whatever the
 * number of threads. A predictor built from a {@link Network} copies its weights: training the network
 * afterwards does not change the predictor.
 *
 * <pre>{@code
 * Predictor predictor = Predictor.of(ModelFile.load(Path.of("mnist.neurite")));
 * Classification c = predictor.classify(pixels);      // c.index(), c.label(), c.probabilities()
 * }</pre>
 */
public final class Predictor {
    private static final int CHUNK = 1024;   // as Network.predict, so chunks (and bits) agree

    private final Network weights;
    private final Normalization normalization;
    private final OutputHead head;
    private final ThreadLocal<Workspace> workspace;

    private Predictor(Network weights, Normalization normalization, OutputHead head) {
        if (normalization.features() != weights.inputSize()) {
            throw new IllegalArgumentException("normalization has " + normalization.features()
                    + " features, the network takes " + weights.inputSize());
        }
        this.weights = weights;
        this.normalization = normalization;
        this.head = head;
        this.workspace = ThreadLocal.withInitial(() -> new Workspace(weights.sharingParams()));
    }

    /**
     * The predictor of a saved model: its network, normalisation, loss and class or target names. The
     * weights are copied, so training or restoring {@code model.network()} later does not change it.
     */
    public static Predictor of(SavedModel model) {
        Network copy = model.network().architecture().build(0);
        copy.restore(model.network().snapshot());
        return new Predictor(copy, model.normalization(), model.head());
    }

    /** A predictor of a copy of {@code network}'s weights, with the loss its output suggests. */
    public static Predictor of(Network network, Normalization normalization) {
        return of(network, normalization, OutputHead.defaultLoss(network));
    }

    /**
     * A predictor of a copy of {@code network}'s weights as trained with {@code loss}, which decides the head.
     *
     * @throws IllegalArgumentException if the loss does not fit the network, or the normalisation its input
     */
    public static Predictor of(Network network, Normalization normalization, Loss loss) {
        Objects.requireNonNull(normalization, "normalization");
        OutputHead head = OutputHead.of(network, loss);
        Network copy = network.architecture().build(0);
        copy.restore(network.snapshot());
        return new Predictor(copy, normalization, head);
    }

    /** What the outputs mean, with the class or target names. */
    public OutputHead head() { return head; }

    /** The normalisation applied to every input. */
    public Normalization normalization() { return normalization; }

    /** The number of features an example has. */
    public int inputSize() { return weights.inputSize(); }

    /** The number of outputs: classes (1 for a single sigmoid) or regression targets. */
    public int outputSize() { return weights.outputSize(); }

    /**
     * The head's output for one example: class probabilities (the network's softmax or σ, applied by the
     * head when the network is linear) or regression values; a new array of {@link #outputSize()} floats.
     */
    public float[] predict(float[] features) {
        Matrix out = head.finish(raw(features));
        float[] result = new float[out.cols()];
        System.arraycopy(out.data(), 0, result, 0, result.length);
        return result;
    }

    /** {@link #predict(float[])} for each row of {@code features: (N, inputSize)}: a new {@code (N, outputSize)} matrix. */
    public Matrix predict(Matrix features) {
        return head.finish(outputs(features));
    }

    /** The class, label and probabilities of one example; for classifiers only. */
    public Classification classify(float[] features) {
        requireClassifier();
        return classification(raw(features), 0);
    }

    /** {@link #classify(float[])} for each row of {@code features: (N, inputSize)}. */
    public Classification[] classify(Matrix features) {
        requireClassifier();
        Matrix out = outputs(features);
        Classification[] result = new Classification[out.rows()];
        for (int r = 0; r < result.length; r++) {
            result[r] = classification(out, r);
        }
        return result;
    }

    /** The predicted class of each row of {@code features}; for classifiers only. */
    public int[] classes(Matrix features) {
        requireClassifier();
        Matrix out = outputs(features);
        int[] result = new int[out.rows()];
        for (int r = 0; r < result.length; r++) {
            result[r] = head.classOfOutput(out, r);
        }
        return result;
    }

    /**
     * The model measured on {@code data} (raw features: the predictor normalises a copy of each chunk) with
     * its loss: accuracy and confusion for labelled data, RMSE, MAE and R² for regression targets.
     */
    public Evaluation evaluate(Dataset data) {
        return Evaluation.of(workspace.get().network, data, head.loss(), normalization);
    }

    private Classification classification(Matrix raw, int r) {
        int c = head.classOfOutput(raw, r);     // decided on the network's own output, as Evaluation does
        Matrix row = workspace.get().row(raw, r);
        head.finish(row);
        return new Classification(c, head.label(c), head.probabilities(row, 0));
    }

    private void requireClassifier() {
        if (head.isRegression()) {
            throw new IllegalStateException("the model is a regression (" + head + "): use predict for its values");
        }
    }

    /** One example through the thread's network: its own output, before the head finishes it, in a buffer. */
    private Matrix raw(float[] features) {
        Fits.features("the model", inputSize(), "the example", features.length);
        Workspace ws = workspace.get();
        ws.single = Matrix.reuse(ws.single, 1, inputSize());
        System.arraycopy(features, 0, ws.single.data(), 0, features.length);
        normalization.applyInPlace(ws.single);
        Matrix out = ws.network.forward(ws.single, Mode.INFERENCE);
        ws.out = Matrix.reuse(ws.out, 1, out.cols());
        System.arraycopy(out.data(), 0, ws.out.data(), 0, out.cols());
        return ws.out;
    }

    /** The network's own outputs for every row of {@code features}, before the head finishes them: a new matrix. */
    private Matrix outputs(Matrix features) {
        int in = inputSize(), out = outputSize();
        Fits.features("the model", in, "the input of shape " + features.shape(), features.cols());
        Workspace ws = workspace.get();
        Matrix result = Matrix.zeros(features.rows(), out);
        for (int start = 0; start < features.rows(); start += CHUNK) {
            int rows = Math.min(CHUNK, features.rows() - start);
            ws.chunk = Matrix.reuse(ws.chunk, rows, in);
            System.arraycopy(features.data(), start * in, ws.chunk.data(), 0, rows * in);
            normalization.applyInPlace(ws.chunk);
            Matrix a = ws.network.forward(ws.chunk, Mode.INFERENCE);
            System.arraycopy(a.data(), 0, result.data(), start * out, rows * out);
        }
        return result;
    }

    /** One thread's buffers: a network sharing the weights, and input copies. */
    private static final class Workspace {
        final Network network;
        Matrix single, chunk, out, row;

        Workspace(Network network) {
            this.network = network;
        }

        Matrix row(Matrix m, int r) {
            row = Matrix.reuse(row, 1, m.cols());
            System.arraycopy(m.data(), r * m.cols(), row.data(), 0, m.cols());
            return row;
        }
    }

    @Override
    public String toString() {
        return "Predictor(" + weights + ", " + head + ", " + normalization + ")";
    }
}
