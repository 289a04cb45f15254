package dev.neurite.layer;

import dev.neurite.tensor.Rng;

/**
 * Weight initialisers. Weights of a dense layer have shape {@code (fanIn, fanOut)}.
 */
public enum Init {
    /** Uniform on [0, 1): the first seed's {@code np.random.rand}. Biases are zero. */
    UNIT_UNIFORM("unit-uniform"),
    /** Uniform on (−1, 1): the second seed's {@code np.random.uniform(-1.0, 1.0)}, biases included (they are a weight column there). */
    SEED_UNIFORM("seed-uniform"),
    /** Glorot and Bengio (2010): uniform on ±√(6 / (fanIn + fanOut)). Biases are zero. */
    XAVIER_UNIFORM("xavier"),
    /** Glorot and Bengio (2010): normal with σ = √(2 / (fanIn + fanOut)). Biases are zero. */
    XAVIER_NORMAL("xavier-normal"),
    /** He et al. (2015): uniform on ±√(6 / fanIn). Biases are zero. */
    HE_UNIFORM("he"),
    /** He et al. (2015): normal with σ = √(2 / fanIn). Biases are zero. */
    HE_NORMAL("he-normal");

    private final String cliName;

    Init(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line and in model files, e.g. {@code "xavier"}. */
    public String cliName() {
        return cliName;
    }

    /** The initialiser whose {@link #cliName()} is {@code name}. */
    public static Init parse(String name) {
        for (Init init : values()) {
            if (init.cliName.equals(name)) {
                return init;
            }
        }
        throw new IllegalArgumentException("unknown initialiser '" + name + "'; expected one of "
                + java.util.Arrays.stream(values()).map(Init::cliName).toList());
    }

    /** Fills {@code w[0..fanIn·fanOut)} for a {@code (fanIn, fanOut)} weight. */
    public void fillWeights(float[] w, int fanIn, int fanOut, Rng rng) {
        int n = fanIn * fanOut;
        switch (this) {
            case UNIT_UNIFORM -> uniform(w, n, 0, 1, rng);
            case SEED_UNIFORM -> uniform(w, n, -1, 1, rng);
            case XAVIER_UNIFORM -> {
                double limit = Math.sqrt(6.0 / (fanIn + fanOut));
                uniform(w, n, -limit, limit, rng);
            }
            case XAVIER_NORMAL -> normal(w, n, Math.sqrt(2.0 / (fanIn + fanOut)), rng);
            case HE_UNIFORM -> {
                double limit = Math.sqrt(6.0 / fanIn);
                uniform(w, n, -limit, limit, rng);
            }
            case HE_NORMAL -> normal(w, n, Math.sqrt(2.0 / fanIn), rng);
        }
    }

    /** Fills a bias of length {@code n}: uniform(−1, 1) for {@link #SEED_UNIFORM}, zero otherwise. */
    public void fillBias(float[] b, int n, Rng rng) {
        if (this == SEED_UNIFORM) {
            uniform(b, n, -1, 1, rng);
        } else {
            java.util.Arrays.fill(b, 0, n, 0f);
        }
    }

    private static void uniform(float[] w, int n, double low, double high, Rng rng) {
        for (int i = 0; i < n; i++) {
            w[i] = (float) (low + (high - low) * rng.nextDouble());
        }
    }

    private static void normal(float[] w, int n, double std, Rng rng) {
        for (int i = 0; i < n; i++) {
            w[i] = (float) (std * rng.nextGaussian());
        }
    }
}
