package dev.neurite.kernel;

/**
 * The calling thread's scratch arrays for {@link Gemm}: the indices of a single row's non-zero inputs and
 * the transposed copy of B in a narrow {@code A·Bᵀ}. They belong to the kernels, not to the layers that
 * call them, so a layer holds no kernel buffer and one set of weights can be used from any number of
 * threads. Each array only grows (to the largest product the thread has run), so steady-state training
 * allocates nothing here; its contents never outlive one product, so they cannot change a result.
 */
final class Scratch {
    private static final ThreadLocal<Scratch> MINE = ThreadLocal.withInitial(Scratch::new);

    private int[] indices = new int[0];
    private float[] floats = new float[0];
    private float[] values = new float[0];

    private Scratch() {}

    /** At least {@code n} ints, for this thread's current product only. */
    static int[] indices(int n) {
        Scratch s = MINE.get();
        if (s.indices.length < n) {
            s.indices = new int[n];
        }
        return s.indices;
    }

    /** At least {@code n} floats, for this thread's current product only. */
    static float[] floats(int n) {
        Scratch s = MINE.get();
        if (s.floats.length < n) {
            s.floats = new float[n];
        }
        return s.floats;
    }

    /** At least {@code n} floats apart from {@link #floats}, for this thread's current product only. */
    static float[] values(int n) {
        Scratch s = MINE.get();
        if (s.values.length < n) {
            s.values = new float[n];
        }
        return s.values;
    }
}
