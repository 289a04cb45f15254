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
 *       network on the first {@value #REFERENCE_EXAMPLES} or so training examples (whole batches of the
 *       training batch's size; inference mode, with the penalty)
 *       must stay within {@code L ≤ GROWTH · max(L₀, FLOOR)}, L₀ being the same loss as the run starts
 *       (untrained, as restored from a checkpoint, or as a {@code fit} call on a carried state finds it). A run that learns lowers that loss; one whose loss grew
 *       a thousandfold has blown up even if every number is still finite;</li>
 *   <li>after every step, the batch's training loss must stay within {@code GROWTH · max(L₀, FLOOR) · r}, r the
 *       largest weight a row can carry (class weight times example weight, at least 1): a blow-up stops within
 *       the step it shows in, not at the epoch's end. One comparison per step; off with label smoothing, whose
 *       loss does not fall towards the plain one's.</li>
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
    private double stepBound = Double.POSITIVE_INFINITY;

    private final List<dev.neurite.tensor.Matrix[]> chunks = new java.util.ArrayList<>();   // {x, y} per chunk

    private DivergenceGuard(Network network, Dataset head, Loss loss, Regularization regularization, int chunk) {
        this.network = network.sharingParams();     // the same weights, buffers of its own: the training network's stay as they are
        this.head = head;
        this.loss = loss;
        this.regularization = regularization;
        int in = head.inputSize(), k = head.y().cols();
        for (int r = 0; r < head.size(); r += chunk) {          // copied once: checking an epoch allocates nothing
            int rows = Math.min(chunk, head.size() - r);
            chunks.add(new dev.neurite.tensor.Matrix[] {
                dev.neurite.tensor.Matrix.wrap(java.util.Arrays.copyOfRange(head.x().data(), r * in, (r + rows) * in + 16), rows, in),
                dev.neurite.tensor.Matrix.wrap(java.util.Arrays.copyOfRange(head.y().data(), r * k, (r + rows) * k + 16), rows, k)});
        }
        this.start = headLoss();
    }

    /**
     * Measures L₀ on the first examples of {@code train}, in chunks of {@code batchSize} rows; changes neither
     * the weights nor any RNG. Chunks of the training batch's size keep the products on the shapes (and so
     * the kernel paths) training uses: one 256-row pass through the parallel packed path made C2 compile the
     * narrow 50-row path of the seed network worse, and its two-thread epoch twice as slow.
     */
    static DivergenceGuard of(Network network, Dataset train, Loss loss, Regularization regularization, int batchSize) {
        int chunk = Math.max(1, Math.min(batchSize, train.size()));
        int n = Math.max(chunk, Math.min(REFERENCE_EXAMPLES, train.size()) / chunk * chunk);   // whole chunks only
        return new DivergenceGuard(network, train.head(n), loss, regularization, chunk);
    }

    /** This guard, its per-step bound set for a training loss weighed and smoothed by {@code weights} on {@code train}. */
    DivergenceGuard scaledBy(dev.neurite.loss.LossWeights weights, Dataset train) {
        if (weights.labelSmoothing() > 0 || !Double.isFinite(start)) {
            return this;
        }
        double largest = 1;
        double[] classes = weights.classWeights();
        double classMax = 0, exampleMax = 0;
        for (double w : classes == null ? new double[] {1} : classes) {
            classMax = Math.max(classMax, w);
        }
        for (int i = 0; i < train.size(); i++) {
            exampleMax = Math.max(exampleMax, train.exampleWeight(i));
        }
        largest = Math.max(largest, classMax * exampleMax);
        stepBound = GROWTH * Math.max(start, FLOOR) * largest;
        return this;
    }

    /** After a step: its batch's loss within the per-step bound. */
    void afterStep(double batchLoss, int epoch, int batch, double lr) {
        if (batchLoss > stepBound) {
            throw new TrainingDivergedException(String.format(java.util.Locale.ROOT,
                    "training diverged: in epoch %d, batch %d the training loss is %.4g, more than %.0f times the %.4g the"
                            + " loss on the first %d training examples started at: lower the learning rate (%s)", epoch + 1,
                    batch + 1, batchLoss, GROWTH, start, head.size(), lr));
        }
    }

    /** The loss on the reference examples, chunk by chunk (each chunk's value weighted by its rows), plus the penalty. */
    private double headLoss() {
        double sum = 0;
        for (dev.neurite.tensor.Matrix[] c : chunks) {
            sum += loss.value(network.forward(c[0], Mode.INFERENCE, loss), c[1]) * c[0].rows();
        }
        return sum / head.size() + regularization.penalty(network.params());
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
        return dev.neurite.kernel.Kernels.allFinite(m.data(), m.size());
    }
}
