/**
 * The kernels: everything that makes the arithmetic fast, and nothing else. Internal: the module does
 * not export this package, so a faster kernel can replace one file without breaking a user.
 *
 * <p>{@link dev.neurite.kernel.Gemm} holds the three products a dense layer needs ({@code mult},
 * {@code multTransA}, {@code multTransB}), choosing among the register-tiled Vector API kernels
 * ({@code VectorGemm}, {@code PackedGemm}, {@code VectorDot}, {@code VectorRow}) and the plain-Java
 * {@code ScalarGemm}, with {@link dev.neurite.kernel.NaiveGemm} as the naive twin every path is tested
 * against. {@link dev.neurite.kernel.Kernels} and {@link dev.neurite.kernel.Activations} are the
 * element-wise passes (bias and activation, softmax, column sums, dropout masks). Kernels own their
 * scratch (per calling thread, never passed in by a caller) and their grain:
 * {@link dev.neurite.kernel.Parallelism} decides how finely work is split from what is split and how
 * large it is, so that every output element is computed by one thread in a fixed order and results
 * are the same for any thread count.
 *
 * <p>Left out: layers, losses and optimizers, which call these kernels and hold no kernel state.
 */
package dev.neurite.kernel;
