package dev.neurite.optim;

/**
 * Smith's one-cycle policy (Smith and Topin, 2019, "Super-Convergence"), step by step exactly as PyTorch's
 * {@code OneCycleLR(max_lr = lr, total_steps = E·n, pct_start, div_factor, final_div_factor,
 * anneal_strategy = "cos", three_phase = False)} computes it, without its momentum cycling:
 *
 * <pre>
 *   T = E·n steps, s = e·n + b;  p = pct_start·T − 1 (the peak's step);  initial = lr / div;  final = initial / finalDiv
 *   s ≤ p:  lr_s = cos_anneal(initial, lr, s / p)
 *   s > p:  lr_s = cos_anneal(lr, final, (s − p) / (T − 1 − p))          cos_anneal(a, b, x) = b + (a − b)·(1 + cos(π·x)) / 2
 * </pre>
 * Steps past T keep the final rate.
 *
 * @param epochs        E, &gt; 0
 * @param pctStart      the fraction of the steps spent rising, in (0, 1)
 * @param divFactor     lr / initial rate, ≥ 1
 * @param finalDivFactor initial rate / final rate, ≥ 1
 */
public record OneCycle(int epochs, double pctStart, double divFactor, double finalDivFactor) implements LearningRateSchedule {
    public OneCycle {
        if (epochs <= 0) {
            throw new IllegalArgumentException("one-cycle schedule's epochs must be > 0, was " + epochs);
        }
        if (!(pctStart > 0 && pctStart < 1)) {
            throw new IllegalArgumentException("one-cycle pctStart must be in (0, 1), was " + pctStart);
        }
        if (!(divFactor >= 1) || Double.isInfinite(divFactor) || !(finalDivFactor >= 1) || Double.isInfinite(finalDivFactor)) {
            throw new IllegalArgumentException("one-cycle divFactor and finalDivFactor must be >= 1 and finite, were "
                    + divFactor + " and " + finalDivFactor);
        }
    }

    @Override
    public double rate(double base, int epoch) {
        return rate(base, epoch, 0, 1);
    }

    @Override
    public double rate(double base, int epoch, int batch, int batchesPerEpoch) {
        LearningRateSchedule.checkEpoch(epoch);
        Warmup.checkBatch(batch, batchesPerEpoch);
        double total = (double) epochs * batchesPerEpoch;
        double step = Math.min((double) epoch * batchesPerEpoch + batch, total - 1);
        double peak = pctStart * total - 1, initial = base / divFactor, last = initial / finalDivFactor;
        if (step <= peak) {
            return anneal(initial, base, peak <= 0 ? 1 : step / peak);
        }
        return anneal(base, last, (step - peak) / (total - 1 - peak));
    }

    private static double anneal(double start, double end, double fraction) {
        return end + (start - end) / 2.0 * (Math.cos(Math.PI * fraction) + 1);
    }

    @Override
    public boolean perStep() { return true; }
}
