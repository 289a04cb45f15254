/**
 * Data sets in memory and their iteration in minibatches: {@link dev.neurite.data.Dataset} (features
 * and targets, with class labels when it is a classification set), one-hot encoding, and
 * {@link dev.neurite.data.Batches} (seeded shuffle, sequential, or the second seed's
 * {@code np.array_split}) gathering rows into reused buffers.
 *
 * <p>Left out: streaming from disk, data augmentation.
 */
package dev.neurite.data;
