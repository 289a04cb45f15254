package dev.neurite.spark;

import dev.neurite.data.Batches;
import dev.neurite.model.Network;
import dev.neurite.optim.LearningRateSchedule;
import dev.neurite.optim.OptimizerConfig;
import dev.neurite.tensor.Rng;
import dev.neurite.train.TrainingState;
import dev.neurite.train.TrainingStep;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.spark.TaskContext;

/**
 * One partition's part of a round, a pure function of the broadcast input and the cached shard (so a
 * retried task computes the same bits):
 *
 * <pre>
 *   state   = TrainingState.fromBytes(broadcast)           averaged weights and optimizer state
 *   streams = this partition's position                    its own shuffling and dropout streams
 *   K times: next batch b of its shard (a new shuffled epoch e when one ends)
 *            → TrainingStep.run at rate schedule(lr, e, b, batches per epoch), as Trainer takes it
 *   return weights, optimizer arrays, position, loss sums
 * </pre>
 */
final class RoundTask {
    private RoundTask() {}

    static Contribution run(RoundInput in, int partition, Shard shard) {
        Position at = in.positions()[partition];
        if (shard.rows == 0) {
            return Contribution.empty(partition, at);
        }
        if (in.failRound() == in.round() && partition == 0 && TaskContext.get() != null
                && TaskContext.get().attemptNumber() == 0) {
            throw new IllegalStateException("injected failure: round " + in.round() + ", partition 0, first attempt");
        }
        TrainSettings s = in.settings();
        Network network = s.architecture(in.inputs(), in.outputs(), in.classes()).build(0);
        OptimizerConfig optimizer = s.optimizerConfig();
        TrainingState state;
        try {
            state = TrainingState.fromBytes(in.state(), "round " + in.round() + " for partition " + partition, network, optimizer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Rng shuffle = Rng.fromState(at.epochShuffle());
        state.restoreStreams(at.epochShuffle(), at.dropout());
        TrainingStep step = TrainingStep.of(network, TrainSettings.loss(in.classes()), s.regularization());
        Batches batches = new Batches(shard.dataset(in.outputs()), s.batching());
        batches.startEpoch(shuffle);                        // this epoch's order again, from its saved start
        if (at.nextBatch() > 0) {
            batches.resume(batches.order(), at.nextBatch());
        }
        int perEpoch = batches.batchesPerEpoch();
        LearningRateSchedule schedule = s.learningRateSchedule();
        int steps = in.steps() == 0 ? perEpoch : in.steps();
        int epoch = at.epoch(), next = at.nextBatch();
        long[] epochStart = at.epochShuffle();
        double lossSum = 0;
        long correct = 0, seen = 0;
        for (int k = 0; k < steps; k++) {
            if (next == perEpoch) {
                epoch++;
                epochStart = shuffle.state();
                batches.startEpoch(shuffle);
                next = 0;
            }
            batches.next();
            // the partition's own epoch and batch: one partition is Trainer.fit's run, rate for rate
            double rate = schedule.rate(s.learningRate(), epoch, next, perEpoch);
            TrainingStep.Result r = step.run(state, batches.x(), batches.y(), rate);
            lossSum += r.loss() * r.size();
            correct += r.correct();
            seen += r.size();
            next++;
        }
        if (next == perEpoch) {
            epoch++;
            epochStart = shuffle.state();
            next = 0;
        }
        List<float[]> arrays = state.optimizerState();
        float[][] optimizerArrays = new float[arrays.size()][];
        for (int i = 0; i < optimizerArrays.length; i++) {
            optimizerArrays[i] = arrays.get(i).clone();
        }
        Position after = new Position(epochStart, state.streamStates()[1], epoch, next);
        return new Contribution(partition, shard.rows, network.snapshot(), optimizerArrays, state.steps(), after, lossSum,
                correct, seen);
    }
}
