/**
 * Dense float32 matrices and the kernels that work on them.
 *
 * <p>{@link dev.neurite.tensor.Matrix} is row-major over one contiguous {@code float[]}; activations
 * are batch-major {@code (B, features)}. {@link dev.neurite.tensor.Gemm} holds the three products a
 * dense layer needs ({@code mult}, {@code multTransA}, {@code multTransB}) and
 * {@link dev.neurite.tensor.Kernels} the element-wise ones. Kernels live here and only here, so a
 * faster kernel replaces one file and no layer changes. So do their scratch (per calling thread, never
 * passed in by a caller) and their grain: {@link dev.neurite.tensor.Parallelism} decides how finely work
 * is split from what is split and how large it is. {@link dev.neurite.tensor.Rng} is the one
 * source of randomness: seeded, splittable, its state a few longs.
 *
 * <p>Left out: automatic differentiation, broadcasting, tensors of rank above two, other dtypes.
 */
package dev.neurite.tensor;
