package dev.neurite.train;

import java.util.List;

/**
 * What {@link Trainer#fit} did: one {@link EpochStats} per epoch run, whether it stopped early, and
 * the epoch whose weights the network holds at the end when the best were restored.
 *
 * @param bestEpoch the epoch with the lowest monitored loss, from 0
 */
public record History(List<EpochStats> epochs, boolean stoppedEarly, int bestEpoch) {
    public History {
        epochs = List.copyOf(epochs);
    }

    /** The last epoch's figures. */
    public EpochStats last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("no epoch was run");
        }
        return epochs.get(epochs.size() - 1);
    }
}
