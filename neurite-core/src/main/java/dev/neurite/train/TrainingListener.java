package dev.neurite.train;

/**
 * Told about every batch and every epoch. Listeners see immutable records; through the
 * {@link TrainingControl} handed with them they may ask training to stop, scale the learning rate of later
 * steps or ask for a checkpoint, between steps; they never change the weights.
 *
 * <p>Implement the one-argument methods to watch, the two-argument ones to act; the trainer calls the
 * two-argument ones, which by default call the one-argument ones. After each call the trainer also checks
 * {@link #stopRequested()}.
 */
public interface TrainingListener {
    default void onBatch(BatchStats stats) {}

    default void onEpoch(EpochStats stats) {}

    /** Called after every step, before the next; by default {@link #onBatch(BatchStats)}. */
    default void onBatch(BatchStats stats, TrainingControl control) { onBatch(stats); }

    /** Called after every epoch (its validation measured), before early stopping; by default {@link #onEpoch(EpochStats)}. */
    default void onEpoch(EpochStats stats, TrainingControl control) { onEpoch(stats); }

    /** Checked after each batch: true ends training after the current batch. */
    default boolean stopRequested() { return false; }
}
