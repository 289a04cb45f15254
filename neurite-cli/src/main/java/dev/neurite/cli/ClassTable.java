package dev.neurite.cli;

import java.util.List;
import java.util.Locale;

/**
 * Precision, recall, F1 and support per class from a confusion matrix ({@code c[true][predicted]}), with
 * the accuracy and the macro and support-weighted averages, as scikit-learn's {@code classification_report}
 * gives them (a ratio with nothing to count is 0, its {@code zero_division=0}):
 * <pre>
 *   precision_k = c[k][k] / Σ_t c[t][k]     recall_k = c[k][k] / Σ_p c[k][p]     F1_k = 2·P·R / (P + R)
 *   macro = mean over classes               weighted = Σ_k support_k · m_k / Σ_k support_k
 * </pre>
 */
final class ClassTable {
    final double[] precision, recall, f1;
    final long[] support;
    final long total;
    final double accuracy;

    ClassTable(long[][] c) {
        int k = c.length;
        precision = new double[k];
        recall = new double[k];
        f1 = new double[k];
        support = new long[k];
        long right = 0, all = 0;
        for (int i = 0; i < k; i++) {
            long predicted = 0;
            for (int t = 0; t < k; t++) {
                predicted += c[t][i];
                support[i] += c[i][t];
            }
            precision[i] = predicted == 0 ? 0 : (double) c[i][i] / predicted;
            recall[i] = support[i] == 0 ? 0 : (double) c[i][i] / support[i];
            f1[i] = precision[i] + recall[i] == 0 ? 0 : 2 * precision[i] * recall[i] / (precision[i] + recall[i]);
            right += c[i][i];
            all += support[i];
        }
        total = all;
        accuracy = all == 0 ? 0 : (double) right / all;
    }

    static double macro(double[] m) {
        double sum = 0;
        for (double v : m) {
            sum += v;
        }
        return sum / m.length;
    }

    double weighted(double[] m) {
        double sum = 0;
        for (int i = 0; i < m.length; i++) {
            sum += support[i] * m[i];
        }
        return total == 0 ? 0 : sum / total;
    }

    /** The table as HTML: one row per class, then accuracy, macro and weighted averages (scikit-learn's layout). */
    String html(List<String> names, String setName) {
        StringBuilder h = new StringBuilder("<table class=\"classes\" data-set=\"").append(Html.escape(setName))
                .append("\">\n<thead><tr><th>class</th><th>precision</th><th>recall</th><th>F1</th><th>support</th></tr></thead>\n<tbody>\n");
        int worst = 0;
        for (int i = 0; i < f1.length; i++) {
            worst = f1[i] < f1[worst] ? i : worst;
        }
        for (int i = 0; i < f1.length; i++) {
            h.append("<tr data-class=\"").append(Html.escape(names.get(i))).append(i == worst && f1.length > 2 ? "\" class=\"worst" : "")
                    .append("\"><th>").append(Html.escape(names.get(i))).append("</th>")
                    .append(cell(precision[i])).append(cell(recall[i])).append(cell(f1[i])).append("<td>").append(support[i]).append("</td></tr>\n");
        }
        h.append("</tbody>\n<tfoot>\n<tr data-class=\"accuracy\"><th>accuracy</th><td></td><td></td>").append(cell(accuracy))
                .append("<td>").append(total).append("</td></tr>\n");
        h.append("<tr data-class=\"macro avg\"><th>macro avg</th>").append(cell(macro(precision))).append(cell(macro(recall)))
                .append(cell(macro(f1))).append("<td>").append(total).append("</td></tr>\n");
        h.append("<tr data-class=\"weighted avg\"><th>weighted avg</th>").append(cell(weighted(precision))).append(cell(weighted(recall)))
                .append(cell(weighted(f1))).append("<td>").append(total).append("</td></tr>\n</tfoot>\n</table>\n");
        return h.toString();
    }

    private static String cell(double v) {
        return String.format(Locale.ROOT, "<td>%.4f</td>", v);
    }
}
