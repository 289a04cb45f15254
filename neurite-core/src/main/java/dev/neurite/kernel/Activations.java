package dev.neurite.kernel;

/**
 * Scalar {@code exp}, {@code tanh} and {@code σ} built from IEEE operations alone (multiply, add, FMA,
 * divide, integer bit moves), so they give the same bits interpreted or compiled, on any JDK, and the
 * same as {@link VectorKernels}' lanes. Accuracy: about 2 ulp for {@code exp}; {@code tanh} and
 * {@code σ} within 1e−7 absolute.
 *
 * <pre>
 *   exp(x):  x clamped to [−87, 88];  n = round(x·log₂e);  r = x − n·ln2 ∈ [−ln2/2, ln2/2]
 *            (n + 127 is read from the mantissa of x·log₂e + 127 + 1.5·2²³)
 *            e^x = 2ⁿ · (1 + r + r²/2! + … + r⁶/6!)        (the series' error &lt; 1.2e−7 relative)
 *   tanh(x) = sign(x) · (1 − e^(−2|x|)) / (1 + e^(−2|x|))
 *   σ(x)    = 1 / (1 + e^(−x))
 * </pre>
 */
public final class Activations {
    static final float EXP_MIN = -87f;
    static final float EXP_MAX = 88f;
    static final float LOG2E = 1.44269504088896341f;
    static final float LN2_HI = 0.693145751953125f;          // ln 2 split so that k·LN2_HI is exact
    static final float LN2_LO = 1.42860682030941723212e-6f;
    /** 1.5·2²³: adding it rounds a float in [0, 2²²) to an integer held in the low mantissa bits. */
    static final float ROUNDER = 12582912f;
    static final float P2 = 1f / 2, P3 = 1f / 6, P4 = 1f / 24, P5 = 1f / 120, P6 = 1f / 720;

    private Activations() {}

    /** {@code e^x}; NaN stays NaN, large arguments saturate at {@code e^88} and {@code e^−87}. */
    public static float exp(float x) {
        if (x != x) {
            return x;
        }
        float c = Math.min(Math.max(x, EXP_MIN), EXP_MAX);
        float big = Math.fma(c, LOG2E, 127f) + ROUNDER;       // round(x·log₂e) + 127 in the low mantissa bits
        int n = Float.floatToRawIntBits(big) & 0x7FFFFF;
        float k = big - ROUNDER - 127f;
        float r = Math.fma(-k, LN2_HI, c);
        r = Math.fma(-k, LN2_LO, r);
        float p = Math.fma(r, P6, P5);
        p = Math.fma(r, p, P4);
        p = Math.fma(r, p, P3);
        p = Math.fma(r, p, P2);
        p = Math.fma(r, p, 1f);
        p = Math.fma(r, p, 1f);
        return p * Float.intBitsToFloat(n << 23);
    }

    public static float tanh(float x) {
        float e = exp(-2f * Math.abs(x));
        float t = (1f - e) / (1f + e);
        return x < 0f ? -t : t;
    }

    public static float sigmoid(float x) {
        return 1f / (1f + exp(-x));
    }
}
