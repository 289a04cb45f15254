package dev.neurite.train;

import dev.neurite.data.Batches;
import dev.neurite.data.Batching;
import dev.neurite.data.Dataset;
import dev.neurite.layer.Mode;
import dev.neurite.layer.Param;
import dev.neurite.loss.Loss;
import dev.neurite.metrics.Evaluation;
import dev.neurite.metrics.Predictions;
import dev.neurite.model.Network;
import dev.neurite.optim.LearningRateSchedule;
import dev.neurite.optim.Optimizer;
import dev.neurite.optim.OptimizerConfig;
import dev.neurite.optim.Regularization;
import dev.neurite.optim.Sgd;
import dev.neurite.tensor.Matrix;
import dev.neurite.tensor.Parallelism;
import dev.neurite.tensor.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * The training loop, configured once (immutable) and run by {@link #fit}. For each batch:
 *
 * <pre>
 *   out = network.forward(x, training(rng), loss)     logits for fused losses
 *   L   = loss.evaluate(out, y, dOut) + penalty        1/B enters in the loss only
 *   network.backward(dOut)                             every Param.grad overwritten
 *   regularization.addGradients; optimizer.step(lr); regularization.applyConstraints
 * </pre>
 *
 * <p>Shuffling and dropout draw from two RNGs split from {@code seed}: the same seed, data and
 * network give bit-identical weights.
 */
public final class Trainer {
    private final int epochs;
    private final Batching batching;
    private final long seed;
    private final OptimizerConfig optimizer;
    private final Loss loss;
    private final Regularization regularization;
    private final LearningRateSchedule schedule;
    private final EarlyStopping earlyStopping;
    private final int threads;

    private Trainer(Builder b) {
        this.threads = b.threads;
        this.epochs = b.epochs;
        this.batching = b.batching;
        this.seed = b.seed;
        this.optimizer = b.optimizer;
        this.loss = b.loss;
        this.regularization = new Regularization(b.l1, b.l2, b.maxNorm);
        this.schedule = b.schedule;
        this.earlyStopping = b.earlyStopping;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int epochs() { return epochs; }

    public Loss loss() { return loss; }

    public OptimizerConfig optimizer() { return optimizer; }

    public Regularization regularization() { return regularization; }

    public int threads() { return threads; }

    /** Trains without validation data. */
    public History fit(Network network, Dataset train, TrainingListener... listeners) {
        return fit(network, train, null, listeners);
    }

    /**
     * Trains {@code network} in place on {@code train}, measuring {@code validation} (may be null)
     * after every epoch.
     */
    public History fit(Network network, Dataset train, Dataset validation, TrainingListener... listeners) {
        try (Parallelism parallelism = Parallelism.of(threads)) {
            network.parallelism(parallelism);
            return run(network, train, validation, listeners);
        } finally {
            network.parallelism(Parallelism.SERIAL);
        }
    }

    private History run(Network network, Dataset train, Dataset validation, TrainingListener... listeners) {
        checkFits(network, train, "training");
        if (validation != null) {
            checkFits(network, validation, "validation");
        }
        List<Param> params = network.params();
        Optimizer opt = optimizer.create(params);
        Rng root = new Rng(seed);
        Rng shuffleRng = root.split();
        Mode training = Mode.training(root.split());
        Batches batches = new Batches(train, batching);
        boolean logits = loss.fusedActivation() != null;
        boolean labelled = train.hasLabels();
        Matrix dOut = null;

        List<EpochStats> history = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = -1, sinceBest = 0;
        float[][] bestWeights = null;
        boolean stopped = false;

        for (int epoch = 0; epoch < epochs && !stopped; epoch++) {
            long start = System.nanoTime();
            double lr = schedule.rate(optimizer.learningRate(), epoch);
            batches.startEpoch(shuffleRng);
            double lossSum = 0;
            long correct = 0, seen = 0;
            int perEpoch = batches.batchesPerEpoch();
            while (batches.next()) {
                Matrix x = batches.x(), y = batches.y();
                Matrix out = network.forward(x, training, loss);
                dOut = Matrix.reuse(dOut, out.rows(), out.cols());
                double batchLoss = loss.evaluate(out, y, dOut);
                int right = labelled ? Predictions.correct(out, y, logits) : 0;
                network.backward(dOut, loss);
                batchLoss += regularization.penalty(params);
                regularization.addGradients(params);
                opt.step(lr);
                regularization.applyConstraints(params);
                if (!Double.isFinite(batchLoss)) {
                    throw new ArithmeticException("the loss became " + batchLoss + " in epoch " + (epoch + 1)
                            + ", batch " + (batches.batchIndex() + 1) + ": lower the learning rate (" + lr + ")");
                }
                lossSum += batchLoss * x.rows();
                correct += right;
                seen += x.rows();
                BatchStats stats = new BatchStats(epoch, batches.batchIndex(), perEpoch, x.rows(), batchLoss, right, lr);
                for (TrainingListener l : listeners) {
                    l.onBatch(stats);
                    stopped |= l.stopRequested();
                }
                if (stopped) {
                    break;
                }
            }
            double valLoss = Double.NaN, valAcc = Double.NaN;
            if (validation != null) {
                Evaluation ev = Evaluation.of(network, validation, loss);
                valLoss = ev.loss();
                valAcc = ev.accuracy();
            }
            EpochStats stats = new EpochStats(epoch, lossSum / seen, labelled ? (double) correct / seen : Double.NaN,
                    valLoss, valAcc, lr, (System.nanoTime() - start) / 1e9);
            history.add(stats);
            for (TrainingListener l : listeners) {
                l.onEpoch(stats);
                stopped |= l.stopRequested();
            }
            double monitored = validation != null ? valLoss : stats.trainLoss();
            double minDelta = earlyStopping == null ? 0 : earlyStopping.minDelta();
            if (monitored < best - minDelta) {
                best = monitored;
                bestEpoch = epoch;
                sinceBest = 0;
                if (earlyStopping != null && earlyStopping.restoreBest()) {
                    bestWeights = network.snapshot();
                }
            } else if (earlyStopping != null && ++sinceBest >= earlyStopping.patience()) {
                stopped = true;
            }
        }
        if (bestWeights != null) {
            network.restore(bestWeights);
        }
        return new History(history, stopped, Math.max(bestEpoch, 0));
    }

    private static void checkFits(Network network, Dataset data, String what) {
        if (data.inputSize() != network.inputSize()) {
            throw new IllegalArgumentException("the network takes " + network.inputSize() + " inputs, the " + what
                    + " data has " + data.inputSize() + " features");
        }
        if (data.targetSize() != network.outputSize()) {
            throw new IllegalArgumentException("the network has " + network.outputSize() + " outputs, the " + what
                    + " data has " + data.targetSize() + " target columns");
        }
    }

    /** Collects the configuration; every setter validates its argument. */
    public static final class Builder {
        private int epochs = 10;
        private Batching batching = Batching.shuffled(32);
        private long seed = 0;
        private OptimizerConfig optimizer = Sgd.plain(0.01);
        private Loss loss = Loss.crossEntropy();
        private double l1, l2, maxNorm;
        private LearningRateSchedule schedule = LearningRateSchedule.constant();
        private EarlyStopping earlyStopping;
        private int threads = 1;

        private Builder() {}

        /** Threads for the kernels (default 1); the trained weights are the same for any number. */
        public Builder threads(int threads) {
            if (threads <= 0) {
                throw new IllegalArgumentException("threads must be > 0, was " + threads);
            }
            this.threads = threads;
            return this;
        }

        public Builder epochs(int epochs) {
            if (epochs <= 0) {
                throw new IllegalArgumentException("epochs must be > 0, was " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /** Shuffled minibatches of this size (the default batching, size 32). */
        public Builder batchSize(int batchSize) {
            this.batching = Batching.shuffled(batchSize);
            return this;
        }

        public Builder batching(Batching batching) {
            this.batching = java.util.Objects.requireNonNull(batching, "batching");
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder optimizer(OptimizerConfig optimizer) {
            this.optimizer = java.util.Objects.requireNonNull(optimizer, "optimizer");
            return this;
        }

        public Builder loss(Loss loss) {
            this.loss = java.util.Objects.requireNonNull(loss, "loss");
            return this;
        }

        /** L1 penalty {@code l1·Σ|w|} on weights. */
        public Builder l1(double l1) {
            this.l1 = nonNegative("l1", l1);
            return this;
        }

        /** L2 penalty {@code (l2/2)·Σw²} on weights. */
        public Builder l2(double l2) {
            this.l2 = nonNegative("l2", l2);
            return this;
        }

        /** Max-norm bound on each unit's incoming weights; 0 for none. */
        public Builder maxNorm(double maxNorm) {
            this.maxNorm = nonNegative("maxNorm", maxNorm);
            return this;
        }

        public Builder schedule(LearningRateSchedule schedule) {
            this.schedule = java.util.Objects.requireNonNull(schedule, "schedule");
            return this;
        }

        /** Stop after {@code patience} epochs without improvement, optionally restoring the best weights. */
        public Builder earlyStopping(int patience, boolean restoreBest) {
            this.earlyStopping = new EarlyStopping(patience, 0, restoreBest);
            return this;
        }

        public Builder earlyStopping(EarlyStopping earlyStopping) {
            this.earlyStopping = earlyStopping;
            return this;
        }

        private static double nonNegative(String name, double value) {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException(name + " must be >= 0 and finite, was " + value);
            }
            return value;
        }

        public Trainer build() {
            return new Trainer(this);
        }
    }
}
