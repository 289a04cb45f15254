package dev.neurite.train;

import dev.neurite.data.Dataset;
import dev.neurite.layer.Param;
import dev.neurite.loss.Loss;
import dev.neurite.metrics.Evaluation;
import dev.neurite.model.Network;
import dev.neurite.optim.Regularization;
import java.util.List;

/**
 * Stops a run that diverges, before it writes what it broke into the weights:
 * <ul>
 *   <li>before every optimizer step, the batch's loss (with the penalty) and every gradient must be finite;</li>
 *   <li>after every epoch, the weights must be finite (the last step of an epoch is checked here), and the
 *       epoch's mean loss L must stay within {@code L ≤ GROWTH · max(L₀, FLOOR)}, where L₀ is the loss (with
 *       the penalty) of the network as it starts (untrained, or as restored from a checkpoint) on the first
 *       {@value #REFERENCE_EXAMPLES} training examples. A run that learns only ever lowers its loss; one
 *       whose loss grows a thousandfold has blown up even if every number is still finite.</li>
 * </ul>
 */
final class DivergenceGuard {
    static final double GROWTH = 1e3;
    static final double FLOOR = 1e-3;
    static final int REFERENCE_EXAMPLES = 256;

    private final double start;
    private final Regularization regularization;

    private DivergenceGuard(double start, Regularization regularization) {
        this.start = start;
        this.regularization = regularization;
    }

    /** Measures L₀ on the first examples of {@code train}; changes neither the weights nor any RNG. */
    static DivergenceGuard of(Network network, Dataset train, Loss loss, Regularization regularization) {
        Dataset head = train.head(Math.min(REFERENCE_EXAMPLES, train.size()));
        double start = Evaluation.of(network, head, loss).loss() + regularization.penalty(network.params());
        return new DivergenceGuard(start, regularization);
    }

    /** Before the step: a non-finite loss or gradient would make every weight it touches NaN. */
    void beforeStep(double batchLoss, List<Param> params, int epoch, int batch, double lr) {
        if (!Double.isFinite(batchLoss)) {
            double penalty = regularization.penalty(params);
            throw new TrainingDivergedException("training diverged: the loss became " + batchLoss + " in epoch "
                    + (epoch + 1) + ", batch " + (batch + 1) + (Double.isFinite(penalty) ? ": lower the learning rate (" + lr + ")"
                    : ": the regularisation penalty is " + penalty + ": lower the regularisation (" + regularization + ")"));
        }
        for (Param p : params) {
            if (!finite(p.grad())) {
                throw new TrainingDivergedException("training diverged: the gradient of " + p.name()
                        + " became non-finite in epoch " + (epoch + 1) + ", batch " + (batch + 1)
                        + ": lower the learning rate (" + lr + ") or the regularisation (" + regularization + ")");
            }
        }
    }

    /** After an epoch: finite weights, and a loss that has not grown past GROWTH times where it started. */
    void afterEpoch(EpochStats stats, List<Param> params) {
        checkWeights(params, "in epoch " + (stats.epoch() + 1), stats.learningRate());
        double limit = GROWTH * Math.max(start, FLOOR);
        if (stats.trainLoss() > limit) {
            throw new TrainingDivergedException(String.format(java.util.Locale.ROOT,
                    "training diverged: epoch %d's mean loss %.4g is more than %.0f times the %.4g the network started"
                            + " with: lower the learning rate (%s)", stats.epoch() + 1, stats.trainLoss(), GROWTH,
                    start, stats.learningRate()));
        }
    }

    /** The weights must be finite, e.g. before they are checkpointed. */
    static void checkWeights(List<Param> params, String where, double lr) {
        for (Param p : params) {
            if (!finite(p.value())) {
                throw new TrainingDivergedException("training diverged: the weights of " + p.name()
                        + " became non-finite " + where + ": lower the learning rate (" + lr + ")");
            }
        }
    }

    private static boolean finite(dev.neurite.tensor.Matrix m) {
        float[] a = m.data();
        int n = m.size();
        float acc0 = 0, acc1 = 0;                                // v·0 is 0 for finite v, NaN for ±∞ and NaN
        int k = 0;
        for (; k + 1 < n; k += 2) {
            acc0 += a[k] * 0f;
            acc1 += a[k + 1] * 0f;
        }
        if (k < n) {
            acc0 += a[k] * 0f;
        }
        return acc0 + acc1 == 0;
    }
}
