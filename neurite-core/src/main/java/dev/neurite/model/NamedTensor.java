package dev.neurite.model;

import java.util.Arrays;

/**
 * One named, immutable float32 tensor of a {@link ModelGraph}: a weight {@code (in, out)}, a bias
 * {@code (out)}, or a normalisation's shift or scale {@code (features)}, row-major. The name is the
 * parameter's own ({@code "0.weight"}, {@code "0.bias"}, {@code "normalization.shift"}), the one a
 * model file stores it under.
 */
public final class NamedTensor {
    private final String name;
    private final int[] shape;
    private final float[] values;

    /**
     * A tensor holding a copy of {@code values}.
     *
     * @throws IllegalArgumentException if the shape is not of rank 1 or 2, or does not hold {@code values.length} values
     */
    public NamedTensor(String name, int[] shape, float[] values) {
        this(name, shape.clone(), values.clone(), true);
    }

    private NamedTensor(String name, int[] shape, float[] values, boolean check) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a tensor needs a name, was '" + name + "'");
        }
        if (shape.length < 1 || shape.length > 2 || Arrays.stream(shape).anyMatch(d -> d <= 0)
                || Arrays.stream(shape).asLongStream().reduce(1, Math::multiplyExact) != values.length) {
            throw new IllegalArgumentException("tensor '" + name + "': shape " + Arrays.toString(shape)
                    + " must be of rank 1 or 2 with positive sizes, holding its " + values.length + " values");
        }
        this.name = name;
        this.shape = shape;
        this.values = values;
    }

    /** A tensor that takes ownership of {@code values} (no copy): the caller must not write it afterwards. */
    static NamedTensor adopt(String name, int[] shape, float[] values) {
        return new NamedTensor(name, shape.clone(), values, true);
    }

    public String name() { return name; }

    /** The sizes, outermost first: {@code (in, out)} for a weight, {@code (n)} for a vector. */
    public int[] shape() { return shape.clone(); }

    /** The size of dimension {@code d}. */
    public int dim(int d) { return shape[d]; }

    public int rank() { return shape.length; }

    /** The number of values. */
    public int size() { return values.length; }

    /** Value {@code k} in row-major order. */
    public float get(int k) { return values[k]; }

    /** A copy of the values, row-major. */
    public float[] values() { return values.clone(); }

    /** Copies the values into {@code into} from index 0. */
    public void copyTo(float[] into) {
        System.arraycopy(values, 0, into, 0, values.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedTensor t && name.equals(t.name) && Arrays.equals(shape, t.shape)
                && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
