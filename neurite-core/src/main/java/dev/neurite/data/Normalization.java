package dev.neurite.data;

import dev.neurite.tensor.Matrix;
import java.util.Arrays;

/**
 * A per-feature affine map {@code x' = (x − shift) · scale}, fitted on training data only and applied
 * the same way at evaluation and prediction time (and saved with the model).
 *
 * <pre>
 *   none          shift = 0,      scale = 1
 *   min-max       shift = min_j,  scale = 1 / (max_j − min_j)      → training features in [0, 1]
 *   standard      shift = mean_j, scale = 1 / std_j                → training features with mean 0, std 1
 * </pre>
 * A constant feature (max = min, std = 0) gets scale 1, so it maps to 0 instead of dividing by zero.
 * The fit and the map are computed in double; spreads that float cannot scale are refused (see {@link #fit}).
 *
 * @param kind  which map this is ({@link NormalizationKind})
 */
public record Normalization(NormalizationKind kind, float[] shift, float[] scale) {
    public Normalization {
        java.util.Objects.requireNonNull(kind, "kind");
        if (shift.length != scale.length) {
            throw new IllegalArgumentException("shift has " + shift.length + " values, scale " + scale.length);
        }
        shift = shift.clone();
        scale = scale.clone();
        for (int j = 0; j < shift.length; j++) {
            if (!Float.isFinite(shift[j]) || !Float.isFinite(scale[j]) || scale[j] == 0) {
                throw new IllegalArgumentException("feature " + (j + 1) + ": shift " + shift[j] + " and scale " + scale[j]
                        + " must be finite, the scale non-zero");
            }
            if (kind == NormalizationKind.NONE && (shift[j] != 0 || scale[j] != 1)) {
                throw new IllegalArgumentException("feature " + (j + 1) + ": normalisation 'none' is the identity, but has shift "
                        + shift[j] + " and scale " + scale[j] + "; give the kind that these values are for");
            }
        }
    }

    /** The identity on {@code features} columns. */
    public static Normalization none(int features) {
        float[] ones = new float[features];
        Arrays.fill(ones, 1f);
        return new Normalization(NormalizationKind.NONE, new float[features], ones);
    }

    /** Min-max scaling fitted on {@code x}, computed in double; see {@link #fit} for what is refused. */
    public static Normalization fitMinMax(Matrix x) {
        int n = x.cols();
        double[] min = new double[n], max = new double[n];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        float[] d = x.data();
        for (int r = 0; r < x.rows(); r++) {
            for (int j = 0; j < n; j++) {
                min[j] = Math.min(min[j], d[r * n + j]);
                max[j] = Math.max(max[j], d[r * n + j]);
            }
        }
        return minMax(min, max);
    }

    /**
     * Min-max scaling from each feature's smallest and largest training value, gathered elsewhere (over the
     * partitions of a cluster, say): {@code shift = (float) min}, {@code scale = 1 / (max − min)}, refused as
     * {@link #fit} refuses. {@link #fitMinMax} is this over the rows of its matrix.
     *
     * @throws IllegalArgumentException naming the feature, for a non-finite value or a range float cannot scale
     */
    public static Normalization minMax(double[] min, double[] max) {
        int n = min.length;
        if (max.length != n) {
            throw new IllegalArgumentException("min has " + n + " values, max " + max.length);
        }
        float[] shift = new float[n], scale = new float[n];
        for (int j = 0; j < n; j++) {
            checkFinite(j, n, min[j], max[j]);
            double range = max[j] - min[j];
            shift[j] = (float) min[j];
            scale[j] = scaleOf(j, n, range, "range", min[j], max[j]);
        }
        return new Normalization(NormalizationKind.MIN_MAX, shift, scale);
    }

    /** Standardisation fitted on {@code x} (population standard deviation), computed in double. */
    public static Normalization fitStandard(Matrix x) {
        int n = x.cols(), rows = x.rows();
        double[] sum = new double[n], sq = new double[n], min = new double[n], max = new double[n];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        float[] d = x.data();
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < n; j++) {
                sum[j] += d[r * n + j];
                min[j] = Math.min(min[j], d[r * n + j]);
                max[j] = Math.max(max[j], d[r * n + j]);
            }
        }
        double[] mean = new double[n];
        for (int j = 0; j < n; j++) {
            checkFinite(j, n, min[j], max[j]);
            mean[j] = sum[j] / rows;
        }
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < n; j++) {
                double c = d[r * n + j] - (double) (float) mean[j];    // around the float mean that is applied
                sq[j] += c * c;
            }
        }
        return standard(rows, mean, sq, min, max);
    }

    /**
     * Standardisation from statistics gathered elsewhere (over the partitions of a cluster, say), for
     * {@code rows} training rows: each feature's {@code mean} (Σx / rows in double), the sum of squares
     * around the mean as a float, {@code squares = Σ(x − (float) mean)²}, and its smallest and largest value.
     * {@code shift = (float) mean}, {@code scale = 1 / √(squares / rows)} (1 when min = max), refused as
     * {@link #fit} refuses. {@link #fitStandard} is this over the rows of its matrix.
     *
     * @throws IllegalArgumentException naming the feature, for a non-finite value or a spread float cannot scale
     */
    public static Normalization standard(long rows, double[] mean, double[] squares, double[] min, double[] max) {
        int n = mean.length;
        if (squares.length != n || min.length != n || max.length != n) {
            throw new IllegalArgumentException("mean has " + n + " values, squares " + squares.length + ", min " + min.length
                    + ", max " + max.length);
        }
        for (int j = 0; j < n; j++) {
            checkFinite(j, n, min[j], max[j]);       // every feature first, as the fit's first pass does
        }
        float[] shift = new float[n], scale = new float[n];
        for (int j = 0; j < n; j++) {
            shift[j] = (float) mean[j];
            // values equal to their mean in float are constant for this purpose, whatever double rounding says
            boolean constant = max[j] == min[j];
            scale[j] = constant ? 1f : scaleOf(j, n, Math.sqrt(squares[j] / rows), "standard deviation", min[j], max[j]);
        }
        return new Normalization(NormalizationKind.STANDARD, shift, scale);
    }

    private static void checkFinite(int j, int n, double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException(feature(j, n) + " holds a non-finite value (from " + min + " to " + max + ")");
        }
    }

    /**
     * 1 / spread as a float: 1 for a constant feature (spread 0, so it maps to 0); refused when the spread
     * itself is beyond float (values near ±3.4e38 of both signs) or so small that its inverse is
     * (a spread below about 3e-39, i.e. subnormal floats).
     */
    private static float scaleOf(int j, int n, double spread, String what, double min, double max) {
        if (spread == 0) {
            return 1f;
        }
        double inverse = 1 / spread;
        if (!(spread <= Float.MAX_VALUE) || !(inverse <= Float.MAX_VALUE) || (float) inverse == 0f) {
            throw new IllegalArgumentException(feature(j, n) + " has values from " + (float) min + " to " + (float) max
                    + ": its " + what + " " + (float) spread + (spread > 1 ? " is too large" : " is too small")
                    + " to scale in 32-bit floats; rescale that column (or drop it)");
        }
        return (float) inverse;
    }

    private static String feature(int j, int n) {
        return "feature " + (j + 1) + " of " + n + " (counted from 1, the label column left out)";
    }

    /**
     * Fits {@code kind} on {@code x}. The fit is computed in double.
     * A constant feature gets scale 1 (it maps to 0); a feature whose range or standard deviation does
     * not fit a float, or whose inverse does not (spreads below about 3e-39), is refused with an
     * {@link IllegalArgumentException} naming the feature, rather than turned into infinities and NaN.
     */
    public static Normalization fit(NormalizationKind kind, Matrix x) {
        return switch (kind) {
            case NONE -> none(x.cols());
            case MIN_MAX -> fitMinMax(x);
            case STANDARD -> fitStandard(x);
        };
    }

    public int features() {
        return shift.length;
    }

    /**
     * Applies the map to {@code x} in place (in double where float would overflow); a value that maps outside float's range (data
     * far outside what the map was fitted on) is refused, naming its row and feature.
     */
    public Matrix applyInPlace(Matrix x) {
        if (x.cols() != shift.length) {
            throw new IllegalArgumentException("normalization fitted on " + shift.length + " features, data has " + x.cols());
        }
        if (kind == NormalizationKind.NONE) {
            return x;
        }
        int n = shift.length;
        float[] d = x.data();
        for (int r = 0; r < x.rows(); r++) {
            for (int j = 0; j < n; j++) {
                float v = (d[r * n + j] - shift[j]) * scale[j];
                if (!Float.isFinite(v)) {       // x − shift overflowed float (features near ±3.4e38): redo it in double
                    v = (float) (((double) d[r * n + j] - shift[j]) * scale[j]);
                }
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("row " + (r + 1) + ", " + feature(j, n) + ": the value " + d[r * n + j]
                            + " is outside float's range after " + kind + " scaling (shift " + shift[j] + ", scale " + scale[j]
                            + " fitted on the training data)");
                }
                d[r * n + j] = v;
            }
        }
        return x;
    }

    @Override
    public float[] shift() { return shift.clone(); }

    @Override
    public float[] scale() { return scale.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization other && kind == other.kind && Arrays.equals(shift, other.shift)
                && Arrays.equals(scale, other.scale);
    }

    @Override
    public int hashCode() {
        return kind.ordinal() * 31 + Arrays.hashCode(shift) * 17 + Arrays.hashCode(scale);
    }

    @Override
    public String toString() {
        return "Normalization(" + kind + ", " + shift.length + " features)";
    }
}
