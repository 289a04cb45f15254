package dev.neurite.kernel;

import dev.neurite.tensor.Rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ActivationsTest {
    @Test
    void expTanhAndSigmoidAreAccurateOverTheirRange() {
        double worstExp = 0, worstTanh = 0, worstSigmoid = 0;
        for (int i = -200_000; i <= 200_000; i++) {
            float x = i * 4.35e-4f;                          // [−87, 87]
            worstExp = Math.max(worstExp, Math.abs(Activations.exp(x) / Math.exp(x) - 1));
            worstTanh = Math.max(worstTanh, Math.abs(Activations.tanh(x) - Math.tanh(x)));
            worstSigmoid = Math.max(worstSigmoid, Math.abs(Activations.sigmoid(x) - 1 / (1 + Math.exp(-x))));
        }
        assertTrue(worstExp < 3e-7, "exp relative error " + worstExp);
        assertTrue(worstTanh < 2e-7, "tanh absolute error " + worstTanh);
        assertTrue(worstSigmoid < 2e-7, "sigmoid absolute error " + worstSigmoid);
        assertEquals(1f, Activations.tanh(1e4f));
        assertEquals(-1f, Activations.tanh(-Float.MAX_VALUE));
        assertEquals(0f, Activations.tanh(0f));
        assertEquals(0f, Activations.sigmoid(-1e4f), 1e-37);
        assertEquals(1f, Activations.sigmoid(1e4f));
        assertTrue(Float.isNaN(Activations.tanh(Float.NaN)));
    }

    @Test
    void vectorLanesGiveTheScalarBits() {
        int n = 1003;                                        // a scalar tail too
        float[] z = new float[n], vector = new float[n];
        Rng rng = new Rng(1);
        for (int i = 0; i < n; i++) {
            z[i] = (float) (rng.nextGaussian() * 6);
        }
        Kernels.tanh(z, vector, n);
        for (int i = 0; i < n; i++) {
            assertEquals(Activations.tanh(z[i]), vector[i], "tanh lane " + i);
        }
        Kernels.sigmoid(z, vector, n);
        for (int i = 0; i < n; i++) {
            assertEquals(Activations.sigmoid(z[i]), vector[i], "sigmoid lane " + i);
        }
    }
}
