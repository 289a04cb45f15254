package dev.neurite.optim;

import java.util.Objects;

/**
 * A linear warm-up in front of any schedule: {@code lr_s = after(s) · min(1, (s + 1) / W)} at step
 * {@code s = e·n + b} (batch b of the epoch's n), W the warm-up's steps, given as steps or as epochs
 * ({@code W = max(1, round(epochs · n))}). The first step already moves (rate {@code after/W}), the step W−1
 * takes the full rate, as PyTorch's {@code LinearLR(start_factor = 1/W, total_iters = W − 1)} multiplies it.
 * It composes with any schedule, per-epoch or per-step, by multiplying its rate.
 *
 * @param steps  W in steps, &gt; 0, or 0 when given in epochs
 * @param epochs W in epochs, &gt; 0, or 0 when given in steps
 * @param after  the schedule warmed up
 */
public record Warmup(int steps, double epochs, LearningRateSchedule after) implements LearningRateSchedule {
    public Warmup {
        Objects.requireNonNull(after, "after");
        if (steps < 0 || !(epochs >= 0) || Double.isInfinite(epochs) || (steps > 0) == (epochs > 0)) {
            throw new IllegalArgumentException("warm-up must be a number of steps > 0 or of epochs > 0 (not both), was "
                    + steps + " steps and " + epochs + " epochs");
        }
        if (after instanceof Warmup) {
            throw new IllegalArgumentException("warm-up of a warm-up: give one warm-up");
        }
    }

    /** W for epochs of {@code batchesPerEpoch} batches. */
    public long warmupSteps(int batchesPerEpoch) {
        return steps > 0 ? steps : Math.max(1, Math.round(epochs * batchesPerEpoch));
    }

    @Override
    public double rate(double base, int epoch) {
        return rate(base, epoch, 0, 1);
    }

    @Override
    public double rate(double base, int epoch, int batch, int batchesPerEpoch) {
        LearningRateSchedule.checkEpoch(epoch);
        checkBatch(batch, batchesPerEpoch);
        long step = (long) epoch * batchesPerEpoch + batch;
        long w = warmupSteps(batchesPerEpoch);
        double rate = after.rate(base, epoch, batch, batchesPerEpoch);
        return step + 1 >= w ? rate : rate * ((double) (step + 1) / w);
    }

    @Override
    public boolean perStep() { return true; }

    static void checkBatch(int batch, int batchesPerEpoch) {
        if (batchesPerEpoch <= 0 || batch < 0 || batch >= batchesPerEpoch) {
            throw new IllegalArgumentException("batch " + batch + " is outside [0, " + batchesPerEpoch + ")");
        }
    }
}
