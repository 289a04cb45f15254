package dev.neurite.tensor;

/**
 * Neurite's one source of randomness: xoshiro256** (Blackman and Vigna, "Scrambled linear
 * pseudorandom number generators", 2018), seeded through SplitMix64.
 *
 * <p>The algorithm is fixed here rather than borrowed from the JDK so that the same seed gives the
 * same numbers on every JDK, and so that the whole state (four longs) can be saved in a checkpoint
 * and restored. Not thread-safe: each user holds its own, derived with {@link #split()}.
 */
public final class Rng {
    private long s0, s1, s2, s3;
    private double spareGaussian;
    private boolean hasSpare;
    private float spareFloat;
    private boolean hasSpareFloat;

    public Rng(long seed) {
        long x = seed;
        x += 0x9E3779B97F4A7C15L; s0 = mix(x);
        x += 0x9E3779B97F4A7C15L; s1 = mix(x);
        x += 0x9E3779B97F4A7C15L; s2 = mix(x);
        x += 0x9E3779B97F4A7C15L; s3 = mix(x);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * Uniform in [0, 1) with 24 random bits: the float grid, never 1. Each 64-bit draw gives two floats
     * (its high and low 24 bits), so dropout masks cost half a draw per unit.
     */
    public float nextFloat() {
        if (hasSpareFloat) {
            hasSpareFloat = false;
            return spareFloat;
        }
        long bits = nextLong();
        spareFloat = (int) (bits & 0xFFFFFF) * 0x1.0p-24f;
        hasSpareFloat = true;
        return (bits >>> 40) * 0x1.0p-24f;
    }

    /** Uniform in [0, bound), without modulo bias (Lemire's method). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be > 0, was " + bound);
        }
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x1_0000_0000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** Standard normal, by the Marsaglia polar method. */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u, v, s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double scale = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * scale;
        hasSpare = true;
        return u * scale;
    }

    /**
     * The {@code index}-th uniform float in [0, 1) of the stream named {@code key}: the top 24 bits of
     * {@code fmix32(fmix32(index·φ₃₂ + keyLow) + keyHigh)} (MurmurHash3's finaliser, twice, the key's two
     * halves added in; {@code index} is taken modulo 2³²). Counter-based, so any element can be drawn
     * independently of the others, in any order, by any thread, with the same result; 32-bit lanes, so
     * the vector kernels compute it with the same vector types as the other kernels (a 64-bit mix on
     * {@code LongVector} lanes made C2 give up on the tanh kernel in some runs).
     */
    public static float uniformAt(long key, long index) {
        int h = fmix32((int) index * GOLDEN32 + (int) key);
        h = fmix32(h + (int) (key >>> 32));
        return (h >>> 8) * 0x1.0p-24f;
    }

    private static final int GOLDEN32 = 0x9E3779B9, FMIX1 = 0x85EBCA6B, FMIX2 = 0xC2B2AE35;

    private static int fmix32(int h) {
        h ^= h >>> 16;
        h *= FMIX1;
        h ^= h >>> 13;
        h *= FMIX2;
        return h ^ (h >>> 16);
    }

    /** A new generator seeded from this one's stream; the two then run independently. */
    public Rng split() {
        return new Rng(nextLong());
    }

    /** Shuffles {@code a} in place (Fisher–Yates). */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** The full state, for checkpoints: four xoshiro words, the spare Gaussian and the spare float. */
    public long[] state() {
        return new long[] {s0, s1, s2, s3, Double.doubleToRawLongBits(spareGaussian), hasSpare ? 1 : 0,
            Float.floatToRawIntBits(spareFloat), hasSpareFloat ? 1 : 0};
    }

    /**
     * Restores a state taken by {@link #state()}. Refuses what {@link #state()} never returns: four zero
     * xoshiro words (the one state the generator never leaves: it would return 0 forever, and
     * {@link #nextInt}'s rejection loop would never end) and flags other than 0 or 1.
     */
    public static Rng fromState(long[] state) {
        if (state.length != 8) {
            throw new IllegalArgumentException("an Rng state has 8 longs, was " + state.length);
        }
        if ((state[0] | state[1] | state[2] | state[3]) == 0) {
            throw new IllegalArgumentException("an Rng state's four xoshiro words must not all be zero");
        }
        if ((state[5] & ~1L) != 0 || (state[7] & ~1L) != 0 || state[6] != (int) state[6]) {
            throw new IllegalArgumentException("an Rng state's flags must be 0 or 1 and its spare float an int, was "
                    + state[5] + ", " + state[7] + " and " + Long.toHexString(state[6]));
        }
        Rng r = new Rng(0);
        r.s0 = state[0];
        r.s1 = state[1];
        r.s2 = state[2];
        r.s3 = state[3];
        r.spareGaussian = Double.longBitsToDouble(state[4]);
        r.hasSpare = state[5] != 0;
        r.spareFloat = Float.intBitsToFloat((int) state[6]);
        r.hasSpareFloat = state[7] != 0;
        return r;
    }
}
