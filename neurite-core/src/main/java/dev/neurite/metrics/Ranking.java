package dev.neurite.metrics;

/**
 * How well scores rank the positive examples above the negative ones, as scikit-learn measures it:
 *
 * <pre>
 *   ROC AUC = area under (FPR, TPR) through the points of each distinct threshold, by the trapezoid rule
 *   AP      = Σ_n (R_n − R_{n−1}) · P_n    over distinct thresholds from the highest (R_0 = 0), no interpolation
 * </pre>
 * Examples with equal scores form one threshold, so a tie between a positive and a negative counts half
 * in the ROC AUC and enters AP at the tied group's precision ({@code roc_auc_score},
 * {@code average_precision_score}). Sums are in double; the inputs are not modified.
 */
public final class Ranking {
    private Ranking() {}

    /**
     * The area under the ROC curve of {@code scores} for the examples marked {@code positive}; NaN when
     * either the positives or the negatives are missing (the curve is undefined).
     */
    public static double rocAuc(double[] scores, boolean[] positive) {
        int[] order = descending(scores, positive);
        long p = 0, n = 0;
        for (boolean b : positive) {
            if (b) {
                p++;
            } else {
                n++;
            }
        }
        if (p == 0 || n == 0) {
            return Double.NaN;
        }
        double area = 0;
        long tp = 0, fp = 0;
        for (int i = 0; i < order.length; ) {
            long tp0 = tp, fp0 = fp;
            double s = scores[order[i]];
            for (; i < order.length && scores[order[i]] == s; i++) {
                if (positive[order[i]]) {
                    tp++;
                } else {
                    fp++;
                }
            }
            area += (fp - fp0) * (tp + tp0) / 2.0;   // the trapezoid under this threshold's step
        }
        return area / ((double) p * n);
    }

    /**
     * The average precision of {@code scores} for the examples marked {@code positive} (the area under the
     * precision-recall curve as a step function); NaN when there are no positives.
     */
    public static double averagePrecision(double[] scores, boolean[] positive) {
        int[] order = descending(scores, positive);
        long p = 0;
        for (boolean b : positive) {
            if (b) {
                p++;
            }
        }
        if (p == 0) {
            return Double.NaN;
        }
        double ap = 0;
        long tp = 0, seen = 0;
        for (int i = 0; i < order.length; ) {
            long tp0 = tp;
            double s = scores[order[i]];
            for (; i < order.length && scores[order[i]] == s; i++) {
                seen++;
                if (positive[order[i]]) {
                    tp++;
                }
            }
            if (tp > tp0) {
                ap += (double) (tp - tp0) / p * ((double) tp / seen);
            }
        }
        return ap;
    }

    private static int[] descending(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + positive.length + " truth values");
        }
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
        }
        return java.util.stream.IntStream.range(0, scores.length).boxed()
                .sorted((a, b) -> Double.compare(scores[b], scores[a])).mapToInt(Integer::intValue).toArray();
    }
}
