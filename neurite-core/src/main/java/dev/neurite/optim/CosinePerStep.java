package dev.neurite.optim;

/**
 * The cosine schedule taken at every step: {@code lr_t = min + (lr − min)·(1 + cos(π·t / E)) / 2} over the
 * fractional epoch {@code t = e + b / n} (b the batch of the epoch's n), held at {@code min} once
 * {@code t ≥ E}; PyTorch's {@code CosineAnnealingLR(T_max = E·n)} stepped after every batch.
 *
 * @param epochs  E, the epochs the rate takes to fall to {@code minRate}, &gt; 0
 * @param minRate the rate it ends at, ≥ 0
 */
public record CosinePerStep(int epochs, double minRate) implements LearningRateSchedule {
    public CosinePerStep {
        if (epochs <= 0) {
            throw new IllegalArgumentException("cosine schedule's epochs must be > 0, was " + epochs);
        }
        LearningRateSchedule.checkNonNegative("minRate", minRate);
    }

    @Override
    public double rate(double base, int epoch) {
        return rate(base, epoch, 0, 1);
    }

    @Override
    public double rate(double base, int epoch, int batch, int batchesPerEpoch) {
        LearningRateSchedule.checkEpoch(epoch);
        Warmup.checkBatch(batch, batchesPerEpoch);
        double t = Math.min((double) epoch * batchesPerEpoch + batch, (double) epochs * batchesPerEpoch);
        return minRate + (base - minRate) * (1 + Math.cos(Math.PI * t / ((double) epochs * batchesPerEpoch))) / 2;
    }

    @Override
    public boolean perStep() { return true; }
}
