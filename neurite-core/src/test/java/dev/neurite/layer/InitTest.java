package dev.neurite.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.tensor.Rng;
import org.junit.jupiter.api.Test;

class InitTest {
    private static float[] draw(Init init, int in, int out) {
        float[] w = new float[in * out];
        init.fillWeights(w, in, out, new Rng(1));
        return w;
    }

    private static double[] minMaxStd(float[] w) {
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE, sum = 0, sq = 0;
        for (float v : w) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
            sq += (double) v * v;
        }
        double mean = sum / w.length;
        return new double[] {min, max, Math.sqrt(sq / w.length - mean * mean), mean};
    }

    @Test
    void seedRangesAreTheSeeds() {
        double[] unit = minMaxStd(draw(Init.UNIT_UNIFORM, 300, 100));
        assertTrue(unit[0] >= 0 && unit[1] < 1 && unit[0] < 0.01 && unit[1] > 0.99);
        double[] seed = minMaxStd(draw(Init.SEED_UNIFORM, 300, 100));
        assertTrue(seed[0] >= -1 && seed[1] < 1 && seed[0] < -0.99 && seed[1] > 0.99);
        float[] b = new float[50];
        Init.SEED_UNIFORM.fillBias(b, 50, new Rng(2));
        assertTrue(minMaxStd(b)[2] > 0.3, "the second seed's bias units start uniform(-1,1)");
        Init.XAVIER_UNIFORM.fillBias(b, 50, new Rng(2));
        assertArrayEquals(new float[50], b);
    }

    @Test
    void scaledInitialisersHaveTheirPapersSpread() {
        int in = 400, out = 200;
        assertEquals(Math.sqrt(6.0 / (in + out)), minMaxStd(draw(Init.XAVIER_UNIFORM, in, out))[1], 1e-3);
        assertEquals(Math.sqrt(2.0 / (in + out)), minMaxStd(draw(Init.XAVIER_NORMAL, in, out))[2], 1e-3);
        assertEquals(Math.sqrt(6.0 / in), minMaxStd(draw(Init.HE_UNIFORM, in, out))[1], 1e-3);
        assertEquals(Math.sqrt(2.0 / in), minMaxStd(draw(Init.HE_NORMAL, in, out))[2], 1e-3);
        assertEquals(0, minMaxStd(draw(Init.HE_NORMAL, in, out))[3], 2e-3);
    }

    @Test
    void namesParseAndUnknownNamesAreRejected() {
        for (Init i : Init.values()) {
            assertEquals(i, Init.parse(i.cliName()));
        }
        var e = assertThrows(IllegalArgumentException.class, () -> Init.parse("glorot"));
        assertTrue(e.getMessage().startsWith("unknown initialiser 'glorot'"));
    }
}
