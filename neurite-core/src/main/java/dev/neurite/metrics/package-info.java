/**
 * Measuring a network on a data set: loss, accuracy, the confusion matrix and per-class precision,
 * recall and F1 ({@link dev.neurite.metrics.Evaluation}).
 *
 * <p>Left out: ROC curves, calibration, regression metrics beyond the loss.
 */
package dev.neurite.metrics;
