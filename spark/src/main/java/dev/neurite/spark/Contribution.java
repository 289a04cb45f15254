package dev.neurite.spark;

import java.io.Serializable;

/**
 * What one partition hands back after its local steps of a round: its weights and optimizer arrays, the
 * number of rows they stand for, where it stopped, and the round's loss and accuracy sums.
 *
 * @param partition the partition's index
 * @param rows      its shard's rows (the weight of its vote; 0 for an empty partition, which sends nothing else)
 * @param weights   the network's tensors after the steps ({@code Network.snapshot()} order)
 * @param optimizer the optimizer's state arrays after the steps
 * @param steps     the optimizer's step count after the steps
 * @param position  where the partition stopped
 * @param lossSum   Σ batch loss × batch size over the round's steps
 * @param correct   examples classified right before each update
 * @param seen      examples stepped over
 */
record Contribution(int partition, long rows, float[][] weights, float[][] optimizer, long steps, Position position,
                    double lossSum, long correct, long seen) implements Serializable {
    private static final long serialVersionUID = 1L;

    static Contribution empty(int partition, Position position) {
        return new Contribution(partition, 0, null, null, 0, position, 0, 0, 0);
    }
}
