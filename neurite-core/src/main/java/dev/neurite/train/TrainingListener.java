package dev.neurite.train;

/**
 * Told about every batch and every epoch. Listeners see immutable records; they may ask training to
 * stop, never change the weights.
 */
public interface TrainingListener {
    default void onBatch(BatchStats stats) {}

    default void onEpoch(EpochStats stats) {}

    /** Checked after each batch: true ends training after the current batch. */
    default boolean stopRequested() { return false; }
}
