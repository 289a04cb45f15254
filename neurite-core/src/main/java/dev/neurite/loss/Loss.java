package dev.neurite.loss;

import dev.neurite.layer.Activation;
import dev.neurite.tensor.Matrix;

/**
 * A loss {@code L(out, y)} over a batch, with its gradient.
 *
 * <p>{@code out} and {@code y} have shape {@code (B, K)}; for the fused losses {@code out} holds the
 * logits {@code z}, and {@link #fusedActivation()} names the activation folded into the loss.
 */
public sealed interface Loss permits SumOfSquares, MeanSquaredError, SoftmaxCrossEntropy, SigmoidCrossEntropy {

    /** {@code L = Σ (y − ŷ)²}: the first seed's loss, summed over the batch, not averaged. */
    static Loss sumOfSquares() { return new SumOfSquares(); }

    /** {@code L = mean over all B·K elements of (ŷ − y)²}, as PyTorch's {@code MSELoss}. */
    static Loss meanSquaredError() { return new MeanSquaredError(); }

    /** Softmax + cross-entropy on logits, averaged over the batch: the second seed's loss, made stable. */
    static Loss crossEntropy() { return new SoftmaxCrossEntropy(); }

    /** Sigmoid + binary cross-entropy on logits, averaged over all B·K outputs, as PyTorch's {@code BCEWithLogitsLoss}. */
    static Loss binaryCrossEntropy() { return new SigmoidCrossEntropy(); }

    /** The loss named {@code sse}, {@code mse}, {@code cross-entropy} or {@code binary-cross-entropy}. */
    static Loss parse(String name) {
        return switch (name) {
            case "sse", "sum-of-squares" -> sumOfSquares();
            case "mse" -> meanSquaredError();
            case "cross-entropy", "ce" -> crossEntropy();
            case "binary-cross-entropy", "bce" -> binaryCrossEntropy();
            default -> throw new IllegalArgumentException("unknown loss '" + name
                    + "'; expected one of [sse, mse, cross-entropy, binary-cross-entropy]");
        };
    }

    /** The loss alone, accumulated in double. */
    double value(Matrix out, Matrix y);

    /** The loss, and {@code dOut = ∂L/∂out} written into {@code dOut} (same shape as {@code out}). */
    double evaluate(Matrix out, Matrix y, Matrix dOut);

    /** The activation this loss applies itself (softmax or sigmoid), or null if it reads outputs as they are. */
    default Activation.Function fusedActivation() { return null; }

    /** The name used on the command line and in model files. */
    String cliName();

    static void checkShapes(Matrix out, Matrix y) {
        if (out.rows() != y.rows() || out.cols() != y.cols()) {
            throw new IllegalArgumentException("output " + out.shape() + " and targets " + y.shape() + " differ in shape");
        }
        if (out.rows() == 0) {
            throw new IllegalArgumentException("a loss needs at least one row, the batch was empty");
        }
    }
}
