package dev.neurite.cli;

import dev.neurite.data.Dataset;
import dev.neurite.infer.Predictor;
import dev.neurite.metrics.ClassMetrics;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** A classifier's figures beyond accuracy ({@link ClassMetrics}) on a labelled set, and how commands print them. */
final class ClassScores {
    private ClassScores() {}

    /** The predictor's classes and probabilities on {@code data} (raw features), measured. */
    static ClassMetrics of(Predictor predictor, Dataset data) {
        return ClassMetrics.of(data.labels(), predictor.classes(data.x()), predictor.predict(data.x()), data.numClasses());
    }

    /** The macro and weighted averages as a small table, then the ranking figures on one line. */
    static void print(PrintWriter out, ClassMetrics m) {
        out.printf(Locale.ROOT, "%12s  %9s  %9s  %9s%n", "average", "precision", "recall", "f1");
        out.printf(Locale.ROOT, "%12s  %9.4f  %9.4f  %9.4f%n", "macro", m.precisionMacro(), m.recallMacro(), m.f1Macro());
        out.printf(Locale.ROOT, "%12s  %9.4f  %9.4f  %9.4f%n", "weighted", m.precisionWeighted(), m.recallWeighted(), m.f1Weighted());
        out.println(line(m.all()));
    }

    /** The figures after the averages, {@code name value} separated by commas ("n/a" when undefined). */
    static String line(Map<String, Double> all) {
        StringBuilder sb = new StringBuilder();
        boolean after = false;
        for (Map.Entry<String, Double> e : all.entrySet()) {
            if (after) {
                sb.append(sb.isEmpty() ? "" : ", ").append(e.getKey()).append(' ').append(f4(e.getValue()));
            }
            after |= e.getKey().equals("f1_weighted");
        }
        return sb.toString();
    }

    /** One line: the macro and weighted F1, then {@link #line}. */
    static String summary(ClassMetrics m) {
        return "f1_macro " + f4(m.f1Macro()) + ", f1_weighted " + f4(m.f1Weighted()) + ", " + line(m.all());
    }

    static String f4(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }
}
