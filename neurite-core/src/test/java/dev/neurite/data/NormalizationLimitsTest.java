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
    void applyingToDataFarOutsideTheFitIsRefusedNamingRowAndFeature() {
        Normalization n = Normalization.fitMinMax(column(0f, 1e-30f));
        Matrix far = column(0f, 3e38f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> n.applyInPlace(far));
        assertTrue(e.getMessage().startsWith("row 2, feature 2 of 2"), e.getMessage());
    }
}
