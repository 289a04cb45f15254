package dev.neurite.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.data.Normalization;
import dev.neurite.data.NormalizationKind;
import dev.neurite.tensor.Matrix;
import dev.neurite.tensor.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The normalisation's statistics per partition and their combination on the driver, without Spark. */
class FeatureStatisticsTest {
    /** 101 rows of 3 features: around 1e4, spread 100, and a value that grows with the row (partitions' means differ). */
    private static Matrix rows() {
        Rng rng = new Rng(17);
        Matrix x = Matrix.zeros(101, 3);
        for (int r = 0; r < 101; r++) {
            x.set(r, 0, (float) (1e4 + rng.nextGaussian()));
            x.set(r, 1, (float) (100 * rng.nextGaussian()));
            x.set(r, 2, (float) (r * 0.37 + rng.nextGaussian()));
        }
        return x;
    }

    /** Rows [from, to) of {@code x} as partition {@code p}'s shard. */
    private static Shard shard(Matrix x, int p, int from, int to) {
        int n = x.cols();
        float[] part = Arrays.copyOfRange(x.data(), from * n, to * n);
        return new Shard(p, to - from, to == from ? 0 : n, part, new int[to - from], null);
    }

    /** The statistics of the rows split at {@code cuts} (a cut repeated: an empty partition), in the order given. */
    private static FeatureStatistics.ByPartition split(Matrix x, boolean standard, int[] order, int... cuts) {
        List<FeatureStatistics> parts = new ArrayList<>();
        for (int p = 0; p + 1 < cuts.length; p++) {
            parts.add(FeatureStatistics.of(shard(x, p, cuts[p], cuts[p + 1]), standard));
        }
        FeatureStatistics.ByPartition all = new FeatureStatistics.ByPartition();
        for (int p : order) {
            all.merge(new FeatureStatistics.ByPartition().add(parts.get(p)));
        }
        return all;
    }

    @Test
    void onePartitionGivesTheSingleMachineFitBitForBit() {
        Matrix x = rows();
        for (NormalizationKind kind : NormalizationKind.values()) {
            Normalization cluster = FeatureStatistics.fit(kind, split(x, kind == NormalizationKind.STANDARD, new int[] {0},
                    0, 101).inOrder(), 3);
            assertEquals(Normalization.fit(kind, x), cluster, kind.toString());
        }
    }

    @Test
    void partitionsCombineToTheFitWhateverOrderTheyArriveIn() {
        Matrix x = rows();
        int[] cuts = {0, 40, 40, 73, 101};               // partition 1 is empty
        Normalization minMax = FeatureStatistics.fit(NormalizationKind.MIN_MAX,
                split(x, false, new int[] {3, 1, 0, 2}, cuts).inOrder(), 3);
        assertEquals(Normalization.fitMinMax(x), minMax);    // a minimum is a minimum in any grouping

        Normalization expected = Normalization.fitStandard(x);
        NormalizationKind standard = NormalizationKind.STANDARD;
        Normalization a = FeatureStatistics.fit(standard, split(x, true, new int[] {0, 1, 2, 3}, cuts).inOrder(), 3);
        Normalization b = FeatureStatistics.fit(standard, split(x, true, new int[] {2, 0, 3, 1}, cuts).inOrder(), 3);
        assertEquals(a, b);
        for (int j = 0; j < 3; j++) {
            assertEquals(expected.shift()[j], a.shift()[j], Math.ulp(expected.shift()[j]), "mean of feature " + j);
            double relative = Math.abs(a.scale()[j] - expected.scale()[j]) / expected.scale()[j];
            assertTrue(relative < 1e-6, "feature " + j + ": scale " + a.scale()[j] + " against " + expected.scale()[j]);
        }
        // feature 3 rises with the row, so the partitions' means lie far apart: without the corrections (Σ Q_p alone)
        // its spread would be far too small, which the bound above would catch
        double within = 0;
        for (FeatureStatistics p : split(x, true, new int[] {0, 1, 2, 3}, cuts).inOrder()) {
            within += p.rows() == 0 ? 0 : p.squares()[2];
        }
        double withoutCorrections = 1 / Math.sqrt(within / 101);
        assertTrue(withoutCorrections > 1.5 * expected.scale()[2], withoutCorrections + " against " + expected.scale()[2]);
    }

    @Test
    void aNonFiniteValueIsRefusedNamingTheFeature() {
        Matrix x = rows();
        x.set(80, 1, Float.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureStatistics.fit(
                NormalizationKind.STANDARD, split(x, true, new int[] {0, 1}, 0, 50, 101).inOrder(), 3));
        assertTrue(e.getMessage().startsWith("feature 2 of 3") && e.getMessage().contains("non-finite"), e.getMessage());
    }

    @Test
    void aPartitionThatSendsTwiceIsAnError() {
        FeatureStatistics s = FeatureStatistics.of(shard(rows(), 0, 0, 10), true);
        FeatureStatistics.ByPartition all = new FeatureStatistics.ByPartition().add(s);
        assertThrows(IllegalStateException.class, () -> all.add(s));
    }
}
