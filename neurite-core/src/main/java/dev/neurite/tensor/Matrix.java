package dev.neurite.tensor;

import java.util.Arrays;

/**
 * A row-major float32 matrix over one contiguous {@code float[]}.
 *
 * <p>Element {@code (r, c)} lives at {@code data()[r * cols() + c]}. The backing array may be
 * longer than {@code rows * cols}: a buffer allocated for the largest batch is reused for a
 * smaller last batch by {@link #resizeRows(int)}, so training allocates nothing in steady state.
 */
public final class Matrix {
    /**
     * Floats allocated past the last row of every matrix Neurite makes, so that vector kernels can load a
     * whole vector at a row's end without a mask (the extra lanes are never stored).
     */
    public static final int SLACK = 16;

    private final float[] data;
    private final int cols;
    private final int capacityRows;
    private int rows;

    private Matrix(float[] data, int rows, int cols, int slack) {
        this.data = data;
        this.rows = rows;
        this.cols = cols;
        this.capacityRows = cols == 0 ? Integer.MAX_VALUE : (data.length - slack) / cols;
    }

    /** A zero matrix of shape {@code (rows, cols)}. */
    public static Matrix zeros(int rows, int cols) {
        checkShape(rows, cols);
        return new Matrix(new float[Math.addExact(Math.multiplyExact(rows, cols), SLACK)], rows, cols, SLACK);
    }

    /** Wraps {@code data} (not copied) as a {@code (rows, cols)} matrix. */
    public static Matrix wrap(float[] data, int rows, int cols) {
        checkShape(rows, cols);
        if (data.length < (long) rows * cols) {
            throw new IllegalArgumentException("data has " + data.length + " floats, shape (" + rows + ", "
                    + cols + ") needs " + (long) rows * cols);
        }
        return new Matrix(data, rows, cols, 0);
    }

    /** A copy of the given rows; every row must have the same length. */
    public static Matrix of(double[][] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("values must have at least one row");
        }
        int cols = values[0].length;
        Matrix m = zeros(values.length, cols);
        for (int r = 0; r < values.length; r++) {
            if (values[r].length != cols) {
                throw new IllegalArgumentException("row " + r + " has " + values[r].length + " values, row 0 has " + cols);
            }
            for (int c = 0; c < cols; c++) {
                m.data[r * cols + c] = (float) values[r][c];
            }
        }
        return m;
    }

    private static void checkShape(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("shape must be non-negative, was (" + rows + ", " + cols + ")");
        }
    }

    public int rows() { return rows; }

    public int cols() { return cols; }

    /** {@code rows * cols}: the number of elements in use. */
    public int size() { return rows * cols; }

    /**
     * The backing array, row-major (element {@code (r, c)} at {@code r·cols + c}), for zero-copy use: writes
     * change the matrix. Only the first {@link #size()} elements belong to it; the rest is slack the
     * kernels may read. Not a copy: {@code copy()} gives one.
     */
    public float[] data() { return data; }

    /** How many rows the backing array can hold. */
    public int capacityRows() { return capacityRows; }

    public float get(int r, int c) { return data[index(r, c)]; }

    public void set(int r, int c, float value) { data[index(r, c)] = value; }

    private int index(int r, int c) {
        if (r < 0 || r >= rows || c < 0 || c >= cols) {
            throw new IndexOutOfBoundsException("(" + r + ", " + c + ") outside (" + rows + ", " + cols + ")");
        }
        return r * cols + c;
    }

    /**
     * Changes the number of rows in use without reallocating.
     *
     * @throws IllegalArgumentException if the backing array cannot hold {@code newRows} rows
     */
    public Matrix resizeRows(int newRows) {
        if (newRows < 0 || newRows > capacityRows()) {
            throw new IllegalArgumentException("rows must be in [0, " + capacityRows() + "], was " + newRows);
        }
        rows = newRows;
        return this;
    }

    /** Returns {@code buffer} resized to {@code rows} if it is large enough, otherwise a new matrix. */
    public static Matrix reuse(Matrix buffer, int rows, int cols) {
        if (buffer != null && buffer.cols == cols && buffer.capacityRows() >= rows) {
            return buffer.resizeRows(rows);
        }
        return zeros(rows, cols);
    }

    public Matrix fill(float value) {
        Arrays.fill(data, 0, size(), value);
        return this;
    }

    public Matrix copy() {
        Matrix m = zeros(rows, cols);
        System.arraycopy(data, 0, m.data, 0, size());
        return m;
    }

    /** One row as a new array. */
    public float[] row(int r) {
        index(r, 0);
        return Arrays.copyOfRange(data, r * cols, (r + 1) * cols);
    }

    /** The elements in use, widened to double, row-major. */
    public double[] toDoubleArray() {
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = data[i];
        }
        return out;
    }

    /** Throws unless {@code a} and {@code b} have the same shape. */
    public static void requireSameShape(Matrix a, Matrix b) {
        if (a.rows != b.rows || a.cols != b.cols) {
            throw new IllegalArgumentException("shapes differ: " + a.shape() + " vs " + b.shape());
        }
    }

    public String shape() { return "(" + rows + ", " + cols + ")"; }

    /** True when both have the same shape and bit-identical elements. */
    public boolean contentEquals(Matrix other) {
        return rows == other.rows && cols == other.cols
                && Arrays.equals(data, 0, size(), other.data, 0, other.size());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Matrix").append(shape()).append('[');
        int shown = Math.min(rows, 6);
        for (int r = 0; r < shown; r++) {
            sb.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < Math.min(cols, 8); c++) {
                sb.append(c == 0 ? "" : ", ").append(data[r * cols + c]);
            }
            sb.append(cols > 8 ? ", …]" : "]");
        }
        return sb.append(rows > shown ? ", …]" : "]").toString();
    }
}
