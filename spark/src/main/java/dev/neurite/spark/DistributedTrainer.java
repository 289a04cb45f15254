package dev.neurite.spark;

import dev.neurite.model.Network;
import dev.neurite.train.TrainingState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * The driver's loop (local SGD, or federated averaging over partitions):
 *
 * <pre>
 *   for round r:  broadcast(state bytes, positions)
 *                 each partition p: K local TrainingSteps on its shard          (RoundTask)
 *                 treeAggregate: the contributions, keyed by partition           (Contributions)
 *                 w = Σ_p n_p·w_p / Σ_p n_p, in double, in partition order        (Averaging)
 *                 the same for the optimizer's arrays; each partition's position kept
 *                 every N rounds: checkpoint                                      (DriverCheckpoint)
 * </pre>
 *
 * With K = 1 and plain SGD each round is one synchronous data-parallel step: the average of the
 * partitions' updates is the update of their union's batch.
 */
final class DistributedTrainer {
    private final TrainSettings settings;
    private final int failRound;

    /** Round figures: the mean training loss and accuracy of each round's local steps. */
    record RoundStats(int round, double loss, double accuracy) {}

    /**
     * What a fit returns: the network, every round's figures (those of a resumed checkpoint's rounds first), the
     * partitions, and the wall time of each round this fit ran (broadcast to averaged state), in seconds.
     */
    record Result(Network network, List<RoundStats> history, int partitions, List<Double> roundSeconds) {}

    DistributedTrainer(TrainSettings settings, int failRound) {
        this.settings = settings;
        this.failRound = failRound;
    }

    Result train(JavaRDD<Shard> shards, List<Shards.Info> infos, int inputs, int outputs, boolean classes) {
        int partitions = infos.size();
        long total = infos.stream().mapToLong(Shards.Info::rows).sum();
        if (total == 0) {
            throw new IllegalArgumentException("the training data has no rows");
        }
        int maxBatches = infos.stream().mapToInt(i -> (i.rows() + settings.batchSize() - 1) / settings.batchSize()).max().orElse(1);
        int k = settings.averagingPeriod();
        int rounds = k == 0 ? settings.epochs() : (int) Math.min(Integer.MAX_VALUE,
                ((long) settings.epochs() * maxBatches + k - 1) / k);

        Network network = settings.architecture(inputs, outputs, classes).build(settings.seed());
        TrainingState state = TrainingState.start(network, settings.optimizerConfig(), settings.seed());
        Position[] positions = new Position[partitions];
        for (int p = 0; p < partitions; p++) {
            positions[p] = Position.start(settings.seed(), p);
        }
        List<RoundStats> history = new ArrayList<>();
        DriverCheckpoint checkpoint = settings.checkpointDir().isEmpty() ? null
                : new DriverCheckpoint(Path.of(settings.checkpointDir()), settings.fingerprint(), total, partitions);
        int start = 0;
        if (checkpoint != null) {
            DriverCheckpoint.Saved saved = checkpoint.readIfPresent(network, settings.optimizerConfig());
            if (saved != null) {
                state = saved.state();
                positions = saved.positions();
                history.addAll(saved.history());
                start = saved.round();
            }
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(shards.context());
        List<Double> roundSeconds = new ArrayList<>();
        for (int round = start; round < rounds; round++) {
            long began = System.nanoTime();
            Broadcast<RoundInput> input = sc.broadcast(new RoundInput(settings, inputs, outputs, classes, round, k,
                    state.toBytes(), positions, failRound));
            Contributions all = shards.mapPartitionsWithIndex(new Round(input), true)
                    .treeAggregate(new Contributions(), new Add(), new Merge());
            input.destroy();
            history.add(Averaging.into(state, all, positions, round, settings.strategy().equals("weights")));
            roundSeconds.add((System.nanoTime() - began) / 1e9);
            if (checkpoint != null && ((round + 1) % settings.checkpointEvery() == 0 || round + 1 == rounds)) {
                try {
                    checkpoint.write(round + 1, state, positions, history);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return new Result(network, List.copyOf(history), partitions, List.copyOf(roundSeconds));
    }

    /*
     * The round's functions are named classes, not lambdas: Spark's ClosureCleaner reads the bytecode of the
     * class that declares a lambda (with ASM) on every job, which was most of the driver's time in a round
     * (JFR: ~30 ms per round); a plain serializable class is not a closure to it and is sent as it is.
     */

    /** Runs each partition's part of the round from the broadcast input. */
    private static final class Round implements Function2<Integer, java.util.Iterator<Shard>, java.util.Iterator<Contribution>> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<RoundInput> input;

        Round(Broadcast<RoundInput> input) {
            this.input = input;
        }

        @Override
        public java.util.Iterator<Contribution> call(Integer p, java.util.Iterator<Shard> it) {
            return List.of(RoundTask.run(input.value(), p, only(it))).iterator();
        }
    }

    /** treeAggregate's sequence operation: one partition's contribution into the union. */
    private static final class Add implements Function2<Contributions, Contribution, Contributions> {
        private static final long serialVersionUID = 1L;

        @Override
        public Contributions call(Contributions all, Contribution c) {
            return all.add(c);
        }
    }

    /** treeAggregate's combine operation: two unions into one. */
    private static final class Merge implements Function2<Contributions, Contributions, Contributions> {
        private static final long serialVersionUID = 1L;

        @Override
        public Contributions call(Contributions a, Contributions b) {
            return a.merge(b);
        }
    }

    /** A partition's one shard; the iterator is drained, which lets Spark release the cached block's lock. */
    static Shard only(java.util.Iterator<Shard> it) {
        Shard shard = it.next();
        if (it.hasNext()) {
            throw new IllegalStateException("partition " + shard.partition + " holds more than one shard");
        }
        return shard;
    }
}
