package dev.neurite.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.layer.Param;
import dev.neurite.tensor.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Gradient clipping and the per-step schedules against PyTorch (tools/torch-goldens/training_control.py:
 * {@code clip_grad_norm_}, {@code clip_grad_value_}, {@code OneCycleLR}, {@code CosineAnnealingLR} and
 * {@code LinearLR} stepped after every batch: 3 epochs of 7 batches, base rate 0.1).
 */
class ClippingAndStepSchedulesTest {
    static final double[] CLIP_NORM = {0.17830684768345967, -1.069841086100758, 0.4457671192086492, 0.7132273907338387, 0.0, -0.2674602715251895, 1.4264547814676773, -0.04457671192086492, 0.08915342384172983};
    static final double[] CLIP_VALUE = {0.5, -1.0, 1.0, 1.0, 0.0, -0.75, 1.0, -0.125, 0.25};
    static final double[] CLIP_BOTH = {0.33913989801196964, -0.6782797960239393, 0.6782797960239393, 0.6782797960239393, 0.0, -0.5087098470179545, 0.6782797960239393, -0.08478497450299241, 0.16956994900598482};
    static final double[] ONE_CYCLE = {0.0040000000000000036, 0.012188527098390314, 0.03396027605851658, 0.06188697369957272, 0.08644034833812791, 0.09924306774148466, 0.09944154354509119, 0.09673623556045154, 0.09190443762697105, 0.08516599658482699, 0.07682751154913771, 0.0672683836480545, 0.056923553268744854, 0.046263710266697504, 0.035773877573965704, 0.02593134265232537, 0.01718394091038552, 0.009929679189326548, 0.004498626448808909, 0.0011378956269720922, 4e-07};
    static final double[] COSINE_PER_STEP = {0.1, 0.09944712589814386, 0.09780085388641396, 0.09509795896116974, 0.09139881932864174, 0.0867860676555764, 0.0813627451920073, 0.07525, 0.06858438070613655, 0.06151478623083756, 0.05419913963252801, 0.04680086036747201, 0.03948521376916244, 0.03241561929386345, 0.025750000000000012, 0.019637254807992693, 0.014213932344423596, 0.009601180671358244, 0.005902041038830255, 0.003199146113586041, 0.0015528741018561378};
    static final double[] WARMUP_5 = {0.020000000000000004, 0.04000000000000001, 0.06000000000000001, 0.08000000000000002, 0.10000000000000002, 0.10000000000000002, 0.10000000000000002, 0.10000000000000002, 0.10000000000000002, 0.10000000000000002, 0.10000000000000002, 0.10000000000000002, 0.10000000000000002, 0.10000000000000002, 0.10000000000000002, 0.10000000000000002, 0.10000000000000002, 0.10000000000000002, 0.10000000000000002, 0.10000000000000002, 0.10000000000000002};

    private static List<Param> grads() {
        Param a = new Param("0.weight", Matrix.zeros(2, 3), Matrix.of(new double[][] {{0.5, -3.0, 1.25}, {2.0, 0.0, -0.75}}), true);
        Param b = new Param("0.bias", Matrix.zeros(1, 3), Matrix.of(new double[][] {{4.0, -0.125, 0.25}}), false);
        return List.of(a, b);
    }

    private static void assertGrads(double[] expected, List<Param> ps) {
        int k = 0;
        for (Param p : ps) {
            for (int i = 0; i < p.size(); i++, k++) {
                assertEquals(expected[k], p.grad().data()[i], 1e-6 * Math.max(1, Math.abs(expected[k])), "entry " + k);
            }
        }
    }

    @Test
    void clippingIsPyTorchs() {
        List<Param> ps = grads();
        double norm = GradientClipping.byNorm(2.0).apply(ps);
        assertEquals(Math.sqrt(0.25 + 9 + 1.5625 + 4 + 0.5625 + 16 + 0.015625 + 0.0625), norm, 1e-12);
        assertGrads(CLIP_NORM, ps);
        ps = grads();
        GradientClipping.byValue(1.0).apply(ps);
        assertGrads(CLIP_VALUE, ps);
        ps = grads();
        new GradientClipping(1.5, 1.0).apply(ps);
        assertGrads(CLIP_BOTH, ps);
    }

    @Test
    void aGradientWithinTheNormIsLeftBitForBit() {
        List<Param> ps = grads(), same = grads();
        GradientClipping.byNorm(100).apply(ps);
        for (int i = 0; i < ps.size(); i++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(same.get(i).grad().data(), ps.get(i).grad().data());
        }
    }

    @Test
    void badClippingIsRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GradientClipping.byNorm(0)).getMessage().contains("was 0.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GradientClipping.byValue(Double.NaN)).getMessage()
                .contains("NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GradientClipping(-1, 0)).getMessage().contains("-1.0"));
        assertTrue(!GradientClipping.NONE.enabled());
    }

    private static void assertSchedule(double[] expected, LearningRateSchedule s) {
        assertTrue(s.perStep());
        for (int k = 0; k < expected.length; k++) {
            double lr = s.rate(0.1, k / 7, k % 7, 7);
            assertEquals(expected[k], lr, 1e-12 + 1e-9 * expected[k], "step " + k);
        }
    }

    @Test
    void oneCycleIsPyTorchsOneCycleLR() {
        assertSchedule(ONE_CYCLE, LearningRateSchedule.oneCycle(3));
        assertEquals(ONE_CYCLE[20], LearningRateSchedule.oneCycle(3).rate(0.1, 5, 2, 7), 1e-15);     // past the end: the last rate
    }

    @Test
    void perStepCosineIsCosineAnnealingLRSteppedEveryBatch() {
        assertSchedule(COSINE_PER_STEP, LearningRateSchedule.cosinePerStep(3, 0.001));
        // at each epoch's first step it is the per-epoch cosine's rate
        for (int e = 0; e < 3; e++) {
            assertEquals(LearningRateSchedule.cosine(3, 0.001).rate(0.1, e), LearningRateSchedule.cosinePerStep(3, 0.001)
                    .rate(0.1, e, 0, 7), 1e-15);
        }
    }

    @Test
    void warmupIsLinearLRAndComposesWithAnySchedule() {
        assertSchedule(WARMUP_5, LearningRateSchedule.warmupSteps(5, LearningRateSchedule.constant()));
        LearningRateSchedule cosine = LearningRateSchedule.cosinePerStep(3, 0.001);
        LearningRateSchedule warm = LearningRateSchedule.warmupEpochs(0.5, cosine);   // 0.5 · 7 = 3.5 → 4 steps
        assertEquals(4, ((Warmup) warm).warmupSteps(7));
        for (int k = 0; k < 21; k++) {
            double factor = Math.min(1, (k + 1) / 4.0);
            assertEquals(cosine.rate(0.1, k / 7, k % 7, 7) * factor, warm.rate(0.1, k / 7, k % 7, 7), 1e-15, "step " + k);
        }
        LearningRateSchedule stepped = LearningRateSchedule.warmupSteps(10, LearningRateSchedule.step(1, 0.5));
        assertEquals(0.1 * 0.5 * 9 / 10.0, stepped.rate(0.1, 1, 1, 7), 1e-15);     // step 8 of a per-epoch schedule's epoch 1
        assertEquals(0.1 * 0.25, stepped.rate(0.1, 2, 0, 7), 1e-15);
    }

    @Test
    void badStepSchedulesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.warmupSteps(0, LearningRateSchedule.constant()));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.warmupEpochs(-1, LearningRateSchedule.constant()));
        assertThrows(IllegalArgumentException.class, () -> new OneCycle(3, 1.0, 25, 1e4));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosinePerStep(0, 0));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.oneCycle(2).rate(0.1, 0, 7, 7))
                .getMessage().contains("batch 7 is outside [0, 7)"));
    }
}
