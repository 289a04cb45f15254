/**
 * Measuring a network on a data set: loss, accuracy, the confusion matrix and per-class precision,
 * recall and F1, or for regression targets RMSE, MAE and R² ({@link dev.neurite.metrics.Evaluation});
 * from a set's predicted probabilities, the macro and weighted averages, log-loss, top-k accuracy,
 * ROC AUC and average precision as scikit-learn defines them ({@link dev.neurite.metrics.ClassMetrics},
 * {@link dev.neurite.metrics.Ranking}).
 * Which class an output row stands for is the {@link dev.neurite.model.OutputHead}'s rule.
 *
 * <p>Left out: the ROC and precision-recall curves themselves (only their areas), calibration, per-target regression figures.
 */
package dev.neurite.metrics;
