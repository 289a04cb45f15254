package dev.neurite.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MatrixAndRngTest {
    @Test
    void reuseKeepsTheBufferForSmallerBatches() {
        Matrix m = Matrix.zeros(50, 3);
        assertSame(m, Matrix.reuse(m, 17, 3));
        assertEquals(17, m.rows());
        assertSame(m, Matrix.reuse(m, 50, 3));
        assertNotEquals(m, Matrix.reuse(m, 51, 3));
        assertThrows(IllegalArgumentException.class, () -> m.resizeRows(51));
    }

    @Test
    void badShapesAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Matrix.zeros(-1, 2));
        assertEquals("shape must be non-negative, was (-1, 2)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Matrix.wrap(new float[5], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> Matrix.of(new double[][] {{1, 2}, {3}}));
        assertThrows(IndexOutOfBoundsException.class, () -> Matrix.zeros(2, 2).get(2, 0));
    }

    @Test
    void sameSeedSameStreamAndStateRoundTrips() {
        Rng a = new Rng(42), b = new Rng(42);
        for (int i = 0; i < 100; i++) {
            assertEquals(a.nextLong(), b.nextLong());
        }
        a.nextGaussian();
        Rng c = Rng.fromState(a.state());
        for (int i = 0; i < 100; i++) {
            assertEquals(a.nextGaussian(), c.nextGaussian());
        }
        assertNotEquals(new Rng(1).nextLong(), new Rng(2).nextLong());
    }

    @Test
    void aStateNoGeneratorReachesIsRefused() {
        var zero = assertThrows(IllegalArgumentException.class, () -> Rng.fromState(new long[8]));
        assertEquals("an Rng state's four xoshiro words must not all be zero", zero.getMessage());
        long[] s = new Rng(3).state();
        s[5] = 2;
        assertThrows(IllegalArgumentException.class, () -> Rng.fromState(s));
        long[] t = new Rng(3).state();
        t[6] = 1L << 40;
        assertThrows(IllegalArgumentException.class, () -> Rng.fromState(t));
        for (long seed = 0; seed < 20; seed++) {             // spare floats of either sign restore
            Rng r = new Rng(seed);
            r.nextFloat();
            Rng c = Rng.fromState(r.state());
            assertEquals(r.nextFloat(), c.nextFloat());
        }
    }

    @Test
    void xoshiroMatchesItsReferenceStream() {
        // SplitMix64(0) seeds; the first outputs of xoshiro256** from those words (reference C code by Vigna)
        Rng rng = new Rng(0);
        long[] s = rng.state();
        assertEquals(0xe220a8397b1dcdafL, s[0]);
        assertEquals(0x6e789e6aa1b965f4L, s[1]);
        assertEquals(0x06c45d188009454fL, s[2]);
        assertEquals(0xf88bb8a8724c81ecL, s[3]);
        long expected = Long.rotateLeft(s[1] * 5, 7) * 9;
        assertEquals(expected, rng.nextLong());
    }

    @Test
    void uniformsStayInRangeAndNextIntIsUnbiased() {
        Rng rng = new Rng(7);
        int[] counts = new int[3];
        for (int i = 0; i < 30_000; i++) {
            double d = rng.nextDouble();
            float f = rng.nextFloat();
            assertTrue(d >= 0 && d < 1 && f >= 0 && f < 1);
            counts[rng.nextInt(3)]++;
        }
        for (int c : counts) {
            assertEquals(10_000, c, 400);
        }
        assertThrows(IllegalArgumentException.class, () -> rng.nextInt(0));
    }

    @Test
    void gaussianHasUnitVariance() {
        Rng rng = new Rng(3);
        double sum = 0, sq = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            double g = rng.nextGaussian();
            sum += g;
            sq += g * g;
        }
        assertEquals(0, sum / n, 0.02);
        assertEquals(1, sq / n, 0.02);
    }

    @Test
    void shuffleIsAPermutation() {
        int[] a = new int[100];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        new Rng(5).shuffle(a);
        int[] sorted = a.clone();
        java.util.Arrays.sort(sorted);
        for (int i = 0; i < a.length; i++) {
            assertEquals(i, sorted[i]);
        }
        int[] b = new int[100];
        for (int i = 0; i < b.length; i++) {
            b[i] = i;
        }
        new Rng(5).shuffle(b);
        assertArrayEquals(a, b);
    }
}
