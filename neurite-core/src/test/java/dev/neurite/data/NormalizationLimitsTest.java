package dev.neurite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.tensor.Matrix;
import org.junit.jupiter.api.Test;

class NormalizationLimitsTest {
    private static Matrix column(float... values) {
        Matrix x = Matrix.zeros(values.length, 2);
        for (int r = 0; r < values.length; r++) {
            x.set(r, 0, 1 + r);
            x.set(r, 1, values[r]);
        }
        return x;
    }

    private static void assertAllFinite(Matrix x) {
        for (float v : x.data()) {
            assertTrue(Float.isFinite(v), "non-finite value " + v);
        }
    }

    @Test
    void featuresNearTheFloatLimitOfOneSignAreScaledWithoutOverflow() {
        Matrix x = column(3e38f, 3.2e38f, 3.4e38f);
        for (NormalizationKind kind : new NormalizationKind[] {NormalizationKind.MIN_MAX, NormalizationKind.STANDARD}) {
            Matrix copy = x.copy();
            Normalization.fit(kind, copy).applyInPlace(copy);
            assertAllFinite(copy);
        }
        Matrix copy = x.copy();
        Normalization.fitMinMax(copy).applyInPlace(copy);
        assertEquals(1f, copy.get(2, 1), 1e-6);
    }

    @Test
    void aRangeBeyondFloatIsRefusedNamingTheFeature() {
        Matrix x = column(-3e38f, 3e38f, 1f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Normalization.fitMinMax(x));
        assertTrue(e.getMessage().startsWith("feature 2 of 2"), e.getMessage());
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
        assertTrue(Normalization.fitStandard(x).scale()[1] > 0, "its standard deviation, 2.4e38, still fits a float");
        Matrix widest = column(-Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE);
        Normalization.fitStandard(widest).applyInPlace(widest);    // a standard deviation never exceeds max |x|
        assertAllFinite(widest);
        assertEquals(1f, widest.get(1, 1), 1e-6);
    }

    @Test
    void subnormalSpreadsAreRefusedInsteadOfBecomingInfinity() {
        Matrix x = column(0f, Float.MIN_VALUE, 0f, Float.MIN_VALUE);
        for (NormalizationKind kind : new NormalizationKind[] {NormalizationKind.MIN_MAX, NormalizationKind.STANDARD}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Normalization.fit(kind, x));
            assertTrue(e.getMessage().contains("feature 2 of 2") && e.getMessage().contains("too small"), e.getMessage());
        }
    }

    @Test
    void constantFeaturesMapToZeroEvenAtTheFloatLimit() {
        for (float c : new float[] {0f, Float.MIN_VALUE, -3.4e38f, 3.4e38f}) {
            for (NormalizationKind kind : new NormalizationKind[] {NormalizationKind.MIN_MAX, NormalizationKind.STANDARD}) {
                Matrix x = column(c, c, c);
                Normalization n = Normalization.fit(kind, x);
                assertEquals(1f, n.scale()[1], kind + " " + c);
                n.applyInPlace(x);
                assertEquals(0f, x.get(1, 1), kind + " " + c);
            }
        }
    }

    @Test
    void statisticsGatheredElsewhereGiveTheFitsMapAndItsRefusals() {
        // feature 1: 1, 2, 3, 4 (mean 2.5, Σ(x − 2.5)² = 5, std √1.25); feature 2: constant 7
        Normalization standard = Normalization.standard(4, new double[] {2.5, 7}, new double[] {5, 0}, new double[] {1, 7},
                new double[] {4, 7});
        assertEquals(NormalizationKind.STANDARD, standard.kind());
        assertEquals(2.5f, standard.shift()[0]);
        assertEquals((float) (1 / Math.sqrt(1.25)), standard.scale()[0]);
        assertEquals(1f, standard.scale()[1]);
        Matrix x = column(7, 7, 7, 7);
        assertEquals(Normalization.fitStandard(x), standard);
        Normalization minMax = Normalization.minMax(new double[] {1, 7}, new double[] {4, 7});
        assertEquals(Normalization.fitMinMax(x), minMax);
        assertEquals((float) (1 / 3.0), minMax.scale()[0]);

        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> Normalization.standard(2,
                new double[] {0, 0}, new double[] {1, 1}, new double[] {0, Double.NaN}, new double[] {1, 1}));
        assertTrue(nan.getMessage().startsWith("feature 2 of 2") && nan.getMessage().contains("non-finite"), nan.getMessage());
        IllegalArgumentException wide = assertThrows(IllegalArgumentException.class,
                () -> Normalization.minMax(new double[] {-3e38}, new double[] {3e38}));
        assertTrue(wide.getMessage().startsWith("feature 1 of 1") && wide.getMessage().contains("too large"), wide.getMessage());
        IllegalArgumentException sizes = assertThrows(IllegalArgumentException.class,
                () -> Normalization.minMax(new double[2], new double[3]));
        assertTrue(sizes.getMessage().contains("min has 2 values, max 3"), sizes.getMessage());
    }

    @Test
    void applyingToDataFarOutsideTheFitIsRefusedNamingRowAndFeature() {
        Normalization n = Normalization.fitMinMax(column(0f, 1e-30f));
        Matrix far = column(0f, 3e38f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> n.applyInPlace(far));
        assertTrue(e.getMessage().startsWith("row 2, feature 2 of 2"), e.getMessage());
    }
}
