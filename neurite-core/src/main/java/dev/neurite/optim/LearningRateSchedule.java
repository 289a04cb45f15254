package dev.neurite.optim;

/**
 * The learning rate for each epoch (0-based), from the optimizer's base rate; the per-step schedules
 * ({@link #perStep()}) give one for each batch, from the fractional epoch {@code t = e + b / n} (batch b of
 * the epoch's n) or the step {@code s = e·n + b}.
 *
 * <pre>
 *   constant      lr_e = lr
 *   seed-decay    lr_e = lr_(e−1) / (1 + d·e) = lr / Π_{i=1..e} (1 + d·i)     (the second seed's loop, compounded)
 *   inverse-time  lr_e = lr / (1 + d·e)                                      (Keras' InverseTimeDecay)
 *   step          lr_e = lr · γ^⌊e / s⌋
 *   exponential   lr_e = lr · γ^e
 *   cosine        lr_e = min + (lr − min)·(1 + cos(π·e / E)) / 2, e ≤ E
 *   per step:     {@link CosinePerStep} (the cosine over t), {@link OneCycle} (PyTorch's OneCycleLR),
 *                 {@link Warmup} (any schedule, times min(1, (s + 1) / W) over its first W steps)
 * </pre>
 */
public sealed interface LearningRateSchedule permits LearningRateSchedule.Constant, LearningRateSchedule.SeedDecay,
        LearningRateSchedule.InverseTime, LearningRateSchedule.Step, LearningRateSchedule.Exponential,
        LearningRateSchedule.Cosine, CosinePerStep, OneCycle, Warmup {
    /** The rate of epoch {@code epoch} (from 0); a per-step schedule's rate at the epoch's first step. */
    double rate(double base, int epoch);

    /**
     * The rate of batch {@code batch} (from 0) of epoch {@code epoch}, an epoch having {@code batchesPerEpoch}
     * batches; {@link #rate(double, int)} for a per-epoch schedule.
     */
    default double rate(double base, int epoch, int batch, int batchesPerEpoch) {
        return rate(base, epoch);
    }

    /** Whether the rate changes from step to step within an epoch (the trainer then asks before every step). */
    default boolean perStep() { return false; }

    /** The cosine of {@link #cosine} evaluated at every step, over the fractional epoch {@code t = e + b/n}. */
    static LearningRateSchedule cosinePerStep(int epochs, double minRate) { return new CosinePerStep(epochs, minRate); }

    /** Smith's one-cycle policy as PyTorch's {@code OneCycleLR} has it (its defaults: 0.3, 25, 1e4). */
    static LearningRateSchedule oneCycle(int epochs) { return new OneCycle(epochs, 0.3, 25, 1e4); }

    /** {@code after}, times {@code min(1, (s + 1) / steps)} over the first {@code steps} steps. */
    static LearningRateSchedule warmupSteps(int steps, LearningRateSchedule after) { return new Warmup(steps, 0, after); }

    /** {@code after}, warmed up linearly over the first {@code epochs} epochs (rounded to whole steps, at least 1). */
    static LearningRateSchedule warmupEpochs(double epochs, LearningRateSchedule after) { return new Warmup(0, epochs, after); }

    /** The schedule names {@link #named} takes, as {@code neurite train --schedule} spells them. */
    java.util.List<String> NAMES = java.util.List.of("constant", "seed-decay", "inverse-time", "cosine", "cosine-per-step", "one-cycle");

    /**
     * The schedule a name stands for, over {@code epochs} (the cosine and one-cycle schedules) with
     * {@code decay} (seed-decay, inverse-time); an empty or null name is seed-decay when {@code decay > 0},
     * constant otherwise. The one mapping that {@code neurite train} and the Spark estimators both use.
     *
     * @throws IllegalArgumentException for a name not in {@link #NAMES}
     */
    static LearningRateSchedule named(String name, double decay, int epochs) {
        String n = name != null && !name.isEmpty() ? name : decay > 0 ? "seed-decay" : "constant";
        return switch (n) {
            case "constant" -> constant();
            case "seed-decay" -> seedDecay(decay);
            case "inverse-time" -> inverseTime(decay);
            case "cosine" -> cosine(epochs, 0);
            case "cosine-per-step" -> cosinePerStep(epochs, 0);
            case "one-cycle" -> oneCycle(epochs);
            default -> throw new IllegalArgumentException("a schedule must be one of " + String.join(", ", NAMES) + ", was " + n);
        };
    }

    static LearningRateSchedule constant() { return new Constant(); }

    /** The second seed's {@code self.learning_rate /= (1 + self.decay_rate*i)} at the start of epoch i. */
    static LearningRateSchedule seedDecay(double decay) { return new SeedDecay(decay); }

    static LearningRateSchedule inverseTime(double decay) { return new InverseTime(decay); }

    static LearningRateSchedule step(int every, double gamma) { return new Step(every, gamma); }

    static LearningRateSchedule exponential(double gamma) { return new Exponential(gamma); }

    static LearningRateSchedule cosine(int epochs, double minRate) { return new Cosine(epochs, minRate); }

    static void checkEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, was " + epoch);
        }
    }

    static void checkNonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be >= 0 and finite, was " + value);
        }
    }

    record Constant() implements LearningRateSchedule {
        @Override
        public double rate(double base, int epoch) {
            checkEpoch(epoch);
            return base;
        }
    }

    record SeedDecay(double decay) implements LearningRateSchedule {
        public SeedDecay {
            checkNonNegative("decay", decay);
        }

        @Override
        public double rate(double base, int epoch) {
            checkEpoch(epoch);
            double lr = base;
            for (int i = 1; i <= epoch; i++) {
                lr /= 1 + decay * i;
            }
            return lr;
        }
    }

    record InverseTime(double decay) implements LearningRateSchedule {
        public InverseTime {
            checkNonNegative("decay", decay);
        }

        @Override
        public double rate(double base, int epoch) {
            checkEpoch(epoch);
            return base / (1 + decay * epoch);
        }
    }

    record Step(int every, double gamma) implements LearningRateSchedule {
        public Step {
            if (every <= 0) {
                throw new IllegalArgumentException("step schedule's every must be > 0, was " + every);
            }
            checkNonNegative("gamma", gamma);
        }

        @Override
        public double rate(double base, int epoch) {
            checkEpoch(epoch);
            return base * Math.pow(gamma, epoch / every);
        }
    }

    record Exponential(double gamma) implements LearningRateSchedule {
        public Exponential {
            checkNonNegative("gamma", gamma);
        }

        @Override
        public double rate(double base, int epoch) {
            checkEpoch(epoch);
            return base * Math.pow(gamma, epoch);
        }
    }

    record Cosine(int epochs, double minRate) implements LearningRateSchedule {
        public Cosine {
            if (epochs <= 0) {
                throw new IllegalArgumentException("cosine schedule's epochs must be > 0, was " + epochs);
            }
            checkNonNegative("minRate", minRate);
        }

        @Override
        public double rate(double base, int epoch) {
            checkEpoch(epoch);
            double t = Math.min(epoch, epochs);
            return minRate + (base - minRate) * (1 + Math.cos(Math.PI * t / epochs)) / 2;
        }
    }
}
