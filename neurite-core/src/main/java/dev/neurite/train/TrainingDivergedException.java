package dev.neurite.train;

/**
 * Training stopped because it diverged: the loss or a gradient became NaN or infinite, the weights did,
 * or an epoch's mean loss grew past {@value DivergenceGuard#GROWTH} times the loss the network started
 * with (see {@link Trainer}). The weights are those before the step that would have broken them, or,
 * when the growth rule fires, those at the end of the epoch; a run that throws this has produced no
 * usable model.
 */
public final class TrainingDivergedException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    /** A divergence with a message that says where and what to change. */
    public TrainingDivergedException(String message) {
        super(message);
    }
}
