package dev.neurite.train;

import java.util.List;

/**
 * What a {@link TrainingListener} may do to a run, handed to it with every batch and epoch: ask to stop,
 * scale the learning rate, ask for a checkpoint, read the history. Every request takes effect between
 * steps, never inside one, and none touches the weights:
 * <ul>
 *   <li>{@link #requestStop()}: training ends after the current batch (or epoch), as early stopping ends it;</li>
 *   <li>{@link #scaleLearningRate(double)}: every later step's rate is multiplied by the factor (on top of the
 *       schedule and of earlier factors); the factor is part of the {@link TrainingState}, so checkpoints keep it;</li>
 *   <li>{@link #requestCheckpoint()}: the trainer writes a checkpoint once the listeners have been told (it
 *       needs a checkpoint folder: {@code Trainer.Builder.checkpoints}).</li>
 * </ul>
 * A listener's own fields are not part of a checkpoint: one that counts epochs starts again on a resume.
 */
public final class TrainingControl {
    private final TrainingState state;
    private final boolean canCheckpoint;
    private boolean stop;
    private boolean checkpoint;

    TrainingControl(TrainingState state, boolean canCheckpoint) {
        this.state = state;
        this.canCheckpoint = canCheckpoint;
    }

    /** Ends training after the current batch (from {@code onBatch}) or epoch (from {@code onEpoch}). */
    public void requestStop() { stop = true; }

    /**
     * Multiplies the rate of every later step by {@code factor} (&gt; 0 and finite).
     *
     * @throws IllegalArgumentException if the factor is not positive and finite, or would make the rate's
     *                                  factor zero or infinite
     */
    public void scaleLearningRate(double factor) {
        double next = state.rateFactor * factor;
        if (!(factor > 0) || !Double.isFinite(factor) || !(next > 0) || !Double.isFinite(next)) {
            throw new IllegalArgumentException("the learning rate can be scaled by a factor > 0 and finite, was " + factor
                    + " (the rate's factor is " + state.rateFactor + ")");
        }
        state.rateFactor = next;
    }

    /** The product of every scaling so far (listeners' and ReduceOnPlateau's), 1 at the start of a run. */
    public double learningRateFactor() { return state.rateFactor; }

    /**
     * Asks for a checkpoint now, written once every listener has been told about this batch or epoch.
     *
     * @throws IllegalStateException if the trainer has no checkpoint folder
     */
    public void requestCheckpoint() {
        if (!canCheckpoint) {
            throw new IllegalStateException("a listener asked for a checkpoint, but the trainer has no checkpoint folder:"
                    + " configure one with Trainer.Builder.checkpoints(dir, everySteps)");
        }
        checkpoint = true;
    }

    /** Every finished epoch of the run so far, a resumed run's earlier ones included (a copy). */
    public List<EpochStats> history() { return List.copyOf(state.history); }

    /** Whether a stop was asked for since the run began. */
    public boolean stopRequested() { return stop; }

    /** True once per request: the trainer calls it after the listeners. */
    boolean takeCheckpointRequest() {
        boolean asked = checkpoint;
        checkpoint = false;
        return asked;
    }
}
