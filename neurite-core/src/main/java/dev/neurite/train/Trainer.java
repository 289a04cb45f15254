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
import dev.neurite.model.OutputHead;
import dev.neurite.optim.LearningRateSchedule;
import dev.neurite.optim.Optimizer;
import dev.neurite.optim.OptimizerConfig;
import dev.neurite.optim.Regularization;
import dev.neurite.optim.Sgd;
import dev.neurite.tensor.Matrix;
import dev.neurite.tensor.Parallelism;
import dev.neurite.tensor.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private final Path checkpointDir;
    private final int checkpointEvery;

    private Trainer(Builder b) {
        this.threads = b.threads;
        this.checkpointDir = b.checkpointDir;
        this.checkpointEvery = b.checkpointEvery;
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
        try {
            return run(network, train, validation, null, listeners);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Continues the run saved in {@code checkpoint} (a checkpoint file, or the folder holding one) on the
     * same network architecture, data and settings; the network's weights are replaced by the saved ones.
     * The result is bit-identical to a run that was never interrupted.
     *
     * @throws IOException if the checkpoint cannot be read, is corrupted, or belongs to another run
     */
    public History resume(Path checkpoint, Network network, Dataset train, Dataset validation,
                          TrainingListener... listeners) throws IOException {
        Path file = Files.isDirectory(checkpoint) ? checkpoint.resolve(Checkpoint.FILE_NAME) : checkpoint;
        return run(network, train, validation, file, listeners);
    }

    /**
     * What identifies a run for its checkpoints: the network, every setting that shapes the weights, and a digest
     * of the training data's values (so another file, normalisation or split is another run). The number of
     * epochs is not part of it: resuming with more epochs continues the run to the new count.
     */
    private String fingerprint(Network network, Dataset train) {
        return String.join(" | ", network.architecture().toSpec(), "bias=" + network.architecture().bias(),
                "examples=" + train.size(), "data=" + DataDigest.of(train), batching.toString(), "seed=" + seed,
                optimizer.toString(), loss.cliName(), regularization.toString(), schedule.toString());
    }

    private History run(Network network, Dataset train, Dataset validation, Path resumeFrom,
                        TrainingListener... listeners) throws IOException {
        OutputHead head = head(network);
        checkFits(network, train, "training");
        if (validation != null) {
            checkFits(network, validation, "validation");
        }
        if (train.kind() == Dataset.Kind.CLASSES && train.numClasses() < 2) {
            throw new IllegalArgumentException("the training data has only one class"
                    + (train.classNames() == null ? "" : " ('" + train.classNames().get(0) + "')")
                    + ": a classifier needs examples of at least two");
        }
        try (CheckpointLock lock = checkpointDir == null ? null : CheckpointLock.acquire(checkpointDir);
             Parallelism parallelism = Parallelism.of(threads)) {
            network.parallelism(parallelism);
            return loop(network, head, train, validation, resumeFrom, parallelism, listeners);
        } finally {
            network.parallelism(Parallelism.SERIAL);
        }
    }

    /** The network's head for this trainer's loss: checked once, before anything is trained. */
    private OutputHead head(Network network) {
        try {
            return OutputHead.of(network, loss);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the loss " + loss.cliName() + " does not fit the network "
                    + network.architecture().toSpec() + ": " + e.getMessage(), e);
        }
    }

    private History loop(Network network, OutputHead head, Dataset train, Dataset validation, Path resumeFrom, Parallelism parallelism,
                         TrainingListener... listeners) throws IOException {
        List<Param> params = network.params();
        Optimizer opt = optimizer.create(params);
        opt.parallelism(parallelism);
        Batches batches = new Batches(train, batching);
        String fingerprint = checkpointDir != null || resumeFrom != null ? fingerprint(network, train) : "";
        Checkpoint state;
        Rng shuffleRng;
        Rng dropoutRng;
        if (resumeFrom != null) {
            state = Checkpoint.read(resumeFrom, fingerprint, network, train.size(), opt.state(), epochs,
                    batches.batchesPerEpoch());
            network.restore(state.weights);
            opt.restore(state.optimizerSteps, state.optimizerState);
            shuffleRng = Rng.fromState(state.shuffleRng);
            dropoutRng = Rng.fromState(state.dropoutRng);
        } else {
            state = new Checkpoint();
            state.fingerprint = fingerprint;
            state.best = Double.POSITIVE_INFINITY;
            state.bestEpoch = -1;
            Rng root = new Rng(seed);
            shuffleRng = root.split();
            dropoutRng = root.split();
        }
        DivergenceGuard guard = DivergenceGuard.of(network, train, loss, regularization);
        Mode training = Mode.training(dropoutRng);
        boolean labelled = train.hasLabels();
        Matrix dOut = null;
        boolean stopped = false;
        long steps = 0;

        for (int epoch = state.epoch; epoch < epochs && !stopped; epoch++) {
            long start = System.nanoTime();
            double lr = schedule.rate(optimizer.learningRate(), epoch);
            if (state.nextBatch == 0) {
                batches.startEpoch(shuffleRng);
                state.order = batches.order();
                state.lossSum = 0;
                state.correct = 0;
                state.seen = 0;
            } else {
                batches.resume(state.order, state.nextBatch);
            }
            int perEpoch = batches.batchesPerEpoch();
            while (batches.next()) {
                Matrix x = batches.x(), y = batches.y();
                Matrix out = network.forward(x, training, loss);
                dOut = Matrix.reuse(dOut, out.rows(), out.cols());
                double batchLoss = loss.evaluate(out, y, dOut);
                int right = labelled ? Predictions.correct(out, y, head) : 0;
                network.backward(dOut, loss);
                batchLoss += regularization.penalty(params);
                regularization.addGradients(params);
                guard.beforeStep(batchLoss, params, epoch, batches.batchIndex(), lr);
                opt.step(lr);
                regularization.applyConstraints(params);
                state.lossSum += batchLoss * x.rows();
                state.correct += right;
                state.seen += x.rows();
                state.nextBatch = batches.batchIndex() + 1;
                BatchStats stats = new BatchStats(epoch, batches.batchIndex(), perEpoch, x.rows(), batchLoss, right, lr);
                for (TrainingListener l : listeners) {
                    l.onBatch(stats);
                    stopped |= l.stopRequested();
                }
                if (checkpointDir != null && checkpointEvery > 0 && ++steps % checkpointEvery == 0
                        && state.nextBatch < perEpoch) {
                    DivergenceGuard.checkWeights(params, "in epoch " + (epoch + 1) + ", batch " + state.nextBatch, lr);
                    save(state, epoch, network, opt, shuffleRng, dropoutRng);
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
            EpochStats stats = new EpochStats(epoch, state.lossSum / state.seen,
                    labelled ? (double) state.correct / state.seen : Double.NaN, valLoss, valAcc, lr,
                    (System.nanoTime() - start) / 1e9);
            guard.afterEpoch(epoch, lr);
            state.history.add(stats);
            for (TrainingListener l : listeners) {
                l.onEpoch(stats);
                stopped |= l.stopRequested();
            }
            double monitored = validation != null ? valLoss : stats.trainLoss();
            double minDelta = earlyStopping == null ? 0 : earlyStopping.minDelta();
            if (monitored < state.best - minDelta) {
                state.best = monitored;
                state.bestEpoch = epoch;
                state.sinceBest = 0;
                if (earlyStopping != null && earlyStopping.restoreBest()) {
                    state.bestWeights = network.snapshot();
                }
            } else if (earlyStopping != null && ++state.sinceBest >= earlyStopping.patience()) {
                stopped = true;
            }
            state.nextBatch = 0;
            if (checkpointDir != null && !stopped) {
                save(state, epoch + 1, network, opt, shuffleRng, dropoutRng);
            }
        }
        if (state.bestWeights != null) {
            network.restore(state.bestWeights);
        }
        return new History(state.history, stopped, Math.max(state.bestEpoch, 0));
    }

    private void save(Checkpoint state, int epoch, Network network, Optimizer opt, Rng shuffleRng, Rng dropoutRng)
            throws IOException {
        state.epoch = epoch;
        state.shuffleRng = shuffleRng.state();
        state.dropoutRng = dropoutRng.state();
        state.optimizerSteps = opt.steps();
        state.optimizerState = opt.state();
        state.weights = network.snapshot();
        state.write(checkpointDir.resolve(Checkpoint.FILE_NAME));
    }

    private static void checkFits(Network network, Dataset data, String what) {
        dev.neurite.model.Fits.dataset(network, "the " + what + " data", data);
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
        private Path checkpointDir;
        private int checkpointEvery;

        private Builder() {}

        /**
         * Write a checkpoint into {@code dir} after every epoch and, when {@code everySteps > 0}, also every
         * {@code everySteps} training steps; each replaces the last, atomically.
         */
        public Builder checkpoints(Path dir, int everySteps) {
            if (everySteps < 0) {
                throw new IllegalArgumentException("checkpoint interval must be >= 0 steps, was " + everySteps);
            }
            this.checkpointDir = java.util.Objects.requireNonNull(dir, "dir");
            this.checkpointEvery = everySteps;
            return this;
        }

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
