package dev.neurite.model;

import dev.neurite.layer.Activation;
import dev.neurite.layer.Layer;
import dev.neurite.loss.Loss;
import dev.neurite.loss.SumOfSquares;
import dev.neurite.kernel.Kernels;
import dev.neurite.tensor.Matrix;
import java.util.List;

/**
 * What a network's output means, in one place: the activation it ends in, what its loss fuses,
 * whether it is a classifier or a regression, and how an output row becomes a class.
 *
 * <pre>
 *   network ends in     loss                   task            loss reads     predict gives
 *   softmax             cross-entropy (fused)  classification  logits z       softmax(z)
 *   sigmoid             bce (fused)            classification  logits z       σ(z)
 *   linear              cross-entropy / bce    classification  logits z       z; the head applies softmax / σ
 *   softmax / sigmoid   mse, sse               classification  outputs a      a
 *   linear, tanh, relu  mse, sse               regression      outputs a      the values a
 * </pre>
 * A fused loss on a network that ends in another activation (sigmoid with cross-entropy) is refused.
 * The class of a row is its arg-max; a single output is class 1 when it is at least 0.5 (a
 * probability) or at least 0 (a logit). The head only decides; it does no arithmetic of its own on
 * the network's outputs except, for a linear network with a fused loss, the activation the loss fuses.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class OutputHead {
    /** What the outputs stand for. */
    public enum Task { CLASSIFICATION, REGRESSION }

    private final Activation.Function ending;   // the network's own last activation, IDENTITY if none
    private final Loss loss;
    private final int outputs;
    private final List<String> names;

    private OutputHead(Activation.Function ending, Loss loss, int outputs, List<String> names) {
        this.ending = ending;
        this.loss = loss;
        this.outputs = outputs;
        this.names = names;
    }

    /**
     * The head of {@code network} trained with {@code loss}.
     *
     * @throws IllegalArgumentException if the loss fuses an activation the network does not end in
     */
    public static OutputHead of(Network network, Loss loss) {
        Activation.Function ending = ending(network);
        skipsFinalActivation(ending, loss);
        return new OutputHead(ending, loss, network.outputSize(), null);
    }

    /** The head of a network of {@code outputs} outputs that ends in {@code ending} (IDENTITY for none). */
    static OutputHead of(Activation.Function ending, Loss loss, int outputs) {
        skipsFinalActivation(ending, loss);
        return new OutputHead(ending, loss, outputs, null);
    }

    /** The head of {@code network} with the loss its output suggests ({@link #defaultLoss}). */
    public static OutputHead of(Network network) {
        return of(network, defaultLoss(network));
    }

    /** The loss that fits the network's output: cross-entropy after softmax, BCE after sigmoid, MSE otherwise. */
    public static Loss defaultLoss(Network network) {
        return switch (ending(network)) {
            case SOFTMAX -> Loss.crossEntropy();
            case SIGMOID -> Loss.binaryCrossEntropy();
            default -> Loss.meanSquaredError();
        };
    }

    /**
     * The activation a network trained with {@code loss} should end in: the one the loss fuses (softmax,
     * σ); σ for classes under a squared error (one probability per class); none for a regression.
     */
    public static Activation.Function outputActivationFor(Loss loss, boolean classes) {
        if (!classes) {
            return Activation.Function.IDENTITY;
        }
        return loss.fusedActivation() != null ? loss.fusedActivation() : Activation.Function.SIGMOID;
    }

    /**
     * Whether the input of {@code loss} stops before the network's final activation layer: true when the
     * loss fuses the activation the network ends in.
     *
     * @throws IllegalArgumentException if the loss fuses an activation the network ends in another one than
     */
    public static boolean skipsFinalActivation(Network network, Loss loss) {
        return skipsFinalActivation(ending(network), loss);
    }

    private static boolean skipsFinalActivation(Activation.Function ending, Loss loss) {
        Activation.Function fused = loss.fusedActivation();
        if (fused == null || ending == Activation.Function.IDENTITY) {
            return false;
        }
        if (ending == fused) {
            return true;
        }
        throw new IllegalArgumentException(loss.cliName() + " applies " + fused.cliName()
                + " itself: the network must end in " + fused.cliName() + " or be linear, it ends in " + ending.cliName());
    }

    private static Activation.Function ending(Network network) {
        List<Layer> layers = network.layers();
        return layers.get(layers.size() - 1) instanceof Activation act ? act.function() : Activation.Function.IDENTITY;
    }

    /** The same head with names for its classes (or, for a regression, its targets); null for none. */
    public OutputHead named(List<String> names) {
        return new OutputHead(ending, loss, outputs, names == null ? null : List.copyOf(names));
    }

    /** Classification or regression. */
    public Task task() {
        boolean classes = loss.fusedActivation() != null || ending == Activation.Function.SOFTMAX
                || ending == Activation.Function.SIGMOID;
        return classes ? Task.CLASSIFICATION : Task.REGRESSION;
    }

    public boolean isRegression() { return task() == Task.REGRESSION; }

    /** The activation the network itself ends in ({@code IDENTITY} when it ends in a dense layer). */
    public Activation.Function networkActivation() { return ending; }

    /** The activation between the last dense layer and what predict gives: the network's, or the fused one for a linear network. */
    public Activation.Function activation() {
        return ending == Activation.Function.IDENTITY && loss.fusedActivation() != null ? loss.fusedActivation() : ending;
    }

    /** The loss this head was made for. */
    public Loss loss() { return loss; }

    /** Whether {@code loss} trains a classifier whatever the network ends in (it fuses softmax or σ). */
    public static boolean needsClasses(Loss loss) { return loss.fusedActivation() != null; }

    /** Whether the loss is summed over the batch (sum-of-squares) rather than averaged. */
    public boolean summedLoss() { return loss instanceof SumOfSquares; }

    /** The number of outputs. */
    public int outputs() { return outputs; }

    /** The number of classes: the outputs, or 2 for a single output. */
    public int classes() {
        if (isRegression()) {
            throw new IllegalStateException("a regression has no classes");
        }
        return outputs == 1 ? 2 : outputs;
    }

    /** Class names (classifier) or target names (regression), or null when none were given. */
    public List<String> names() { return names; }

    /** The label of class {@code c}: its name when known, else its index. */
    public String label(int c) {
        return names != null && c < names.size() ? names.get(c) : Integer.toString(c);
    }

    /** The class of row {@code r} of the loss's input (what {@code Network.forward(x, mode, loss)} returned). */
    public int classOfLossInput(Matrix out, int r) {
        return classOf(out, r, loss.fusedActivation() != null);
    }

    /** The class of row {@code r} of the network's own output ({@code Network.predict}). */
    public int classOfOutput(Matrix out, int r) {
        return classOf(out, r, predictionsAreLogits());
    }

    /** Whether the network's own output holds logits the head still has to squash (linear network, fused loss). */
    public boolean predictionsAreLogits() {
        return ending == Activation.Function.IDENTITY && loss.fusedActivation() != null;
    }

    private static int classOf(Matrix out, int r, boolean logits) {
        if (out.cols() == 1) {
            return out.get(r, 0) >= (logits ? 0f : 0.5f) ? 1 : 0;
        }
        return Kernels.argmaxRow(out, r);
    }

    /** The class of target row {@code r}: the hot column, or for a single 0/1 column, whether it is ≥ 0.5. */
    public static int classOfTarget(Matrix y, int r) {
        return y.cols() == 1 ? (y.get(r, 0) >= 0.5f ? 1 : 0) : Kernels.argmaxRow(y, r);
    }

    /** Applies, in place, what the network's own output still lacks: softmax or σ for a linear network with a fused loss. */
    public Matrix finish(Matrix out) {
        if (!predictionsAreLogits()) {
            return out;
        }
        if (loss.fusedActivation() == Activation.Function.SOFTMAX) {
            Kernels.softmaxRows(out, out);
        } else {
            Kernels.sigmoid(out.data(), out.data(), 0, out.size());
        }
        return out;
    }

    /** The class probabilities of a finished output row: the row, or (1 − p, p) for a single output. */
    public double[] probabilities(Matrix finished, int r) {
        if (finished.cols() == 1) {
            return new double[] {1 - finished.get(r, 0), finished.get(r, 0)};
        }
        double[] p = new double[finished.cols()];
        for (int c = 0; c < p.length; c++) {
            p[c] = finished.get(r, c);
        }
        return p;
    }

    @Override
    public String toString() {
        return "OutputHead(" + task().name().toLowerCase(java.util.Locale.ROOT) + ", " + outputs + " outputs, "
                + activation().cliName() + ", loss " + loss.cliName() + ")";
    }
}
