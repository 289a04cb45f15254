package dev.neurite.metrics;

import dev.neurite.data.Dataset;
import dev.neurite.layer.Mode;
import dev.neurite.loss.Loss;
import dev.neurite.model.Network;
import dev.neurite.tensor.Matrix;

/**
 * A network measured on a data set in inference mode: the mean loss, and for labelled sets the
 * accuracy and the confusion matrix ({@code confusion[true][predicted]}).
 */
public final class Evaluation {
    private static final int CHUNK = 1000;

    private final double loss;
    private final long[][] confusion; // null for regression
    private final int count;

    private Evaluation(double loss, long[][] confusion, int count) {
        this.loss = loss;
        this.confusion = confusion;
        this.count = count;
    }

    /** Evaluates with the loss the output layer suggests: cross-entropy after softmax, BCE after a single sigmoid, MSE otherwise. */
    public static Evaluation of(Network network, Dataset data) {
        return of(network, data, defaultLoss(network));
    }

    /** The loss that fits the network's output layer. */
    public static Loss defaultLoss(Network network) {
        var layers = network.layers();
        if (layers.get(layers.size() - 1) instanceof dev.neurite.layer.Activation act) {
            switch (act.function()) {
                case SOFTMAX: return Loss.crossEntropy();
                case SIGMOID: return Loss.binaryCrossEntropy();
                default: break;
            }
        }
        return Loss.meanSquaredError();
    }

    /** Evaluates {@code network} on {@code data}; the loss is the mean over the set (the sum for sum-of-squares). */
    public static Evaluation of(Network network, Dataset data, Loss loss) {
        if (data.inputSize() != network.inputSize()) {
            throw new IllegalArgumentException("the network takes " + network.inputSize() + " inputs, the data has "
                    + data.inputSize());
        }
        if (data.targetSize() != network.outputSize()) {
            throw new IllegalArgumentException("the network has " + network.outputSize() + " outputs, the data has "
                    + data.targetSize() + " target columns");
        }
        int n = data.size();
        if (n == 0) {
            throw new IllegalArgumentException("cannot evaluate on an empty data set");
        }
        long[][] confusion = data.hasLabels() ? new long[data.numClasses()][data.numClasses()] : null;
        boolean logits = loss.fusedActivation() != null;
        boolean summed = loss instanceof dev.neurite.loss.SumOfSquares;
        Matrix x = null, y = null;
        double total = 0;
        for (int start = 0; start < n; start += CHUNK) {
            int rows = Math.min(CHUNK, n - start);
            x = slice(data.x(), start, rows, x);
            y = slice(data.y(), start, rows, y);
            Matrix out = network.forward(x, Mode.INFERENCE, loss);
            double l = loss.value(out, y);
            total += summed ? l : l * rows;
            if (confusion != null) {
                for (int r = 0; r < rows; r++) {
                    confusion[data.label(start + r)][Predictions.classOf(out, r, logits)]++;
                }
            }
        }
        return new Evaluation(summed ? total : total / n, confusion, n);
    }

    private static Matrix slice(Matrix m, int start, int rows, Matrix buffer) {
        Matrix out = Matrix.reuse(buffer, rows, m.cols());
        System.arraycopy(m.data(), start * m.cols(), out.data(), 0, rows * m.cols());
        return out;
    }

    /** The mean loss over the set. */
    public double loss() { return loss; }

    /** The number of examples. */
    public int count() { return count; }

    /** The fraction classified correctly, or NaN for a regression set. */
    public double accuracy() {
        if (confusion == null) {
            return Double.NaN;
        }
        long right = 0;
        for (int c = 0; c < confusion.length; c++) {
            right += confusion[c][c];
        }
        return (double) right / count;
    }

    /** A copy of the confusion matrix, {@code [true class][predicted class]}. */
    public long[][] confusion() {
        if (confusion == null) {
            throw new IllegalStateException("a regression set has no confusion matrix");
        }
        long[][] copy = new long[confusion.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }

    /** Of the examples predicted as {@code c}, the fraction that are {@code c}; 0 when none were. */
    public double precision(int c) {
        long predicted = 0;
        for (long[] row : confusion()) {
            predicted += row[c];
        }
        return predicted == 0 ? 0 : (double) confusion[c][c] / predicted;
    }

    /** Of the examples of class {@code c}, the fraction predicted as {@code c}; 0 when there are none. */
    public double recall(int c) {
        long actual = 0;
        for (long v : confusion()[c]) {
            actual += v;
        }
        return actual == 0 ? 0 : (double) confusion[c][c] / actual;
    }

    /** The harmonic mean of precision and recall for class {@code c}. */
    public double f1(int c) {
        double p = precision(c), r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
