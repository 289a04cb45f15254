package dev.neurite.train;

import dev.neurite.layer.Param;
import dev.neurite.loss.Loss;
import dev.neurite.loss.LossWeights;
import dev.neurite.metrics.Predictions;
import dev.neurite.model.Network;
import dev.neurite.model.OutputHead;
import dev.neurite.optim.GradientClipping;
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
 *         (lossWeights.evaluate(loss, out, y, s, dOut) with class or example weights, or label smoothing)
 *   network.backward(dOut)                                    every Param.grad overwritten
 *   regularization.addGradients                               g += l1·sign(w) + l2·w
 *   L and every g finite, or TrainingDivergedException        the weights not yet touched
 *   clipping.apply                                            by value, then by the global norm (when set)
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
    private final GradientClipping clipping;      // null: none
    private final LossWeights lossWeights;        // null: the loss as it is, unless a batch brings example weights
    private Matrix dOut;

    private TrainingStep(Network network, Loss loss, Regularization regularization, boolean countsCorrect,
                         GradientClipping clipping, LossWeights lossWeights) {
        this.network = Objects.requireNonNull(network, "network");
        this.loss = Objects.requireNonNull(loss, "loss");
        this.regularization = Objects.requireNonNull(regularization, "regularization");
        this.head = head(network, loss);
        this.countsCorrect = countsCorrect;
        this.params = network.params();
        this.clipping = clipping == null || !clipping.enabled() ? null : clipping;
        this.lossWeights = lossWeights == null || !lossWeights.enabled() ? null : lossWeights;
        if (this.lossWeights != null) {
            this.lossWeights.check(loss, head.isRegression() ? 0 : head.classes());
        }
    }

    /**
     * A step that also clips the gradients before the update and weighs or smooths the loss
     * ({@link GradientClipping#NONE}, {@link LossWeights#NONE} for neither).
     *
     * @throws IllegalArgumentException if the loss does not fit the network, or the weights do not fit the loss
     *                                  (see {@link LossWeights#check})
     */
    public static TrainingStep of(Network network, Loss loss, Regularization regularization, GradientClipping clipping,
                                  LossWeights lossWeights) {
        return new TrainingStep(network, loss, regularization, head(network, loss).task() == OutputHead.Task.CLASSIFICATION,
                clipping, lossWeights);
    }

    /**
     * A step for {@code network} trained with {@code loss} and {@code regularization}
     * ({@link Regularization#NONE} for none); it counts right answers when the network is a classifier.
     *
     * @throws IllegalArgumentException if the loss does not fit the network (see {@link OutputHead})
     */
    public static TrainingStep of(Network network, Loss loss, Regularization regularization) {
        return of(network, loss, regularization, GradientClipping.NONE, LossWeights.NONE);
    }

    /** The trainer's step: counts right answers when the training data has class labels. */
    static TrainingStep of(Network network, Loss loss, Regularization regularization, boolean countsCorrect,
                           GradientClipping clipping, LossWeights lossWeights) {
        return new TrainingStep(network, loss, regularization, countsCorrect, clipping, lossWeights);
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
        return run(state, x, y, null, learningRate);
    }

    /**
     * As {@link #run(TrainingState, Matrix, Matrix, double)}, each row {@code b} of the batch weighing
     * {@code exampleWeights[b]} in the loss (null: all 1; see {@link LossWeights}).
     */
    public Result run(TrainingState state, Matrix x, Matrix y, float[] exampleWeights, double learningRate) {
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
        double batchLoss = lossWeights == null && exampleWeights == null ? loss.evaluate(out, y, dOut)
                : (lossWeights == null ? LossWeights.NONE : lossWeights).evaluate(loss, out, y, exampleWeights, dOut);
        int right = countsCorrect ? Predictions.correct(out, y, head) : 0;
        network.backward(dOut, loss);
        batchLoss += regularization.penalty(params);
        regularization.addGradients(params);
        DivergenceGuard.beforeStep(batchLoss, params, regularization, state.epoch, state.nextBatch, learningRate);
        if (clipping != null) {
            clipping.apply(params);
        }
        state.optimizer.step(learningRate);
        regularization.applyConstraints(params);
        return new Result(x.rows(), batchLoss, right);
    }
}
