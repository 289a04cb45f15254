package dev.neurite.train;

import dev.neurite.layer.Param;
import dev.neurite.loss.Loss;
import dev.neurite.metrics.Predictions;
import dev.neurite.model.Network;
import dev.neurite.model.OutputHead;
import dev.neurite.optim.Regularization;
import dev.neurite.tensor.Matrix;
import java.util.List;
import java.util.Objects;

/**
 * One minibatch step on a {@link TrainingState}, exactly as {@link Trainer} takes it:
 *
 * <pre>
 *   out = network.forward(x, training(dropout rng), loss)    x: (B,in) → out: (B,K), logits for fused losses
 *   L   = loss.evaluate(out, y, dOut) + penalty(weights)      y: (B,K); 1/B enters in the loss only
 *   network.backward(dOut)                                    every Param.grad overwritten
 *   regularization.addGradients                               g += l1·sign(w) + l2·w
 *   L and every g finite, or TrainingDivergedException        the weights not yet touched
 *   optimizer.step(learningRate)                              the state's optimizer
 *   regularization.applyConstraints                           max-norm
 * </pre>
 *
 * It changes the network's weights and gradients, the state's optimizer and its dropout stream, nothing
 * else: the position and the epoch's sums are the trainer's. Used alone, a caller brings its own batches:
 *
 * <pre>
 *   TrainingState state = TrainingState.start(network, Sgd.momentum(0.1, 0.9), seed);
 *   TrainingStep step = TrainingStep.of(network, Loss.crossEntropy(), new Regularization(0, 1e-4, 0));
 *   for (k = 0; k &lt; K; k++) { TrainingStep.Result r = step.run(state, x[k], y[k], 0.1); }
 *   byte[] shipped = state.toBytes();
 * </pre>
 *
 * Holds one reusable buffer for ∂L/∂out, so a step allocates nothing once the batch size has been seen; not
 * thread-safe.
 */
public final class TrainingStep {
    private final Network network;
    private final Loss loss;
    private final Regularization regularization;
    private final OutputHead head;
    private final boolean countsCorrect;
    private final List<Param> params;
    private Matrix dOut;

    private TrainingStep(Network network, Loss loss, Regularization regularization, boolean countsCorrect) {
        this.network = Objects.requireNonNull(network, "network");
        this.loss = Objects.requireNonNull(loss, "loss");
        this.regularization = Objects.requireNonNull(regularization, "regularization");
        this.head = head(network, loss);
        this.countsCorrect = countsCorrect;
        this.params = network.params();
    }

    /**
     * A step for {@code network} trained with {@code loss} and {@code regularization}
     * ({@link Regularization#NONE} for none); it counts right answers when the network is a classifier.
     *
     * @throws IllegalArgumentException if the loss does not fit the network (see {@link OutputHead})
     */
    public static TrainingStep of(Network network, Loss loss, Regularization regularization) {
        return new TrainingStep(network, loss, regularization, head(network, loss).task() == OutputHead.Task.CLASSIFICATION);
    }

    /** The trainer's step: counts right answers when the training data has class labels. */
    static TrainingStep of(Network network, Loss loss, Regularization regularization, boolean countsCorrect) {
        return new TrainingStep(network, loss, regularization, countsCorrect);
    }

    /** The network's head for {@code loss}: checked once, before anything is trained. */
    private static OutputHead head(Network network, Loss loss) {
        try {
            return OutputHead.of(network, loss);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the loss " + loss.cliName() + " does not fit the network "
                    + network.architecture().toSpec() + ": " + e.getMessage(), e);
        }
    }

    /** The output head this step reads its classes with. */
    public OutputHead head() { return head; }

    /**
     * What one step saw.
     *
     * @param size    examples in the batch
     * @param loss    the batch's mean loss, penalty included
     * @param correct examples the network classified right before the update (0 when not counted)
     */
    public record Result(int size, double loss, int correct) {}

    /**
     * Trains {@code state} on one batch {@code x: (B,in)}, {@code y: (B,K)} with {@code learningRate}. The
     * message of a divergence names the state's position (epoch and batch).
     *
     * @throws TrainingDivergedException if the loss or a gradient is not finite; the weights and the optimizer
     *                                   are then as before the call
     * @throws IllegalArgumentException  if {@code state} trains another network, or the shapes do not fit
     */
    public Result run(TrainingState state, Matrix x, Matrix y, double learningRate) {
        if (state.network != network) {
            throw new IllegalArgumentException("the state trains another network (" + state.network + ") than this step ("
                    + network + ")");
        }
        if (x.rows() != y.rows() || y.cols() != network.outputSize()) {
            throw new IllegalArgumentException("a batch of " + x.rows() + " rows of features needs " + x.rows() + " rows of "
                    + network.outputSize() + " targets, was " + y.rows() + "×" + y.cols());
        }
        Matrix out = network.forward(x, state.training, loss);
        dOut = Matrix.reuse(dOut, out.rows(), out.cols());
        double batchLoss = loss.evaluate(out, y, dOut);
        int right = countsCorrect ? Predictions.correct(out, y, head) : 0;
        network.backward(dOut, loss);
        batchLoss += regularization.penalty(params);
        regularization.addGradients(params);
        DivergenceGuard.beforeStep(batchLoss, params, regularization, state.epoch, state.nextBatch, learningRate);
        state.optimizer.step(learningRate);
        regularization.applyConstraints(params);
        return new Result(x.rows(), batchLoss, right);
    }
}
