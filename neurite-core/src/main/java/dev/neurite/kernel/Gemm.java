package dev.neurite.kernel;

import dev.neurite.tensor.Matrix;

/**
 * The three matrix products of a dense layer, each overwriting its output {@code C}.
 *
 * <pre>
 *   mult:        C = A·B     A: (m,k)  B: (k,n)  → C: (m,n)    forward      z = x·W
 *   multTransA:  C = Aᵀ·B    A: (k,m)  B: (k,n)  → C: (m,n)    weight grad  dW = xᵀ·dZ
 *   multTransB:  C = A·Bᵀ    A: (m,k)  B: (n,k)  → C: (m,n)    input grad   dX = dZ·Wᵀ
 * </pre>
 *
 * <p>Two implementations, chosen once at start-up and named by {@link #path()}: register-tiled kernels
 * on the JDK's Vector API when the JVM runs with {@code --add-modules jdk.incubator.vector} (packed
 * panels, {@link PackedGemm}, for large products; {@link VectorGemm} and {@link VectorDot} for the
 * others), plain loops ({@link ScalarGemm}) otherwise, or when the system property
 * {@code neurite.vector=false} asks for them. C is split into chunks over a {@link Parallelism} when the
 * product is large enough to pay for the hand-off; each element is computed by one chunk in a fixed
 * order, so the result is bit-identical for any thread count.
 * {@link NaiveGemm} is the textbook twin the tests compare against.
 *
 * <p>C must not share its backing array with A or B ({@code mult(A, B, A)} would read what it has
 * already overwritten): every form rejects that with an {@link IllegalArgumentException}. Whatever
 * scratch a kernel needs (packed panels, the non-zero indices of a single row, a transposed B) is the
 * calling thread's own and grows to the largest product it has run, so callers pass no buffers and
 * the same weights can be multiplied on any number of threads at once.
 */
public final class Gemm {
    /** Products smaller than this many multiply-adds run on the calling thread alone. */
    static final long PARALLEL_THRESHOLD = 1L << 21;
    private static final boolean VECTOR = vectorAvailable();

    private Gemm() {}

    private static boolean vectorAvailable() {
        if (!Boolean.parseBoolean(System.getProperty("neurite.vector", "true"))) {
            return false;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            return VectorGemm.S.length() >= 4;
        } catch (LinkageError e) {
            return false;
        }
    }

    /** Which kernels run, e.g. {@code "vector (512-bit, 16 floats)"} or {@code "scalar (…)"}. */
    public static String path() {
        if (VECTOR) {
            return "vector (" + VectorGemm.S.vectorBitSize() + "-bit, " + VectorGemm.S.length() + " floats)";
        }
        return "scalar (" + (Boolean.parseBoolean(System.getProperty("neurite.vector", "true"))
                ? "run java with --add-modules jdk.incubator.vector for the vector kernels" : "neurite.vector=false") + ")";
    }

    /** Whether the Vector API kernels are in use. */
    public static boolean vectorized() {
        return VECTOR;
    }

    /** {@code C = A·B} on the calling thread. */
    public static void mult(Matrix A, Matrix B, Matrix C) {
        mult(A, B, C, Parallelism.SERIAL);
    }

    /**
     * {@code C = A·B}. A single row of A (one example at inference) skips A's zero entries, with the
     * indices of the others gathered into the calling thread's scratch; a batch whose A is mostly zeros
     * (MNIST images) skips the steps where six rows at a time are all zero ({@link SparseTiles}). The bits
     * are the dense path's either way.
     */
    public static void mult(Matrix A, Matrix B, Matrix C, Parallelism par) {
        mult(A, B, C, par, Epilogue.NONE);
    }

    /**
     * {@code C = A·B} followed by {@code then} on each element (a bias, a ReLU), applied to each part of C
     * as it is finished; the same bits as the product followed by {@link Kernels#addRowVector} and
     * {@link Kernels#relu}.
     */
    public static void mult(Matrix A, Matrix B, Matrix C, Parallelism par, Epilogue then) {
        int m = A.rows(), k = A.cols(), n = B.cols();
        checkShapes("mult", B.rows() == k && C.rows() == m && C.cols() == n, A, B, C);
        checkNotAliased("mult", A, B, C);
        then.checkColumns("mult", n);
        float[] a = A.data(), b = B.data(), c = C.data();
        if (VECTOR && m == 1) {
            VectorRow.sparseRow(a, b, c, k, n, Scratch.indices(k));
            then.apply(c, n, 0, 1, 0, n);
            return;
        }
        if (VECTOR && SparseTiles.worthIt(a, m * k, n)) {
            SparseTiles.mult(par, a, b, c, m, k, n, then);
            return;
        }
        mult(par, a, b, c, m, k, n, then);
    }

    /** The dense {@code C = A·B} over arrays, shapes checked. */
    private static void mult(Parallelism par, float[] a, float[] b, float[] c, int m, int k, int n, Epilogue then) {
        if (packed(Form.MULT, m, k, n)) {
            PackedGemm.product(par, a, k, 1, b, n, 1, c, n, false, m, k, n, then);
            return;
        }
        split(par, m, (long) m * k * n, (i0, i1) -> {
            if (VECTOR) {
                VectorGemm.broadcast(a, k, 1, b, c, k, n, i0, i1, m);
            } else {
                ScalarGemm.mult(a, b, c, k, n, i0, i1);
            }
            then.apply(c, n, i0, i1, 0, n);
        });
    }

    /** {@code C = Aᵀ·B} on the calling thread. */
    public static void multTransA(Matrix A, Matrix B, Matrix C) {
        multTransA(A, B, C, Parallelism.SERIAL);
    }

    /**
     * {@code C = Aᵀ·B}. An A that is mostly zeros (the input of a layer whose weight gradient this is: MNIST
     * images, a trained ReLU layer's outputs) skips the steps where six of its columns at a time are all zero
     * ({@link SparseGradient}); the bits are the dense path's either way.
     */
    public static void multTransA(Matrix A, Matrix B, Matrix C, Parallelism par) {
        int k = A.rows(), m = A.cols(), n = B.cols();
        checkShapes("multTransA", B.rows() == k && C.rows() == m && C.cols() == n, A, B, C);
        checkNotAliased("multTransA", A, B, C);
        float[] a = A.data(), b = B.data(), c = C.data();
        if (VECTOR && m >= SparseGradient.MIN_ROWS && n >= SparseGradient.MIN_COLUMNS && SparseTiles.worthIt(a, k * m, n)
                && SparseGradient.activeColumnSteps(a, k, m) <= SparseGradient.MAX_ACTIVE_COLUMN_STEPS) {
            SparseGradient.multTransA(par, a, b, c, m, k, n);
            return;
        }
        if (packed(Form.TRANS_A, m, k, n)) {
            PackedGemm.product(par, a, 1, m, b, n, 1, c, n, false, m, k, n, Epilogue.NONE);
            return;
        }
        split(par, m, (long) m * k * n, (i0, i1) -> {
            if (VECTOR) {
                VectorGemm.broadcast(a, 1, m, b, c, k, n, i0, i1, m);
            } else {
                ScalarGemm.multTransA(a, b, c, k, m, n, i0, i1);
            }
        });
    }

    /** {@code C = A·Bᵀ} on the calling thread. */
    public static void multTransB(Matrix A, Matrix B, Matrix C) {
        multTransB(A, B, C, Parallelism.SERIAL);
    }

    /**
     * {@code C = A·Bᵀ}. When the inner size k is too small for vectors along it (the output layer's
     * {@code dX = dZ·Wᵀ}, k = 10, is such a product), B is transposed into the calling thread's scratch
     * and multiplied with the broadcast kernel of {@link #mult}.
     */
    public static void multTransB(Matrix A, Matrix B, Matrix C, Parallelism par) {
        int m = A.rows(), k = A.cols(), n = B.rows();
        checkShapes("multTransB", B.cols() == k && C.rows() == m && C.cols() == n, A, B, C);
        checkNotAliased("multTransB", A, B, C);
        float[] a = A.data(), b = B.data(), c = C.data();
        if (narrowTransB(k)) {
            transposedTransB(par, a, b, c, m, k, n);
            return;
        }
        if (packed(Form.TRANS_B, m, k, n)) {
            if (m < n) {
                // Cᵀ = B·Aᵀ: B is read in place and the smaller A is the one transposed into panels
                PackedGemm.product(par, b, k, 1, a, 1, k, c, n, true, n, k, m, Epilogue.NONE);
            } else {
                PackedGemm.product(par, a, k, 1, b, 1, k, c, n, false, m, k, n, Epilogue.NONE);
            }
            return;
        }
        split(par, m, (long) m * k * n, (i0, i1) -> {
            if (VECTOR) {
                VectorDot.dot(a, b, c, k, n, i0, i1);
            } else {
                ScalarGemm.multTransB(a, b, c, k, n, i0, i1);
            }
        });
    }

    /** {@code C = A·Bᵀ} as {@code A·(Bᵀ)}, with B: (n,k) transposed into the calling thread's scratch. */
    static void transposedTransB(Parallelism par, float[] a, float[] b, float[] c, int m, int k, int n) {
        float[] bt = Scratch.floats(k * n + Matrix.SLACK);                 // Bᵀ: (k, n)
        for (int j = 0; j < n; j++) {
            for (int p = 0; p < k; p++) {
                bt[p * n + j] = b[j * k + p];
            }
        }
        mult(par, a, bt, c, m, k, n, Epilogue.NONE);
    }

    /**
     * Whether {@code A·Bᵀ} over k steps goes through a transposed copy of B (fewer than two vectors along
     * k): the shape alone decides, so the choice is the same for any thread count.
     */
    static boolean narrowTransB(int k) {
        return VECTOR && k < 2 * VectorGemm.S.length();
    }

    /** The forms, for choosing between packed and unpacked kernels. */
    enum Form { MULT, TRANS_A, TRANS_B }

    /**
     * Whether a product of C: (m,n) over k steps goes through {@link PackedGemm}: where its packing pays
     * for itself, on this project's measurements (docs/performance.md). For {@code mult} and
     * {@code multTransA} both paths give the same bits, so this only changes the speed; for
     * {@code multTransB} the choice depends on the shape alone, so it is the same for any thread count.
     */
    static boolean packed(Form form, int m, int k, int n) {
        if (!VECTOR || k == 0) {
            return false;
        }
        return switch (form) {
            case MULT -> m >= 32 && k >= 256 && n >= 256;
            case TRANS_A -> m >= 512 && n >= 512;
            case TRANS_B -> m >= 48 && n >= 128 && (long) m * k * n >= 1L << 20;
        };
    }

    /** The rows [i0, i1) of one chunk. */
    @FunctionalInterface
    private interface Rows {
        void run(int i0, int i1);
    }

    private static void split(Parallelism par, int m, long work, Rows rows) {
        if (par.threads() == 1 || work < PARALLEL_THRESHOLD || m < 2 * MIN_CHUNK_ROWS) {
            rows.run(0, m);
            return;
        }
        int chunks = Math.min((m + MIN_CHUNK_ROWS - 1) / MIN_CHUNK_ROWS, 8 * par.threads());
        int per = ((m + chunks - 1) / chunks + 7) / 8 * 8;   // whole 8-row tiles per chunk
        int used = (m + per - 1) / per;
        par.run(used, c -> rows.run(c * per, Math.min(m, (c + 1) * per)));
    }

    private static final int MIN_CHUNK_ROWS = 16;

    /**
     * Rejects an output that shares its backing array with an input: the kernels read A and B while they
     * write C, so {@code mult(A, B, A)} would silently read values it had already overwritten.
     */
    static void checkNotAliased(String op, Matrix A, Matrix B, Matrix C) {
        boolean withA = C.data() == A.data(), withB = C.data() == B.data();
        if (withA || withB) {
            String inputs = withA && withB ? "A and B" : withA ? "A" : "B";
            throw new IllegalArgumentException(op + ": C " + C.shape() + " shares its array with " + inputs
                    + (C == A || C == B ? " (the same matrix)" : "") + "; the product would overwrite its own input;"
                    + " pass a separate output matrix");
        }
    }

    static void checkShapes(String op, boolean ok, Matrix A, Matrix B, Matrix C) {
        if (!ok) {
            throw new IllegalArgumentException(op + ": shapes do not fit: A " + A.shape() + ", B " + B.shape()
                    + ", C " + C.shape());
        }
    }
}
