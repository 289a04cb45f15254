package dev.neurite.train;

/**
 * What one training step saw.
 *
 * @param epoch           the epoch, from 0
 * @param batch           the batch within the epoch, from 0
 * @param batchesPerEpoch how many batches the epoch has
 * @param size            examples in this batch
 * @param loss            the batch's loss, penalty included
 * @param correct         examples in the batch classified correctly (0 for regression)
 * @param learningRate    the rate used for this step
 */
public record BatchStats(int epoch, int batch, int batchesPerEpoch, int size, double loss, int correct,
                         double learningRate) {}
