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
 *
 * @param kind  "none", "min-max" or "standard"
 */
public record Normalization(String kind, float[] shift, float[] scale) {
    public Normalization {
        if (shift.length != scale.length) {
            throw new IllegalArgumentException("shift has " + shift.length + " values, scale " + scale.length);
        }
        if (!kind.equals("none") && !kind.equals("min-max") && !kind.equals("standard")) {
            throw new IllegalArgumentException("normalization must be none, min-max or standard, was '" + kind + "'");
        }
        shift = shift.clone();
        scale = scale.clone();
    }

    /** The identity on {@code features} columns. */
    public static Normalization none(int features) {
        float[] ones = new float[features];
        Arrays.fill(ones, 1f);
        return new Normalization("none", new float[features], ones);
    }

    /** Min-max scaling fitted on {@code x}. */
    public static Normalization fitMinMax(Matrix x) {
        int n = x.cols();
        float[] min = new float[n], max = new float[n], scale = new float[n];
        Arrays.fill(min, Float.POSITIVE_INFINITY);
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        float[] d = x.data();
        for (int r = 0; r < x.rows(); r++) {
            for (int j = 0; j < n; j++) {
                min[j] = Math.min(min[j], d[r * n + j]);
                max[j] = Math.max(max[j], d[r * n + j]);
            }
        }
        for (int j = 0; j < n; j++) {
            scale[j] = max[j] > min[j] ? (float) (1.0 / ((double) max[j] - min[j])) : 1f;
        }
        return new Normalization("min-max", min, scale);
    }

    /** Standardisation fitted on {@code x} (population standard deviation). */
    public static Normalization fitStandard(Matrix x) {
        int n = x.cols(), rows = x.rows();
        double[] sum = new double[n], sq = new double[n];
        float[] d = x.data();
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < n; j++) {
                sum[j] += d[r * n + j];
            }
        }
        float[] mean = new float[n], scale = new float[n];
        for (int j = 0; j < n; j++) {
            mean[j] = (float) (sum[j] / rows);
        }
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < n; j++) {
                double c = d[r * n + j] - (double) mean[j];
                sq[j] += c * c;
            }
        }
        for (int j = 0; j < n; j++) {
            double std = Math.sqrt(sq[j] / rows);
            scale[j] = std > 0 ? (float) (1 / std) : 1f;
        }
        return new Normalization("standard", mean, scale);
    }

    /** Fits the named kind on {@code x}: "none", "min-max" or "standard". */
    public static Normalization fit(String kind, Matrix x) {
        return switch (kind) {
            case "none" -> none(x.cols());
            case "min-max" -> fitMinMax(x);
            case "standard" -> fitStandard(x);
            default -> throw new IllegalArgumentException("normalization must be none, min-max or standard, was '" + kind + "'");
        };
    }

    public int features() {
        return shift.length;
    }

    /** Applies the map to {@code x} in place. */
    public Matrix applyInPlace(Matrix x) {
        if (x.cols() != shift.length) {
            throw new IllegalArgumentException("normalization fitted on " + shift.length + " features, data has " + x.cols());
        }
        if (kind.equals("none")) {
            return x;
        }
        int n = shift.length;
        float[] d = x.data();
        for (int r = 0; r < x.rows(); r++) {
            for (int j = 0; j < n; j++) {
                d[r * n + j] = (d[r * n + j] - shift[j]) * scale[j];
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
        return o instanceof Normalization other && kind.equals(other.kind) && Arrays.equals(shift, other.shift)
                && Arrays.equals(scale, other.scale);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(shift) * 17 + Arrays.hashCode(scale);
    }

    @Override
    public String toString() {
        return "Normalization(" + kind + ", " + shift.length + " features)";
    }
}
