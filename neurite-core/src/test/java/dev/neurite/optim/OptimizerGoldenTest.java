package dev.neurite.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.neurite.layer.Param;
import dev.neurite.tensor.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Four steps of each optimizer against src/test/reference/golden.py (numpy, float64). */
class OptimizerGoldenTest {
    private static final float[] W0 = {0.5f, -1.25f, 2.0f, 0.0f, -0.03125f};
    private static final float[][] GRADS = {
        {0.1f, -0.2f, 0.3f, -0.4f, 0.5f},
        {-0.05f, 0.4f, 0.1f, 0.2f, -0.6f},
        {0.3f, 0.3f, -0.3f, 0.0f, 0.25f},
        {0.01f, -0.02f, 0.03f, 1.5f, -0.8f}};

    private static float[] run(OptimizerConfig config) {
        Param p = new Param("w", Matrix.wrap(W0.clone(), 1, 5), Matrix.zeros(1, 5), true);
        Optimizer opt = config.create(List.of(p));
        for (float[] g : GRADS) {
            System.arraycopy(g, 0, p.grad().data(), 0, 5);
            opt.step(config.learningRate());
        }
        assertEquals(4, opt.steps());
        return p.value().data();
    }

    private static void assertMatches(float[] expected, float[] actual) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 2e-6, "element " + i);
        }
    }

    @Test
    void sgd() {
        assertMatches(new float[] {0.46399999999999997f, -1.298f, 1.987f, -0.13f, 0.03375000000000001f},
                run(Sgd.plain(0.1)));
    }

    @Test
    void momentumAsTheSecondSeedWritesIt() {
        assertMatches(new float[] {0.42116f, -1.3446200000000001f, 1.92373f, -0.06664f, -0.00810000000000001f},
                run(Sgd.momentum(0.1, 0.9)));
    }

    @Test
    void nesterov() {
        assertMatches(new float[] {0.39304399999999995f, -1.383158f, 1.918357f, -0.189976f, 0.054584999999999995f},
                run(Sgd.nesterov(0.1, 0.9)));
    }

    @Test
    void adam() {
        assertMatches(new float[] {0.47496043773979113f, -1.2541928524205628f, 1.9800106587203323f,
            0.009633707676662058f, -0.03718189416318672f}, run(Adam.of(0.01)));
    }

    @Test
    void adamW() {
        assertMatches(new float[] {0.4730054348293325f, -1.249217089065206f, 1.9720705171686301f, 0.0095963547972008f,
            -0.03702907259025933f}, run(new AdamW(0.01, 0.9, 0.999, 1e-8, 0.1)));
    }

    @Test
    void adamWDoesNotDecayBiases() {
        Param bias = new Param("b", Matrix.wrap(new float[] {1f}, 1, 1), Matrix.zeros(1, 1), false);
        new AdamW(0.1, 0.9, 0.999, 1e-8, 0.5).create(List.of(bias)).step(0.1);
        assertEquals(1f, bias.value().data()[0]); // zero gradient, no decay: unchanged
    }

    @Test
    void stateRestoresExactly() {
        Param p = new Param("w", Matrix.wrap(W0.clone(), 1, 5), Matrix.zeros(1, 5), true);
        Optimizer a = Adam.of(0.01).create(List.of(p));
        System.arraycopy(GRADS[0], 0, p.grad().data(), 0, 5);
        a.step(0.01);
        Param q = new Param("w", Matrix.wrap(p.value().data().clone(), 1, 5), Matrix.zeros(1, 5), true);
        Optimizer b = Adam.of(0.01).create(List.of(q));
        b.restore(a.steps(), a.state());
        System.arraycopy(GRADS[1], 0, p.grad().data(), 0, 5);
        System.arraycopy(GRADS[1], 0, q.grad().data(), 0, 5);
        a.step(0.01);
        b.step(0.01);
        org.junit.jupiter.api.Assertions.assertArrayEquals(p.value().data(), q.value().data());
        assertThrows(IllegalArgumentException.class, () -> b.restore(1, List.of(new float[5])));
    }

    @Test
    void badHyperParametersNameTheValue() {
        assertEquals("learningRate must be > 0 and finite, was -0.1",
                assertThrows(IllegalArgumentException.class, () -> Sgd.plain(-0.1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sgd.plain(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Sgd.plain(0));
        assertEquals("momentum must be in [0, 1), was 1.0",
                assertThrows(IllegalArgumentException.class, () -> Sgd.momentum(0.1, 1.0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sgd.nesterov(0.1, -0.5));
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.1, 0.9, 1.0, 1e-8));
        assertThrows(IllegalArgumentException.class, () -> new AdamW(0.1, 0.9, 0.999, 1e-8, -1));
        assertThrows(IllegalArgumentException.class, () -> Sgd.plain(0.1).create(List.of()).step(Double.NaN));
    }
}
