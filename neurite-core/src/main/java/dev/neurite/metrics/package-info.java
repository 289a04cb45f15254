/**
 * Measuring a network on a data set: loss, accuracy, the confusion matrix and per-class precision,
 * recall and F1, or for regression targets RMSE, MAE and R² ({@link dev.neurite.metrics.Evaluation}).
 * Which class an output row stands for is the {@link dev.neurite.model.OutputHead}'s rule.
 *
 * <p>Left out: ROC curves, calibration, per-target regression figures.
 */
package dev.neurite.metrics;
