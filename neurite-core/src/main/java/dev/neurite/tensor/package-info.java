/**
 * Dense float32 matrices and the one source of randomness.
 *
 * <p>{@link dev.neurite.tensor.Matrix} is row-major over one contiguous {@code float[]}; activations
 * are batch-major {@code (B, features)}. {@link dev.neurite.tensor.Rng} is seeded, splittable, its
 * state a few longs, and draws dropout masks counter-based ({@code uniformAt}), so any thread draws the
 * same element.
 *
 * <p>Left out: the kernels that work on matrices (products, element-wise passes, the thread pool):
 * they live in {@code dev.neurite.kernel}, which the module does not export. Also left out: automatic
 * differentiation, broadcasting, tensors of rank above two, other dtypes.
 */
package dev.neurite.tensor;
