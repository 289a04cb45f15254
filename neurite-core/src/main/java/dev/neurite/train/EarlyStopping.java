package dev.neurite.train;

/**
 * Stop when the monitored loss (validation loss when there is validation data, otherwise training
 * loss) has not improved by more than {@code minDelta} for {@code patience} epochs in a row.
 *
 * @param restoreBest put back the weights of the best epoch when training ends
 */
public record EarlyStopping(int patience, double minDelta, boolean restoreBest) {
    public EarlyStopping {
        if (patience <= 0) {
            throw new IllegalArgumentException("patience must be > 0, was " + patience);
        }
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("minDelta must be >= 0, was " + minDelta);
        }
    }
}
