package dev.neurite.train;

/**
 * Keras' and PyTorch's {@code ReduceLROnPlateau}: after every epoch the monitored loss (the validation loss,
 * or the training loss without validation data, as {@link EarlyStopping} watches) is compared with the best
 * so far; after {@code patience} epochs in a row without {@code loss < best − minDelta}, every later step's
 * rate is multiplied by {@code factor} and the count starts again.
 *
 * <pre>
 *   improved:  best = loss, wait = 0
 *   else:      wait += 1;  wait ≥ patience  ⇒  rateFactor ·= factor, wait = 0
 * </pre>
 * The factor, the best loss and the count are part of the {@link TrainingState} and of its checkpoints, so a
 * resumed run reduces at the same epochs.
 *
 * @param factor   the multiplier, in (0, 1)
 * @param patience epochs without improvement before a reduction, &gt; 0
 * @param minDelta the improvement that counts, ≥ 0
 */
public record ReduceOnPlateau(double factor, int patience, double minDelta) {
    public ReduceOnPlateau {
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("the plateau factor must be in (0, 1), was " + factor);
        }
        if (patience <= 0) {
            throw new IllegalArgumentException("the plateau patience must be > 0 epochs, was " + patience);
        }
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("the plateau minDelta must be >= 0 and finite, was " + minDelta);
        }
    }

    /** Applies the rule to {@code state} after an epoch whose monitored loss was {@code loss}. */
    void afterEpoch(TrainingState state, double loss) {
        if (loss < state.plateauBest - minDelta) {
            state.plateauBest = loss;
            state.plateauWait = 0;
        } else if (++state.plateauWait >= patience) {
            state.rateFactor *= factor;
            state.plateauWait = 0;
        }
    }
}
