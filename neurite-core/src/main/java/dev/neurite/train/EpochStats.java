package dev.neurite.train;

/**
 * One epoch's figures. Training loss and accuracy are the means over the epoch's batches as they were
 * trained (dropout on, weights moving), as Keras reports them; validation figures are measured after
 * the epoch in inference mode, and are NaN without validation data (accuracies also for regression).
 *
 * @param epoch the epoch, from 0
 */
public record EpochStats(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                         double validationAccuracy, double learningRate, double seconds) {}
