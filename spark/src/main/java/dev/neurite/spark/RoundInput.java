package dev.neurite.spark;

import java.io.Serializable;

/**
 * What the driver broadcasts at the start of a round: the settings, the network's shape, the averaged
 * state as {@code TrainingState} bytes (weights and optimizer state, checksummed), and every partition's
 * position.
 *
 * @param settings   the run's settings
 * @param inputs     features per example
 * @param outputs    classes, or 1 for a regression
 * @param classes    true for a classifier
 * @param round      this round, from 0
 * @param steps      local steps per partition (0: one pass over its shard)
 * @param state      {@code TrainingState.toBytes()} of the averaged state
 * @param positions  each partition's position, by partition
 * @param failRound  a round whose partition 0 fails on its first attempt (tests only; -1 for none)
 */
record RoundInput(TrainSettings settings, int inputs, int outputs, boolean classes, int round, int steps, byte[] state,
                  Position[] positions, int failRound) implements Serializable {
    private static final long serialVersionUID = 1L;
}
