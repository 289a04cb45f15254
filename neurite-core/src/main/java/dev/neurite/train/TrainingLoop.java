package dev.neurite.train;

import dev.neurite.data.Batches;
import dev.neurite.data.Dataset;
import dev.neurite.kernel.Parallelism;
import dev.neurite.loss.LossWeights;
import dev.neurite.metrics.Evaluation;
import dev.neurite.model.Network;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The loop a {@link Trainer} runs, with its settings: the data checked, the checkpoint folder locked, a saved
 * position restored, then epochs of {@link TrainingStep}s on a {@link TrainingState}:
 *
 * <pre>
 *   for each epoch:  for each batch: rate = schedule(epoch, batch) · factor; step; divergence check;
 *                                    listeners (who may stop, scale the rate, ask for a checkpoint); checkpoint every N steps
 *                    validate; divergence check; listeners; ReduceOnPlateau; early stopping; checkpoint
 * </pre>
 */
final class TrainingLoop {
    private final Trainer t;

    TrainingLoop(Trainer trainer) {
        this.t = trainer;
    }

    /**
     * What identifies a run for its checkpoints: the network, every setting that shapes the weights, and a digest
     * of the training data's values (so another file, normalisation or split is another run). The number of
     * epochs is not part of it: resuming with more epochs continues the run to the new count.
     */
    private String fingerprint(Network network, Dataset train) {
        return String.join(" | ", network.architecture().toSpec(), "bias=" + network.architecture().bias(),
                "examples=" + train.size(), "data=" + DataDigest.of(train), t.batching.toString(), "seed=" + t.seed,
                t.optimizer.toString(), t.loss.cliName(), t.regularization.toString(), t.schedule.toString())
                + (t.clipping.enabled() ? " | " + t.clipping : "") + (t.lossWeights.enabled() || t.balanced ? " | " + weights(train) : "")
                + (train.hasExampleWeights() ? " | example weights" : "") + (t.plateau != null ? " | " + t.plateau : "");
    }

    /** The class weights and smoothing for {@code train}: the balanced weights computed from its labels when asked for. */
    private LossWeights weights(Dataset train) {
        if (!t.balanced) {
            return t.lossWeights;
        }
        if (!train.hasLabels()) {
            throw new IllegalArgumentException("balanced class weights need class labels; the training data is a regression");
        }
        return t.lossWeights.classWeights(LossWeights.balanced(train.labels(), train.numClasses()));
    }

    /** Checks the data, locks the checkpoint folder, restores {@code resumeFrom} (may be null) and trains to {@code end}. */
    History run(TrainingState state, Dataset train, Dataset validation, int end, Path resumeFrom,
                TrainingListener... listeners) throws IOException {
        Network network = state.network;
        LossWeights weights = weights(train);
        TrainingStep step = TrainingStep.of(network, t.loss, t.regularization, train.hasLabels(), t.clipping, weights);
        TrainingData.check(network, train, validation);
        Batches batches = new Batches(train, t.batching);
        try (CheckpointLock lock = t.checkpointDir == null ? null : CheckpointLock.acquire(t.checkpointDir);
             Parallelism parallelism = Parallelism.of(t.threads)) {
            network.parallelism(parallelism);
            state.parallelism(parallelism);
            String fingerprint = t.checkpointDir != null || resumeFrom != null ? fingerprint(network, train) : "";
            if (resumeFrom != null) {
                state.restore(Checkpoint.read(resumeFrom, fingerprint, network, train.size(), state.optimizer.state(), t.epochs,
                        batches.batchesPerEpoch()));
            }
            TrainingData.checkPosition(state, train, batches);
            Checkpoints checkpoints = new Checkpoints(t.checkpointDir, t.checkpointEvery, fingerprint);
            return loop(state, step, batches, train, validation, end, checkpoints, weights, listeners);
        } finally {
            network.parallelism(Parallelism.SERIAL);
            state.parallelism(Parallelism.SERIAL);
        }
    }

    /**
     * The recipe: epochs of steps (each at the schedule's rate times the state's factor), then validation,
     * divergence check, listeners, ReduceOnPlateau, early stopping, checkpoint.
     */
    private History loop(TrainingState state, TrainingStep step, Batches batches, Dataset train, Dataset validation,
                         int end, Checkpoints checkpoints, LossWeights weights, TrainingListener... listeners) throws IOException {
        int perEpoch = batches.batchesPerEpoch();
        DivergenceGuard guard = DivergenceGuard.of(state.network, train, t.loss, t.regularization,
                (train.size() + perEpoch - 1) / perEpoch).scaledBy(weights, train);
        TrainingControl control = new TrainingControl(state, t.checkpointDir != null);
        boolean stopped = false, perStep = t.schedule.perStep();
        double base = t.optimizer.learningRate();
        while (state.epoch < end && !stopped) {
            int epoch = state.epoch;
            long start = System.nanoTime();
            double epochRate = t.schedule.rate(base, epoch);
            double lr = epochRate * state.rateFactor;
            boolean checkpointAtEnd = false;
            state.beginEpoch(batches);
            while (!stopped && batches.next()) {
                int batch = batches.batchIndex();
                lr = (perStep ? t.schedule.rate(base, epoch, batch, perEpoch) : epochRate) * state.rateFactor;
                TrainingStep.Result r = step.run(state, batches.x(), batches.y(), batches.weights(), lr);
                state.record(r, batch);
                guard.afterStep(r.loss(), epoch, batch, lr);
                stopped = Listeners.batch(listeners, new BatchStats(epoch, batch, perEpoch, r.size(), r.loss(), r.correct(), lr),
                        control);
                checkpointAtEnd |= checkpoints.afterStep(state, perEpoch, lr, control.takeCheckpointRequest());
            }
            EpochStats stats = epochStats(state, validation, train.hasLabels(), lr, start);
            guard.afterEpoch(epoch, lr);
            stopped |= Listeners.epoch(listeners, stats, control);
            checkpointAtEnd |= control.takeCheckpointRequest();
            double monitored = validation != null ? stats.validationLoss() : stats.trainLoss();
            if (t.plateau != null) {
                t.plateau.afterEpoch(state, monitored);
            }
            stopped |= state.endEpoch(stats, monitored, t.earlyStopping);
            if (!stopped || checkpointAtEnd) {
                checkpoints.afterEpoch(state);
            }
        }
        if (state.bestWeights != null) {
            state.network.restore(state.bestWeights);
        }
        return new History(state.history, stopped, Math.max(state.bestEpoch, 0));
    }

    /** The epoch's figures: the running sums of its batches, and the validation data measured now. */
    private EpochStats epochStats(TrainingState state, Dataset validation, boolean labelled, double lr, long start) {
        double valLoss = Double.NaN, valAcc = Double.NaN;
        if (validation != null) {
            Evaluation ev = Evaluation.of(state.network, validation, t.loss);
            valLoss = ev.loss();
            valAcc = ev.accuracy();
        }
        return new EpochStats(state.epoch, state.trainLoss(), labelled ? state.trainAccuracy() : Double.NaN, valLoss, valAcc,
                lr, (System.nanoTime() - start) / 1e9);
    }
}
