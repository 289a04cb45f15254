package dev.neurite.optim;

/**
 * The learning rate for each epoch (0-based), from the optimizer's base rate.
 *
 * <pre>
 *   constant      lr_e = lr
 *   seed-decay    lr_e = lr_(e−1) / (1 + d·e) = lr / Π_{i=1..e} (1 + d·i)     (the second seed's loop, compounded)
 *   inverse-time  lr_e = lr / (1 + d·e)                                      (Keras' InverseTimeDecay)
 *   step          lr_e = lr · γ^⌊e / s⌋
 *   exponential   lr_e = lr · γ^e
 *   cosine        lr_e = min + (lr − min)·(1 + cos(π·e / E)) / 2, e ≤ E
 * </pre>
 */
public sealed interface LearningRateSchedule {
    double rate(double base, int epoch);

    static LearningRateSchedule constant() { return new Constant(); }

    /** The second seed's {@code self.learning_rate /= (1 + self.decay_rate*i)} at the start of epoch i. */
    static LearningRateSchedule seedDecay(double decay) { return new SeedDecay(decay); }

    static LearningRateSchedule inverseTime(double decay) { return new InverseTime(decay); }

    static LearningRateSchedule step(int every, double gamma) { return new Step(every, gamma); }

    static LearningRateSchedule exponential(double gamma) { return new Exponential(gamma); }

    static LearningRateSchedule cosine(int epochs, double minRate) { return new Cosine(epochs, minRate); }

    private static void checkEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, was " + epoch);
        }
    }

    private static void checkNonNegative(String name, double value) {
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
