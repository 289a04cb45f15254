package dev.neurite.spark;

import dev.neurite.tensor.Rng;
import java.io.Serializable;

/**
 * Where one partition's local training stands between rounds; the driver keeps it, so a retried task
 * starts from exactly the same place.
 *
 * @param epochShuffle the shuffling stream's state just before this epoch's order was drawn ({@link Rng#state()})
 * @param dropout      the dropout stream's state
 * @param epoch        the partition's epoch (passes over its shard)
 * @param nextBatch    the next batch of that epoch, from 0
 */
record Position(long[] epochShuffle, long[] dropout, int epoch, int nextBatch) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Odd 64-bit constant (2^64/φ) that spreads partition numbers over seeds; partition 0 keeps the seed itself. */
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /**
     * Partition p's streams before its first round: split, shuffling then dropout, from
     * {@code new Rng(seed ^ p·GOLDEN)}. Partition 0's are those {@code TrainingState.start(network, optimizer,
     * seed)} and so {@code Trainer} draw, which makes a one-partition run the single-machine run.
     */
    static Position start(long seed, int partition) {
        Rng root = new Rng(seed ^ (GOLDEN * partition));
        Rng shuffle = root.split(), dropout = root.split();
        return new Position(shuffle.state(), dropout.state(), 0, 0);
    }
}
