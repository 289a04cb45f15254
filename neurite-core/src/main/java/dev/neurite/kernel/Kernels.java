package dev.neurite.kernel;

import dev.neurite.tensor.Rng;

import dev.neurite.tensor.Matrix;

/**
 * Element-wise and row-wise kernels. Each names the arrays it writes; none allocates.
 */
public final class Kernels {
    private Kernels() {}

    /** {@code Z[r,:] += b} for every row: z: (B,n), b: (n). */
    public static void addRowVector(Matrix Z, float[] b) {
        int rows = Z.rows(), n = Z.cols();
        if (b.length < n) {
            throw new IllegalArgumentException("bias has " + b.length + " values, Z has " + n + " columns");
        }
        float[] z = Z.data();
        for (int r = 0; r < rows; r++) {
            int o = r * n;
            for (int j = 0; j < n; j++) {
                z[o + j] += b[j];
            }
        }
    }

    /** {@code out[j] = Σ_r M[r,j]}: the bias gradient {@code db} from {@code dZ}. Overwrites {@code out}. */
    public static void columnSums(Matrix M, float[] out) {
        columnSums(M, out, 0, M.cols());
    }

    /** Columns {@code [j0, j1)} of {@link #columnSums(Matrix, float[])}; each sum runs over rows in order. */
    public static void columnSums(Matrix M, float[] out, int j0, int j1) {
        int rows = M.rows(), n = M.cols();
        float[] m = M.data();
        java.util.Arrays.fill(out, j0, j1, 0f);
        for (int r = 0; r < rows; r++) {
            int o = r * n;
            for (int j = j0; j < j1; j++) {
                out[j] += m[o + j];
            }
        }
    }

    /** Rows {@code [r0, r1)} of {@link #addRowVector(Matrix, float[])}. */
    public static void addRowVector(Matrix Z, float[] b, int r0, int r1) {
        int n = Z.cols();
        float[] z = Z.data();
        for (int r = r0; r < r1; r++) {
            int o = r * n;
            for (int j = 0; j < n; j++) {
                z[o + j] += b[j];
            }
        }
    }

    /** {@link #addRowVector(Matrix, float[])} with the rows split over {@code par}. */
    public static void addRowVector(Matrix Z, float[] b, Parallelism par) {
        int n = Z.cols();
        if (b.length < n) {
            throw new IllegalArgumentException("bias has " + b.length + " values, Z has " + n + " columns");
        }
        par.forRows(Z.rows(), n, (r0, r1) -> addRowVector(Z, b, r0, r1));
    }

    /** {@link #columnSums(Matrix, float[])} with the columns split over {@code par}; each sum runs over rows in order. */
    public static void columnSums(Matrix M, float[] out, Parallelism par) {
        if (out.length < M.cols()) {
            throw new IllegalArgumentException("out has " + out.length + " values, M has " + M.cols() + " columns");
        }
        par.forColumns(M.rows(), M.cols(), (j0, j1) -> columnSums(M, out, j0, j1));
    }

    /** {@code a = σ(z) = 1 / (1 + e^−z)}, element-wise over the first {@code n} elements. */
    public static void sigmoid(float[] z, float[] a, int n) {
        sigmoid(z, a, 0, n);
    }

    /** {@code a = σ(z)} over elements {@code [from, to)}. */
    public static void sigmoid(float[] z, float[] a, int from, int to) {
        if (Gemm.vectorized()) {
            VectorKernels.sigmoid(z, a, from, to);
            return;
        }
        for (int i = from; i < to; i++) {
            a[i] = Activations.sigmoid(z[i]);
        }
    }

    /** σ(z) computed so that it neither overflows nor loses the tiny tail for large |z|. */
    public static float sigmoid(float z) {
        if (z >= 0) {
            return (float) (1.0 / (1.0 + Math.exp(-z)));
        }
        double e = Math.exp(z);
        return (float) (e / (1.0 + e));
    }

    /**
     * Whether the first {@code n} elements of {@code a} are all finite (no NaN, no ±∞): {@code v·0} is 0 for
     * a finite {@code v} and NaN otherwise, so the sum of those products is 0 exactly when all are finite.
     * On the Vector API a lane-parallel pass (the training step checks every gradient before each update).
     */
    public static boolean allFinite(float[] a, int n) {
        if (Gemm.vectorized()) {
            return VectorKernels.allFinite(a, n);
        }
        float acc0 = 0, acc1 = 0, acc2 = 0, acc3 = 0;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            acc0 += a[k] * 0f;
            acc1 += a[k + 1] * 0f;
            acc2 += a[k + 2] * 0f;
            acc3 += a[k + 3] * 0f;
        }
        for (; k < n; k++) {
            acc0 += a[k] * 0f;
        }
        return acc0 + acc1 + acc2 + acc3 == 0;
    }

    /** {@code a = tanh z}, element-wise over the first {@code n} elements. */
    public static void tanh(float[] z, float[] a, int n) {
        tanh(z, a, 0, n);
    }

    /** {@code a = tanh z} over elements {@code [from, to)}. */
    public static void tanh(float[] z, float[] a, int from, int to) {
        if (Gemm.vectorized()) {
            VectorKernels.tanh(z, a, from, to);
            return;
        }
        for (int i = from; i < to; i++) {
            a[i] = Activations.tanh(z[i]);
        }
    }

    /**
     * Inverted dropout over elements {@code [from, to)}: {@code mask[i]} is {@code keepScale} when
     * {@link Rng#uniformAt(long, long) Rng.uniformAt(key, i)} ≥ {@code rate} and 0 otherwise, and
     * {@code out[i] = x[i]·mask[i]}. Each element depends on its index alone, so any split gives the same mask.
     */
    public static void dropout(float[] x, float[] mask, float[] out, long key, float rate, float keepScale,
                               int from, int to) {
        if (Gemm.vectorized()) {
            VectorKernels.dropout(x, mask, out, key, rate, keepScale, from, to);
            return;
        }
        for (int i = from; i < to; i++) {
            mask[i] = Rng.uniformAt(key, i) >= rate ? keepScale : 0f;
            out[i] = x[i] * mask[i];
        }
    }

    public static void relu(float[] z, float[] a, int n) {
        relu(z, a, 0, n);
    }

    /** {@code a = max(z, 0)} over elements {@code [from, to)}. */
    public static void relu(float[] z, float[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            a[i] = Math.max(z[i], 0f);
        }
    }

    /**
     * ReLU's backward pass in terms of its output: {@code d = y > 0 ? g : 0} over {@code [from, to)}.
     * Branch-free on the Vector API (the scalar loop's branch is taken at random, half the time).
     */
    public static void reluBackward(float[] g, float[] y, float[] d, int from, int to) {
        if (Gemm.vectorized()) {
            VectorKernels.reluBackward(g, y, d, from, to);
            return;
        }
        for (int i = from; i < to; i++) {
            d[i] = y[i] > 0f ? g[i] : 0f;
        }
    }

    /** Leaky ReLU's backward pass in terms of its output: {@code d = y > 0 ? g : α·g} over {@code [from, to)}. */
    public static void leakyReluBackward(float[] g, float[] y, float[] d, float alpha, int from, int to) {
        if (Gemm.vectorized()) {
            VectorKernels.leakyReluBackward(g, y, d, alpha, from, to);
            return;
        }
        for (int i = from; i < to; i++) {
            d[i] = y[i] > 0f ? g[i] : alpha * g[i];
        }
    }

    public static void leakyRelu(float[] z, float[] a, int n, float alpha) {
        leakyRelu(z, a, 0, n, alpha);
    }

    /** {@code a = z > 0 ? z : αz} over elements {@code [from, to)}. */
    public static void leakyRelu(float[] z, float[] a, int from, int to, float alpha) {
        for (int i = from; i < to; i++) {
            float v = z[i];
            a[i] = v > 0f ? v : alpha * v;
        }
    }

    /**
     * Row-wise softmax {@code a[r,j] = e^(z[r,j] − max_r) / Σ_j e^(z[r,j] − max_r)}; subtracting the
     * row maximum keeps every exponent ≤ 0, so no overflow for any finite logits.
     */
    public static void softmaxRows(Matrix Z, Matrix A) {
        Matrix.requireSameShape(Z, A);
        softmaxRows(Z.data(), A.data(), Z.cols(), 0, Z.rows());
    }

    /** {@link #softmaxRows(Matrix, Matrix)} with the rows split over {@code par} (each row is one thread's: the same bits). */
    public static void softmaxRows(Matrix Z, Matrix A, Parallelism par) {
        Matrix.requireSameShape(Z, A);
        float[] z = Z.data(), a = A.data();
        int n = Z.cols();
        // exp costs about 20 element-wise operations: rows are split about that much finer than a plain pass's
        par.forRows(Z.rows(), n * 20, (r0, r1) -> softmaxRows(z, a, n, r0, r1));
    }

    private static void softmaxRows(float[] z, float[] a, int n, int r0, int r1) {
        for (int r = r0; r < r1; r++) {
            int o = r * n;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, z[o + j]);
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                float e = (float) Math.exp(z[o + j] - max);
                a[o + j] = e;
                sum += e;
            }
            float inv = (float) (1.0 / sum);
            for (int j = 0; j < n; j++) {
                a[o + j] *= inv;
            }
        }
    }

    /** Index of the largest value in row {@code r} (the first one on ties). */
    public static int argmaxRow(Matrix M, int r) {
        int n = M.cols();
        float[] m = M.data();
        int o = r * n;
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (m[o + j] > m[o + best]) {
                best = j;
            }
        }
        return best;
    }
}
