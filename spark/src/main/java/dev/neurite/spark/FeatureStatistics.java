package dev.neurite.spark;

import dev.neurite.data.Normalization;
import dev.neurite.data.NormalizationKind;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Collection;
import java.util.TreeMap;

/**
 * One partition's per-feature statistics for fitting a {@link Normalization}, taken where its shard is
 * cached, in double, its rows in order:
 *
 * <pre>
 *   n_p, min_j, max_j, S_j = Σ x_j
 *   standard only:  c_j = (float)(S_j / n_p),  D_j = Σ (x_j − c_j),  Q_j = Σ (x_j − c_j)²
 * </pre>
 *
 * and the driver's half, {@link #fit}, over the partitions in order:
 *
 * <pre>
 *   N = Σ n_p,  mean_j = Σ_p S_j / N,  c = (float) mean_j,  min and max over the partitions
 *   squares_j = Σ_p Q_j + 2·(c_p − c)·D_j + n_p·(c_p − c)²       = Σ (x_j − c)² over all rows
 * </pre>
 *
 * which {@link Normalization#standard} and {@link Normalization#minMax} turn into the map (and refuse as
 * {@code Normalization.fit} refuses). Centring each partition on its own float mean keeps the sums of squares
 * as exact as the single-machine fit's. With one partition c_p = c, the corrections are zeros, and the map is
 * {@code Normalization.fit}'s over the same rows bit for bit.
 *
 * @param partition  the partition's index
 * @param rows       n_p (0: an empty partition, which sends nothing else)
 * @param min        the smallest value of each feature
 * @param max        the largest value of each feature
 * @param sum        S, each feature's sum
 * @param deviations D, the sums around the partition's float mean (null for min-max)
 * @param squares    Q, the sums of squares around it (null for min-max)
 */
record FeatureStatistics(int partition, long rows, double[] min, double[] max, double[] sum, double[] deviations,
                         double[] squares) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The statistics of {@code shard}; the moments around its mean only for {@code standard}. */
    static FeatureStatistics of(Shard shard, boolean standard) {
        int n = shard.inputs, rows = shard.rows;
        if (rows == 0) {
            return new FeatureStatistics(shard.partition, 0, null, null, null, null, null);
        }
        float[] x = shard.x;
        double[] min = new double[n], max = new double[n], sum = new double[n];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < n; j++) {
                float v = x[r * n + j];
                sum[j] += v;
                min[j] = Math.min(min[j], v);
                max[j] = Math.max(max[j], v);
            }
        }
        if (!standard) {
            return new FeatureStatistics(shard.partition, rows, min, max, sum, null, null);
        }
        double[] deviations = new double[n], squares = new double[n], centre = centres(sum, rows);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < n; j++) {
                double c = x[r * n + j] - centre[j];
                deviations[j] += c;
                squares[j] += c * c;
            }
        }
        return new FeatureStatistics(shard.partition, rows, min, max, sum, deviations, squares);
    }

    /** (float)(S_j / n) for each feature, as a double: the float mean that a standardisation applies. */
    private static double[] centres(double[] sum, long rows) {
        double[] c = new double[sum.length];
        for (int j = 0; j < c.length; j++) {
            c[j] = (float) (sum[j] / rows);
        }
        return c;
    }

    /**
     * The map of {@code kind} fitted on every partition's rows, from their statistics in partition order.
     *
     * @throws IllegalArgumentException naming the feature, for a non-finite value or a spread float cannot scale
     */
    static Normalization fit(NormalizationKind kind, Collection<FeatureStatistics> inOrder, int features) {
        if (kind == NormalizationKind.NONE) {
            return Normalization.none(features);
        }
        double[] min = new double[features], max = new double[features], sum = new double[features];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        long rows = 0;
        for (FeatureStatistics p : inOrder) {
            if (p.rows == 0) {
                continue;
            }
            rows += p.rows;
            for (int j = 0; j < features; j++) {
                min[j] = Math.min(min[j], p.min[j]);
                max[j] = Math.max(max[j], p.max[j]);
                sum[j] += p.sum[j];
            }
        }
        if (kind == NormalizationKind.MIN_MAX) {
            return Normalization.minMax(min, max);
        }
        double[] mean = new double[features], squares = new double[features], centre = centres(sum, rows);
        for (int j = 0; j < features; j++) {
            mean[j] = sum[j] / rows;
        }
        for (FeatureStatistics p : inOrder) {
            if (p.rows == 0) {
                continue;
            }
            double[] own = centres(p.sum, p.rows);
            for (int j = 0; j < features; j++) {
                double shift = own[j] - centre[j];    // Σ(x − c)² = Σ((x − c_p) + (c_p − c))²
                squares[j] += p.squares[j];
                squares[j] += 2 * shift * p.deviations[j];
                squares[j] += p.rows * shift * shift;
            }
        }
        return Normalization.standard(rows, mean, squares, min, max);
    }

    /**
     * The value {@code treeAggregate} carries: every partition's statistics, keyed by partition, so that the
     * order in which Spark merges task results cannot change a bit (as {@link Contributions}).
     */
    static final class ByPartition implements Serializable {
        private static final long serialVersionUID = 1L;
        private final TreeMap<Integer, FeatureStatistics> byPartition = new TreeMap<>();

        ByPartition add(FeatureStatistics s) {
            if (byPartition.putIfAbsent(s.partition(), s) != null) {
                throw new IllegalStateException("partition " + s.partition() + " sent its feature statistics twice");
            }
            return this;
        }

        ByPartition merge(ByPartition other) {
            other.byPartition.values().forEach(this::add);
            return this;
        }

        /** In partition order. */
        Collection<FeatureStatistics> inOrder() { return byPartition.values(); }
    }
}
