package dev.neurite.train;

import dev.neurite.data.Dataset;
import dev.neurite.layer.Param;
import dev.neurite.loss.Loss;
import dev.neurite.layer.Mode;
import dev.neurite.model.Network;
import dev.neurite.optim.Regularization;
import java.util.List;

/**
 * Stops a run that diverges, before it writes what it broke into the weights:
 * <ul>
 *   <li>before every optimizer step, the batch's loss (with the penalty) and every gradient must be finite;</li>
 *   <li>after every epoch (so after the last step too), the weights must be finite, and the loss L of the
 *       network on the first {@value #REFERENCE_EXAMPLES} training examples (inference mode, with the penalty)
 *       must stay within {@code L ≤ GROWTH · max(L₀, FLOOR)}, L₀ being the same loss as the run starts
 *       (untrained, as restored from a checkpoint, or as a {@code fit} call on a carried state finds it). A run that learns lowers that loss; one whose loss grew
 *       a thousandfold has blown up even if every number is still finite.</li>
 * </ul>
 * The same examples before and after, so the two losses are on one scale whatever the loss and batch size.
 */
final class DivergenceGuard {
    static final double GROWTH = 1e3;
    static final double FLOOR = 1e-3;
    static final int REFERENCE_EXAMPLES = 256;

    private final Network network;
    private final Dataset head;
    private final Loss loss;
    private final Regularization regularization;
    private final double start;

    private DivergenceGuard(Network network, Dataset head, Loss loss, Regularization regularization) {
        this.network = network;
        this.head = head;
        this.loss = loss;
        this.regularization = regularization;
        this.start = headLoss();
    }

    /** Measures L₀ on the first examples of {@code train}; changes neither the weights nor any RNG. */
    static DivergenceGuard of(Network network, Dataset train, Loss loss, Regularization regularization) {
        return new DivergenceGuard(network, train.head(Math.min(REFERENCE_EXAMPLES, train.size())), loss, regularization);
    }

    private double headLoss() {
        return loss.value(network.forward(head.x(), Mode.INFERENCE, loss), head.y()) + regularization.penalty(network.params());
    }

    /**
     * Before the step ({@link TrainingStep}): a non-finite loss or gradient would make every weight it touches
     * NaN. {@code epoch} and {@code batch} (from 0) say where, in the message.
     */
    static void beforeStep(double batchLoss, List<Param> params, Regularization regularization, int epoch, int batch,
                           double lr) {
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
    void afterEpoch(int epoch, double lr) {
        checkWeights(network.params(), "in epoch " + (epoch + 1), lr);
        double now = headLoss();
        if (!(now <= GROWTH * Math.max(start, FLOOR)) && Double.isFinite(start)) {
            throw new TrainingDivergedException(String.format(java.util.Locale.ROOT,
                    "training diverged: after epoch %d the loss on the first %d training examples is %.4g, more than"
                            + " %.0f times the %.4g it started at: lower the learning rate (%s)", epoch + 1, head.size(),
                    now, GROWTH, start, lr));
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
