package dev.neurite.tensor;

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
        int rows = M.rows(), n = M.cols();
        float[] m = M.data();
        java.util.Arrays.fill(out, 0, n, 0f);
        for (int r = 0; r < rows; r++) {
            int o = r * n;
            for (int j = 0; j < n; j++) {
                out[j] += m[o + j];
            }
        }
    }

    /** {@code a = σ(z) = 1 / (1 + e^−z)}, element-wise over the first {@code n} elements. */
    public static void sigmoid(float[] z, float[] a, int n) {
        if (Gemm.vectorized()) {
            VectorKernels.sigmoid(z, a, n);
            return;
        }
        for (int i = 0; i < n; i++) {
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

    /** {@code a = tanh z}, element-wise over the first {@code n} elements. */
    public static void tanh(float[] z, float[] a, int n) {
        if (Gemm.vectorized()) {
            VectorKernels.tanh(z, a, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            a[i] = Activations.tanh(z[i]);
        }
    }

    public static void relu(float[] z, float[] a, int n) {
        for (int i = 0; i < n; i++) {
            a[i] = Math.max(z[i], 0f);
        }
    }

    public static void leakyRelu(float[] z, float[] a, int n, float alpha) {
        for (int i = 0; i < n; i++) {
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
        int rows = Z.rows(), n = Z.cols();
        float[] z = Z.data(), a = A.data();
        for (int r = 0; r < rows; r++) {
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
