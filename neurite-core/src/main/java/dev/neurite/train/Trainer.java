package dev.neurite.train;

import dev.neurite.data.Batching;
import dev.neurite.data.Dataset;
import dev.neurite.loss.Loss;
import dev.neurite.loss.LossWeights;
import dev.neurite.model.Network;
import dev.neurite.optim.GradientClipping;
import dev.neurite.optim.LearningRateSchedule;
import dev.neurite.optim.OptimizerConfig;
import dev.neurite.optim.Regularization;
import dev.neurite.optim.Sgd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The training loop, configured once (immutable) and run by {@link #fit}. Each batch is one
 * {@link TrainingStep} (forward, loss, backward, regularisation, update, constraints) on a
 * {@link TrainingState}; around the steps the loop tells the listeners, measures the validation data,
 * applies early stopping and writes checkpoints:
 *
 * <pre>
 *   for each epoch:  for each batch: rate = schedule(epoch, batch) · factor; step; divergence check;
 *                                    listeners (who may stop, scale the rate, ask for a checkpoint); checkpoint every N steps
 *                    validate; divergence check; listeners; ReduceOnPlateau; early stopping; checkpoint
 * </pre>
 *
 * <p>Shuffling and dropout draw from two RNGs split from {@code seed}: the same seed, data and
 * network give bit-identical weights. A state carries across calls: two {@code fit(state, …)} calls of
 * 5 epochs each give the weights of one of 10.
 *
 * <p>This class holds the settings and the ways in ({@link #fit}, {@link #resume}, {@link #start}); the
 * loop itself is the package's {@code TrainingLoop}.
 */
public final class Trainer {
    // read by TrainingLoop, which runs the loop with these settings
    final int epochs;
    final Batching batching;
    final long seed;
    final OptimizerConfig optimizer;
    final Loss loss;
    final Regularization regularization;
    final LearningRateSchedule schedule;
    final EarlyStopping earlyStopping;
    final int threads;
    final Path checkpointDir;
    final int checkpointEvery;
    final GradientClipping clipping;
    final LossWeights lossWeights;
    final boolean balanced;
    final ReduceOnPlateau plateau;

    private Trainer(Builder b) {
        this.clipping = b.clipping;
        this.lossWeights = b.lossWeights;
        this.balanced = b.balanced;
        this.plateau = b.plateau;
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

    /** A fresh state over {@code network}: this trainer's optimizer, RNGs split from its seed. */
    public TrainingState start(Network network) {
        return TrainingState.start(network, optimizer, seed);
    }

    /** Trains without validation data. */
    public History fit(Network network, Dataset train, TrainingListener... listeners) {
        return fit(network, train, null, listeners);
    }

    /**
     * Trains {@code network} in place on {@code train}, measuring {@code validation} (may be null)
     * after every epoch.
     */
    public History fit(Network network, Dataset train, Dataset validation, TrainingListener... listeners) {
        return fit(start(network), train, validation, listeners);
    }

    /** Trains {@code state} without validation data; see {@link #fit(TrainingState, Dataset, Dataset, TrainingListener...)}. */
    public History fit(TrainingState state, Dataset train, TrainingListener... listeners) {
        return fit(state, train, null, listeners);
    }

    /**
     * Trains {@code state} for {@link #epochs()} more epochs (the one in progress, if a state stopped inside
     * it, counting as the first), continuing its optimizer, RNG streams, schedule position, history and
     * early-stopping state. Returns the state's whole history. With early stopping that restores the best
     * weights, the network holds them when the call returns, and a further call continues from them.
     *
     * @throws IllegalArgumentException if the state's optimizer is of another kind than this trainer's, or its
     *                                  position inside an epoch does not fit {@code train}
     */
    public History fit(TrainingState state, Dataset train, Dataset validation, TrainingListener... listeners) {
        if (!state.optimizerConfig.withLearningRate(optimizer.learningRate()).equals(optimizer)) {
            throw new IllegalArgumentException("the state's optimizer is " + state.optimizerConfig + ", this trainer's "
                    + optimizer + ": train a state with the optimizer it was started with");
        }
        try {
            return new TrainingLoop(this).run(state, train, validation, state.epoch + epochs, null, listeners);
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
        return new TrainingLoop(this).run(start(network), train, validation, epochs, file, listeners);
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
        private GradientClipping clipping = GradientClipping.NONE;
        private LossWeights lossWeights = LossWeights.NONE;
        private boolean balanced;
        private ReduceOnPlateau plateau;

        private Builder() {}

        /** Clip the gradients before every update ({@link GradientClipping}); none by default. */
        public Builder clipping(GradientClipping clipping) {
            this.clipping = java.util.Objects.requireNonNull(clipping, "clipping");
            return this;
        }

        /**
         * Class weights and label smoothing for the training loss ({@link LossWeights}); a training set with
         * example weights ({@link Dataset#withExampleWeights}) brings those itself.
         */
        public Builder lossWeights(LossWeights lossWeights) {
            this.lossWeights = java.util.Objects.requireNonNull(lossWeights, "lossWeights");
            return this;
        }

        /**
         * scikit-learn's balanced class weights ({@link LossWeights#balanced}), computed from the training data of
         * each {@code fit}; they replace {@link #lossWeights}' class weights and keep its smoothing.
         */
        public Builder balancedClassWeights() {
            this.balanced = true;
            return this;
        }

        /** Scale the learning rate down on a plateau of the monitored loss ({@link ReduceOnPlateau}); off by default. */
        public Builder reduceOnPlateau(ReduceOnPlateau plateau) {
            this.plateau = plateau;
            return this;
        }

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
