package dev.neurite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The MNIST-style preprocessing against numpy/scipy's goldens, and its edge cases. */
class DigitInputTest {
    @Test
    void everyGoldenCaseMatchesNumpyAndScipy() {
        assertEquals(6, DigitGoldens.NAMES.size());
        for (String name : DigitGoldens.NAMES) {
            DigitGoldens.Source s = DigitGoldens.source(name);
            float[] got = DigitInput.mnist(s.ink(), s.width(), s.height());
            assertArrayEquals(DigitGoldens.golden(name), got, 2e-6f, name);
        }
    }

    @Test
    void theInkIsCentredByMassAndFillsTwentyPixels() {
        DigitGoldens.Source s = DigitGoldens.source("seven-full");
        float[] x = DigitInput.mnist(s.ink(), s.width(), s.height());
        int minX = 28, maxX = -1, minY = 28, maxY = -1;
        double mass = 0, cx = 0, cy = 0, max = 0;
        for (int i = 0; i < 784; i++) {
            if (x[i] > 0) {
                minX = Math.min(minX, i % 28);
                maxX = Math.max(maxX, i % 28);
                minY = Math.min(minY, i / 28);
                maxY = Math.max(maxY, i / 28);
            }
            mass += x[i];
            cx += (i % 28) * x[i];
            cy += (i / 28) * x[i];
            max = Math.max(max, x[i]);
        }
        assertEquals(20, Math.max(maxX - minX, maxY - minY) + 1);
        assertEquals(13.5, cx / mass, 0.5);
        assertEquals(13.5, cy / mass, 0.5);
        assertEquals(1.0, max, 1e-6);
    }

    @Test
    void noInkGivesZerosAndBadArgumentsAreRefused() {
        assertArrayEquals(new float[784], DigitInput.mnist(new float[12], 4, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DigitInput.mnist(new float[11], 4, 3));
        assertTrue(e.getMessage().contains("11"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DigitInput.mnist(new float[] {0.5f, 1.5f}, 2, 1));
        assertTrue(e.getMessage().contains("1.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DigitInput.mnist(new float[] {Float.NaN}, 1, 1));
    }

    @Test
    void areaWeightsOfEveryAxisSumToOne() {
        for (int in = 1; in <= 40; in++) {
            for (int out = 1; out <= 20; out++) {
                double[] w = DigitInput.areaWeights(in, out);
                for (int j = 0; j < out; j++) {
                    double s = 0;
                    for (int k = 0; k < in; k++) {
                        s += w[j * in + k];
                    }
                    assertEquals(1.0, s, 1e-12, in + "→" + out);
                }
            }
        }
    }
}
