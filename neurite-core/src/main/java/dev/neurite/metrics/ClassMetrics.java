package dev.neurite.metrics;

import dev.neurite.tensor.Matrix;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A classifier's figures beyond accuracy, from the true classes, the predicted classes and the predicted
 * probabilities of a set, defined as scikit-learn defines them:
 *
 * <pre>
 *   macro P, R, F1     the unweighted mean over the classes present in the truth or the predictions
 *   weighted P, R, F1  the mean weighted by each class's support (its count in the truth)
 *                      (a class never predicted has precision 0; F1_c = 2·P_c·R_c / (P_c + R_c), 0 when both are 0)
 *   log-loss           −(1/N) Σ_i log p̂_i,y_i, with p̂ clipped to [ε, 1 − ε] (ε = 2⁻⁵²) and each row renormalised
 *   top-k accuracy     the fraction whose true class is among the k highest probabilities (a tie ranks the
 *                      higher class index first, as scikit-learn's stable sort does)
 *   ROC AUC, AP        binary: of the class-1 probability; more classes: the macro mean over one-vs-rest
 *                      ({@link Ranking}); NaN when a class has no examples (or, for ROC AUC, all are of it)
 * </pre>
 * Probabilities are a {@code (N, K)} matrix, or {@code (N, 1)} for a single σ output (the probability of
 * class 1). Sums are in double; nothing passed in is modified or kept.
 */
public final class ClassMetrics {
    private static final double EPS = Math.ulp(1.0);   // numpy's finfo(float64).eps, scikit-learn's clip

    private final int[] truth, predicted;
    private final double[][] probabilities;   // (N, K), K ≥ 2
    private final int classes;
    private final long[][] confusion;

    private ClassMetrics(int[] truth, int[] predicted, double[][] probabilities, int classes) {
        this.truth = truth;
        this.predicted = predicted;
        this.probabilities = probabilities;
        this.classes = classes;
        confusion = new long[classes][classes];
        for (int i = 0; i < truth.length; i++) {
            confusion[truth[i]][predicted[i]]++;
        }
    }

    /**
     * @param truth         the true class of each example, in {@code [0, classes)}
     * @param predicted     the predicted class of each example (the model's class rule), in {@code [0, classes)}
     * @param probabilities {@code (N, classes)}, or {@code (N, 1)} when {@code classes} is 2: finite, ≥ 0
     */
    public static ClassMetrics of(int[] truth, int[] predicted, Matrix probabilities, int classes) {
        int n = truth.length;
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be >= 2, was " + classes);
        }
        if (n == 0) {
            throw new IllegalArgumentException("no examples to measure");
        }
        if (predicted.length != n || probabilities.rows() != n) {
            throw new IllegalArgumentException(n + " true classes but " + predicted.length + " predicted and "
                    + probabilities.rows() + " rows of probabilities");
        }
        int k = probabilities.cols();
        if (k != classes && !(k == 1 && classes == 2)) {
            throw new IllegalArgumentException("probabilities have " + k + " columns for " + classes + " classes");
        }
        double[][] p = new double[n][classes];
        for (int i = 0; i < n; i++) {
            check("true class", i, truth[i], classes);
            check("predicted class", i, predicted[i], classes);
            for (int c = 0; c < k; c++) {
                double v = probabilities.get(i, c);
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new IllegalArgumentException("probability (" + i + ", " + c + ") must be finite and >= 0, was " + v);
                }
                p[i][k == 1 ? 1 : c] = v;
            }
            if (k == 1) {
                p[i][0] = 1 - p[i][1];
            }
        }
        return new ClassMetrics(truth.clone(), predicted.clone(), p, classes);
    }

    private static void check(String what, int i, int c, int classes) {
        if (c < 0 || c >= classes) {
            throw new IllegalArgumentException(what + " of example " + i + " must be in [0, " + classes + "), was " + c);
        }
    }

    /** The number of examples. */
    public int count() { return truth.length; }

    /** The fraction predicted correctly. */
    public double accuracy() {
        long right = 0;
        for (int c = 0; c < classes; c++) {
            right += confusion[c][c];
        }
        return (double) right / truth.length;
    }

    /** Mean precision over the classes present in the truth or the predictions. */
    public double precisionMacro() { return average(0, false); }

    /** Mean recall over the classes present in the truth or the predictions. */
    public double recallMacro() { return average(1, false); }

    /** Mean F1 over the classes present in the truth or the predictions. */
    public double f1Macro() { return average(2, false); }

    /** Precision averaged with each class's support as its weight. */
    public double precisionWeighted() { return average(0, true); }

    /** Recall averaged with each class's support as its weight (equals the accuracy). */
    public double recallWeighted() { return average(1, true); }

    /** F1 averaged with each class's support as its weight. */
    public double f1Weighted() { return average(2, true); }

    private double average(int figure, boolean weighted) {
        double sum = 0, weights = 0;
        for (int c = 0; c < classes; c++) {
            long support = 0, predictedAs = 0;
            for (int j = 0; j < classes; j++) {
                support += confusion[c][j];
                predictedAs += confusion[j][c];
            }
            if (support == 0 && predictedAs == 0) {
                continue;                                   // absent from both: not one of the set's labels
            }
            double tp = confusion[c][c];
            double precision = predictedAs == 0 ? 0 : tp / predictedAs, recall = support == 0 ? 0 : tp / support;
            double value = figure == 0 ? precision : figure == 1 ? recall
                    : precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            double w = weighted ? support : 1;
            sum += w * value;
            weights += w;
        }
        return weights == 0 ? 0 : sum / weights;
    }

    /** The mean negative log-probability of the true class (clipped and renormalised as scikit-learn's {@code log_loss}). */
    public double logLoss() {
        double total = 0;
        for (int i = 0; i < truth.length; i++) {
            double rowSum = 0;
            for (int c = 0; c < classes; c++) {
                rowSum += clip(probabilities[i][c]);
            }
            total -= Math.log(clip(probabilities[i][truth[i]]) / rowSum);
        }
        return total / truth.length;
    }

    private static double clip(double p) {
        return Math.min(Math.max(p, EPS), 1 - EPS);
    }

    /** The fraction whose true class is among the {@code k} most probable ({@code k ≥ 1}; 1 when {@code k ≥ K}). */
    public double topK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, was " + k);
        }
        long hits = 0;
        for (int i = 0; i < truth.length; i++) {
            double[] row = probabilities[i];
            int t = truth[i], above = 0;
            for (int c = 0; c < classes; c++) {
                if (row[c] > row[t] || (row[c] == row[t] && c > t)) {
                    above++;
                }
            }
            if (above < k) {
                hits++;
            }
        }
        return (double) hits / truth.length;
    }

    /** ROC AUC: binary of class 1's probability; for more classes the macro mean of one-vs-rest; NaN if undefined. */
    public double rocAuc() { return ranked(true); }

    /** Average precision (PR AUC): binary of class 1; for more classes the macro mean of one-vs-rest; NaN if undefined. */
    public double averagePrecision() { return ranked(false); }

    private double ranked(boolean roc) {
        int first = classes == 2 ? 1 : 0;
        double sum = 0;
        for (int c = first; c < classes; c++) {
            double[] scores = new double[truth.length];
            boolean[] positive = new boolean[truth.length];
            for (int i = 0; i < truth.length; i++) {
                scores[i] = probabilities[i][c];
                positive[i] = truth[i] == c;
            }
            sum += roc ? Ranking.rocAuc(scores, positive) : Ranking.averagePrecision(scores, positive);
        }
        return sum / (classes - first);
    }

    /**
     * Every figure by its scikit-learn scorer name, in a fixed order: accuracy, the macro and weighted
     * precision/recall/F1, log_loss, top_2_accuracy and top_5_accuracy (when there are more classes than k),
     * roc_auc (roc_auc_ovr for more than two classes) and average_precision.
     */
    public Map<String, Double> all() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", accuracy());
        m.put("precision_macro", precisionMacro());
        m.put("recall_macro", recallMacro());
        m.put("f1_macro", f1Macro());
        m.put("precision_weighted", precisionWeighted());
        m.put("recall_weighted", recallWeighted());
        m.put("f1_weighted", f1Weighted());
        m.put("log_loss", logLoss());
        for (int k : new int[] {2, 5}) {
            if (classes > k) {
                m.put("top_" + k + "_accuracy", topK(k));
            }
        }
        m.put(classes == 2 ? "roc_auc" : "roc_auc_ovr", rocAuc());
        m.put("average_precision", averagePrecision());
        return m;
    }
}
