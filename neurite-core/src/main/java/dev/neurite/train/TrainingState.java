package dev.neurite.train;

import dev.neurite.data.Batches;
import dev.neurite.layer.Mode;
import dev.neurite.model.Network;
import dev.neurite.optim.Optimizer;
import dev.neurite.optim.OptimizerConfig;
import dev.neurite.kernel.Parallelism;
import dev.neurite.tensor.Rng;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything a training run changes, live: the weights (the network's parameters, trained in place), the
 * optimizer's state (step count, velocities or moments), the two RNG streams (shuffling, dropout), the
 * position (epoch, next batch, the epoch's order of examples), the epoch's running sums, the history of
 * finished epochs, the early-stopping state and the learning rate's factor (with ReduceOnPlateau's state). A {@link TrainingStep} advances the weights, the optimizer
 * and the dropout stream by one batch; {@link Trainer#fit(TrainingState, dev.neurite.data.Dataset,
 * dev.neurite.data.Dataset, TrainingListener...)} advances the rest.
 *
 * <pre>
 *   TrainingState state = trainer.start(network);    // or TrainingState.start(network, optimizer, seed)
 *   trainer.fit(state, train, validation);           // 5 epochs
 *   trainer.fit(state, train, validation);           // 5 more: the weights of one 10-epoch run, bit for bit
 *   Checkpoint saved = state.snapshot();             // a detached copy, in memory
 *   state.restore(saved);                            // back to it
 *   byte[] bytes = state.toBytes();                  // for shipping; fromBytes(bytes, source, network, optimizer)
 * </pre>
 *
 * Not thread-safe: one state is advanced by one thread at a time.
 */
public final class TrainingState {
    final Network network;
    final OptimizerConfig optimizerConfig;
    final Optimizer optimizer;
    Rng shuffleRng;
    Rng dropoutRng;
    Mode training;
    int epoch;
    int nextBatch;
    int[] order = new int[0];
    double lossSum;
    long correct;
    long seen;
    final List<EpochStats> history = new ArrayList<>();
    double best = Double.POSITIVE_INFINITY;
    int bestEpoch = -1;
    int sinceBest;
    float[][] bestWeights;
    double rateFactor = 1;                         // listeners' and ReduceOnPlateau's scalings, multiplied
    double plateauBest = Double.POSITIVE_INFINITY;  // ReduceOnPlateau's best monitored loss
    int plateauWait;                               // and its epochs since then

    private TrainingState(Network network, OptimizerConfig optimizer, long seed) {
        this.network = Objects.requireNonNull(network, "network");
        this.optimizerConfig = Objects.requireNonNull(optimizer, "optimizer");
        this.optimizer = optimizer.create(network.params());
        Rng root = new Rng(seed);
        rngs(root.split(), root.split());
    }

    /**
     * A fresh state over {@code network}'s current weights: {@code optimizer} with fresh state, and the
     * shuffling and dropout streams split (in that order) from {@code new Rng(seed)}, as the trainer does.
     */
    public static TrainingState start(Network network, OptimizerConfig optimizer, long seed) {
        return new TrainingState(network, optimizer, seed);
    }

    /**
     * A state over {@code network} restored from bytes written by {@link #toBytes()} (or a checkpoint file's
     * bytes); {@code network}'s weights are replaced by the saved ones.
     *
     * @param source names the bytes in error messages (a file, a partition, a URL)
     * @throws IOException if the bytes are damaged or do not fit {@code network} and {@code optimizer}
     */
    public static TrainingState fromBytes(byte[] bytes, String source, Network network, OptimizerConfig optimizer)
            throws IOException {
        TrainingState state = new TrainingState(network, optimizer, 0);
        Checkpoint c = Checkpoint.decode(bytes, source, null, network, state.optimizer.state(), CheckpointCheck.Run.ANY);
        try {
            state.restore(c);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
        return state;
    }

    private void rngs(Rng shuffle, Rng dropout) {
        this.shuffleRng = shuffle;
        this.dropoutRng = dropout;
        this.training = Mode.training(dropout);
    }

    /** The network whose parameters this state trains. */
    public Network network() { return network; }

    /** The optimizer's configuration (its kind and hyper-parameters; the rate actually used comes with each step). */
    public OptimizerConfig optimizer() { return optimizerConfig; }

    /** The epoch in progress (or, at an epoch's start, the next one), from 0. */
    public int epoch() { return epoch; }

    /** The batch of {@link #epoch()} to train next, from 0. */
    public int nextBatch() { return nextBatch; }

    /** How many optimizer steps have been taken. */
    public long steps() { return optimizer.steps(); }

    /** The finished epochs' figures, in order (a copy). */
    public List<EpochStats> history() { return List.copyOf(history); }

    /** A detached copy of the whole state (arrays copied): nothing done to this state later changes it. */
    public Checkpoint snapshot() {
        return Checkpoint.of(this, identity());
    }

    /** What a snapshot must match to be restored here: the architecture and the optimizer's kind. */
    private String identity() {
        return network.architecture().toSpec() + " | " + optimizerConfig.getClass().getSimpleName();
    }

    /**
     * Refuses a checkpoint of another architecture or optimizer kind. Its run name is this class's identity
     * (a snapshot), a trainer's fingerprint (architecture first, the optimizer's record among the parts), or
     * empty (bytes that name nothing, which fit by their sizes alone).
     */
    private void sameRun(Checkpoint c) {
        if (c.fingerprint == null || c.fingerprint.isEmpty()) {
            return;
        }
        String[] parts = c.fingerprint.split(" \\| ");
        String kind = optimizerConfig.getClass().getSimpleName();
        if (!parts[0].equals(network.architecture().toSpec())) {
            throw new IllegalArgumentException("the checkpoint is of the network " + parts[0] + ", this state's is "
                    + network.architecture().toSpec());
        }
        if (java.util.Arrays.stream(parts).noneMatch(p -> p.equals(kind) || p.startsWith(kind + "["))) {
            throw new IllegalArgumentException("the checkpoint was taken with another optimizer (" + c.fingerprint
                    + "), this state's is " + kind);
        }
    }

    /**
     * Puts this state back to {@code checkpoint}: weights into the network, the optimizer's state, both RNG
     * streams, the position, the sums, the history and the early-stopping state.
     *
     * @throws IllegalArgumentException if the checkpoint was taken from another network or optimizer kind
     */
    public void restore(Checkpoint checkpoint) {
        Checkpoint c = Objects.requireNonNull(checkpoint, "checkpoint");
        sameRun(c);
        fits("weights", c.weights);
        fits("best weights", c.bestWeights);
        List<float[]> mine = optimizer.state();
        if (c.optimizerState.size() != mine.size()) {
            throw new IllegalArgumentException("the checkpoint has " + c.optimizerState.size() + " optimizer arrays, this "
                    + optimizerConfig.cliName() + " optimizer " + mine.size());
        }
        for (int i = 0; i < mine.size(); i++) {
            if (c.optimizerState.get(i).length != mine.get(i).length) {
                throw new IllegalArgumentException("the checkpoint's optimizer array " + i + " has "
                        + c.optimizerState.get(i).length + " values, this optimizer's " + mine.get(i).length);
            }
        }
        Rng shuffle = Rng.fromState(c.shuffleRng), dropout = Rng.fromState(c.dropoutRng);
        network.restore(c.weights);
        optimizer.restore(c.optimizerSteps, c.optimizerState);
        rngs(shuffle, dropout);
        epoch = c.epoch;
        nextBatch = c.nextBatch;
        order = c.order.clone();
        lossSum = c.lossSum;
        correct = c.correct;
        seen = c.seen;
        history.clear();
        history.addAll(c.history);
        best = c.best;
        bestEpoch = c.bestEpoch;
        sinceBest = c.sinceBest;
        bestWeights = Checkpoint.copy(c.bestWeights);
        rateFactor = c.rateFactor;
        plateauBest = c.plateauBest;
        plateauWait = c.plateauWait;
    }

    /** The factor every step's scheduled rate is multiplied by (1 unless a listener or ReduceOnPlateau scaled it). */
    public double learningRateFactor() { return rateFactor; }

    /** Checks, before anything is changed, that {@code tensors} (null for none) fit the network. */
    private void fits(String what, float[][] tensors) {
        if (tensors == null) {
            return;
        }
        if (tensors.length != network.snapshotTensors()) {
            throw new IllegalArgumentException("the checkpoint's " + what + " have " + tensors.length
                    + " tensors, the network " + network.snapshotTensors());
        }
        for (int i = 0; i < tensors.length; i++) {
            if (tensors[i].length != network.snapshotSize(i)) {
                throw new IllegalArgumentException("the checkpoint's " + what + " of " + network.snapshotName(i) + " have "
                        + tensors[i].length + " values, the network's " + network.snapshotSize(i));
            }
        }
    }

    /**
     * The optimizer's state arrays (velocities, Adam's moments), live and in a fixed order, empty for plain
     * SGD: writing into them changes the optimizer. For data-parallel training, which averages them across
     * workers; {@link #restoreOptimizer} puts averaged values back.
     */
    public List<float[]> optimizerState() { return optimizer.state(); }

    /**
     * Sets the optimizer's step count and copies {@code state} into its arrays (as many and as long as
     * {@link #optimizerState()}'s).
     *
     * @throws IllegalArgumentException if the arrays do not fit this optimizer, or {@code steps < 0}
     */
    public void restoreOptimizer(long steps, List<float[]> state) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, was " + steps);
        }
        optimizer.restore(steps, state);
    }

    /**
     * The states ({@link Rng#state()}) of the shuffling and the dropout streams, in that order: a
     * data-parallel worker carries its own streams from round to round.
     */
    public long[][] streamStates() {
        return new long[][] {shuffleRng.state(), dropoutRng.state()};
    }

    /**
     * Continues from stream states taken by {@link #streamStates()}.
     *
     * @throws IllegalArgumentException if a state is not one a generator can be in ({@link Rng#fromState})
     */
    public void restoreStreams(long[] shuffle, long[] dropout) {
        rngs(Rng.fromState(shuffle), Rng.fromState(dropout));
    }

    /** The whole state as bytes (the checkpoint file format, with an empty run name), for shipping. */
    public byte[] toBytes() {
        return snapshot().toBytes();
    }

    void parallelism(Parallelism parallelism) {
        optimizer.parallelism(parallelism);
    }

    /** Starts the epoch {@link #epoch()} on {@code batches}: a fresh order, or the saved one from {@link #nextBatch()}. */
    void beginEpoch(Batches batches) {
        if (nextBatch == 0) {
            batches.startEpoch(shuffleRng);
            order = batches.order();
            lossSum = 0;
            correct = 0;
            seen = 0;
        } else {
            batches.resume(order, nextBatch);
        }
    }

    /** Adds one trained batch (batch {@code index} of the epoch) to the running sums. */
    void record(TrainingStep.Result step, int index) {
        lossSum += step.loss() * step.size();
        correct += step.correct();
        seen += step.size();
        nextBatch = index + 1;
    }

    double trainLoss() { return lossSum / seen; }

    double trainAccuracy() { return (double) correct / seen; }

    /**
     * Closes the epoch: its figures join the history, the early-stopping state sees {@code monitored}, and
     * the position moves to the next epoch's start. True when {@code rule} says to stop.
     */
    boolean endEpoch(EpochStats stats, double monitored, EarlyStopping rule) {
        history.add(stats);
        boolean stop = false;
        double minDelta = rule == null ? 0 : rule.minDelta();
        if (monitored < best - minDelta) {
            best = monitored;
            bestEpoch = epoch;
            sinceBest = 0;
            if (rule != null && rule.restoreBest()) {
                bestWeights = network.snapshot();
            }
        } else if (rule != null && ++sinceBest >= rule.patience()) {
            stop = true;
        }
        epoch++;
        nextBatch = 0;
        return stop;
    }
}
